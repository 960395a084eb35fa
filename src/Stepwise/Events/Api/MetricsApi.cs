using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Events.Analysis;
using Stepwise.Events.Metrics;

namespace Stepwise.Events.Api;

/// <summary>The metrics catalogue and experiment analysis.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Metrics").RequireAuthorization();
        api.MapGet("/metrics", async (MetricService metrics, CancellationToken ct) => Results.Ok(await metrics.ListAsync(ct)))
            .WithName("ListMetrics").WithSummary("The metrics catalogue.").Produces<IReadOnlyList<MetricView>>();
        api.MapGet("/metrics/{key}", async (MetricService metrics, string key, CancellationToken ct) =>
                await metrics.GetAsync(key, ct) is { } m ? Results.Ok(m) : Results.Problem(statusCode: 404, title: "Not found.", detail: $"No metric '{key}'."))
            .WithName("GetMetric").Produces<MetricView>().ProducesProblem(404);
        api.MapPost("/metrics", async (MetricService metrics, ClaimsPrincipal user, MetricRequest request, CancellationToken ct) =>
                Reply(await metrics.CreateAsync(user, request, ct), created: true))
            .WithName("CreateMetric").WithSummary("Adds a metric to the catalogue.").Produces<MetricView>(201).ProducesValidationProblem();
        api.MapPut("/metrics/{key}", async (MetricService metrics, ClaimsPrincipal user, string key, MetricRequest request, CancellationToken ct) =>
                Reply(await metrics.UpdateAsync(user, key, request, ct), created: false))
            .WithName("UpdateMetric").WithSummary("Changes a metric (author, administrators, leadership).")
            .Produces<MetricView>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/experiments/{key}/analysis", async (ExperimentAnalysisService analysis, string key, string? metrics, string? guardrails,
                long? plannedUnits, double? alpha, CancellationToken ct) =>
                Reply(await analysis.AnalyzeAsync(key, new AnalysisRequest(Split(metrics), Split(guardrails), plannedUnits, alpha), ct), created: false))
            .WithName("AnalyzeExperiment")
            .WithSummary("Analyses an experiment from its events now: metrics and guardrails are comma-separated catalogue keys.")
            .Produces<ExperimentAnalysisResult>().ProducesValidationProblem().ProducesProblem(404);
        return routes;
    }

    private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static IResult Reply<T>(Outcome<T> outcome, bool created) => outcome.Failure switch
    {
        OutcomeFailure.None when created => Results.Created($"/api/metrics/{(outcome.Value as MetricView)?.Key}", outcome.Value),
        OutcomeFailure.None => Results.Ok(outcome.Value),
        OutcomeFailure.Invalid => outcome.Errors!.ToProblem(),
        OutcomeFailure.NotFound => Results.Problem(title: "Not found.", detail: outcome.Message, statusCode: StatusCodes.Status404NotFound),
        OutcomeFailure.Forbidden => Results.Problem(title: "Not allowed.", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "Conflict.", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
