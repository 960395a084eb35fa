using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stepwise.Careers.Reports;

public static class CareerReportsServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseCareerReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CareerReportsOptions>(configuration.GetSection(CareerReportsOptions.Section));
        services.AddScoped<ReportScopes>().AddScoped<CareerReportService>().AddScoped<Simulations.SimulationService>();
        return services;
    }
}
