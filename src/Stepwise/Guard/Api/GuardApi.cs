using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Model;

namespace Stepwise.Guard.Api;

/// <summary>
/// Guarded rollouts and stored analyses. Reading is open to everyone signed in; setting a guard plan and running a check
/// need the right to change the rollout's flag.
/// </summary>
public static class GuardApi
{
    public static IEndpointRouteBuilder MapGuardApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Guarded rollouts").RequireAuthorization();
        api.MapPut("/rollouts/{id:guid}/guard", async (RolloutGuardService guard, ClaimsPrincipal user, Guid id, GuardRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await guard.SetGuardAsync(user, id, request, ct)))
            .WithName("SetRolloutGuard").WithSummary("Sets the rollout's guard plan: metrics, decision rule, automatic advance, holdback period.")
            .Produces<RolloutGuard>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/rollouts/{id:guid}/analysis", async (RolloutGuardService guard, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await guard.AnalyzeAsync(id, ct)))
            .WithName("AnalyzeRollout").WithSummary("Analyses the current stage now (in the rollout against not in it) and says what the guard would do.")
            .Produces<RolloutAnalysisView>().ProducesProblem(404);
        api.MapPost("/rollouts/{id:guid}/guard/check", async (RolloutGuardService guard, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await guard.CheckAsync(user, id, ct)))
            .WithName("CheckRolloutGuard").WithSummary("Runs the guard on this rollout now, as the schedule does, and stores the snapshot.")
            .Produces<SnapshotView>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/rollouts/{id:guid}/snapshots", async (SnapshotReader reader, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await reader.ForRolloutAsync(id, ct)))
            .WithName("ListRolloutSnapshots").WithSummary("The rollout's stored analyses, oldest first: the cumulative effect over time.")
            .Produces<IReadOnlyList<SnapshotView>>().ProducesProblem(404);
        api.MapGet("/experiments/{key}/snapshots", async (SnapshotReader reader, string key, CancellationToken ct) =>
                OutcomeResults.Ok(await reader.ForExperimentAsync(key, ct)))
            .WithName("ListExperimentSnapshots").WithSummary("The experiment's stored analyses, oldest first.")
            .Produces<IReadOnlyList<SnapshotView>>().ProducesProblem(404);
        api.MapGet("/experiments/{key}/overlap", async (RolloutGuardService guard, string key, CancellationToken ct) =>
                OutcomeResults.Ok(await guard.ExperimentOverlapAsync(key, ct)))
            .WithName("GetExperimentOverlap").WithSummary("Units exposed to this experiment that were also exposed to each other running experiment or rollout.")
            .Produces<OverlapView>().ProducesProblem(404);
        api.MapGet("/lifecycle/features/{key}/evidence", async (SnapshotReader reader, StepwiseDb db, string key, CancellationToken ct) =>
            {
                var feature = await db.Features.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key, ct);
                return feature is null
                    ? Results.Problem(statusCode: 404, title: "Not found.", detail: $"No feature '{key}'.")
                    : Results.Ok(await reader.EvidenceForAsync(feature.FlagKeys, ct));
            })
            .WithName("ListFeatureEvidence").WithSummary("The latest stored analysis of each experiment and rollout of the feature's flags, to cite in a gate decision.")
            .Produces<IReadOnlyList<EvidenceOption>>().ProducesProblem(404);
        return routes;
    }
}
