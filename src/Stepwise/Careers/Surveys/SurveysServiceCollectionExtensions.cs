using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Surveys.Api;
using Stepwise.Identity;

namespace Stepwise.Careers.Surveys;

public static class SurveysServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseSurveys(this IServiceCollection services)
    {
        services.AddScoped<SurveyService>();
        services.AddAuthorizationBuilder().AddPolicy(SurveysApi.AdminPolicy, p => p.RequireRole(Roles.HR, Roles.Admin));
        return services;
    }
}
