using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Cycles.Api;
using Stepwise.Identity;

namespace Stepwise.Careers.Cycles;

public static class CyclesServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseCycles(this IServiceCollection services)
    {
        services.AddScoped<CycleAccess>().AddScoped<CycleNotices>().AddScoped<CycleService>().AddScoped<AssessmentService>()
            .AddScoped<CalibrationService>().AddScoped<CycleProgressService>().AddScoped<CycleFinalizer>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CyclesApi.HrPolicy, p => p.RequireRole(Roles.HR, Roles.Admin))
            .AddPolicy(CyclesApi.CostPolicy, p => p.RequireRole(Roles.HR, Roles.CompensationAdmin));
        return services;
    }
}
