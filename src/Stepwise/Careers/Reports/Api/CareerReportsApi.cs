using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Stepwise.Careers.Reports.Api;

/// <summary>
/// Step reports: HR, administrators and leadership see the organization, tribe leads their tribes, managers their
/// reporting chain; anyone else gets 403. Every report has a CSV twin with the same figures.
/// </summary>
public static class CareerReportsApi
{
    public static IEndpointRouteBuilder MapCareerReportsApi(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/careers/reports").WithTags("Career reports");
        reports.MapGet("/distribution", async (CareerReportService s, ClaimsPrincipal user, DateOnly? asOf, string? by, CancellationToken ct) =>
                OutcomeResults.Ok(await s.DistributionAsync(user, asOf, by, ct)))
            .WithName("GetStepDistribution").WithSummary("Step distribution on a date (default today) against the target, optionally by tribe, discipline or location.");
        reports.MapGet("/distribution/csv", async (CareerReportService s, ClaimsPrincipal user, DateOnly? asOf, string? by, CancellationToken ct) =>
                Csv(await s.DistributionAsync(user, asOf, by, ct), ReportCsv.Distribution, "step-distribution.csv"))
            .WithName("ExportStepDistribution").WithSummary("The step distribution report as CSV.");
        reports.MapGet("/promotions", async (CareerReportService s, ClaimsPrincipal user, DateOnly? from, DateOnly? to, string? period, CancellationToken ct) =>
                OutcomeResults.Ok(await s.PromotionsAsync(user, from, to, period, ct)))
            .WithName("GetPromotionsPerPeriod").WithSummary("Promotions per month, quarter or year, for the scope and per tribe.");
        reports.MapGet("/promotions/csv", async (CareerReportService s, ClaimsPrincipal user, DateOnly? from, DateOnly? to, string? period, CancellationToken ct) =>
                Csv(await s.PromotionsAsync(user, from, to, period, ct), ReportCsv.Promotions, "promotions.csv"))
            .WithName("ExportPromotionsPerPeriod").WithSummary("The promotions report as CSV.");
        reports.MapGet("/time-in-step", async (CareerReportService s, ClaimsPrincipal user, DateOnly? asOf, CancellationToken ct) =>
                OutcomeResults.Ok(await s.TimeInStepAsync(user, asOf, ct)))
            .WithName("GetTimeInStep").WithSummary("Median and spread of the time people have held their current step, per step.");
        reports.MapGet("/time-in-step/csv", async (CareerReportService s, ClaimsPrincipal user, DateOnly? asOf, CancellationToken ct) =>
                Csv(await s.TimeInStepAsync(user, asOf, ct), ReportCsv.TimeInStep, "time-in-step.csv"))
            .WithName("ExportTimeInStep").WithSummary("The time-in-step report as CSV.");
        return routes;
    }

    private static IResult Csv<T>(Stepwise.Api.Outcome<T> outcome, Func<T, string> write, string fileName) =>
        outcome.Succeeded
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(write(outcome.Value!)), "text/csv; charset=utf-8", fileName)
            : OutcomeResults.Ok(outcome);
}
