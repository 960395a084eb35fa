using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Identity;

namespace Stepwise.Careers.Compensation;

public static class CompensationServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseCompensation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompensationOptions>(configuration.GetSection(CompensationOptions.Section));
        services.AddScoped<SalaryReadAudit>().AddScoped<CompensationService>();
        services.AddAuthorizationBuilder()
            .AddPolicy(CompensationAccess.ReadPolicy, p => p.RequireRole(Roles.CompensationAdmin, Roles.HR))
            .AddPolicy(CompensationAccess.WritePolicy, p => p.RequireRole(Roles.CompensationAdmin));
        return services;
    }
}
