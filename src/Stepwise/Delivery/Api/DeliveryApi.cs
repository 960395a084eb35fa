using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Api;
using Stepwise.Delivery.Collisions;
using Stepwise.Delivery.Experiments;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;
using Stepwise.Delivery.Rollouts;
using Stepwise.Delivery.Shared;
using Stepwise.Organization;

namespace Stepwise.Delivery.Api;

/// <summary>
/// Management routes for flags, rollouts, experiments, segments, layers, holdouts and environments. Reading is
/// open to everyone signed in; each write checks the object's owner (see <see cref="DeliveryPermissions"/>).
/// </summary>
public static class DeliveryApi
{
    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Delivery");
        MapFlags(api);
        MapRollouts(api);
        MapExperiments(api);
        MapShared(api);
        return routes;
    }

    private static void MapFlags(RouteGroupBuilder api)
    {
        api.MapGet("/flags", async (FlagReader reader, string? search, bool? includeArchived, int? page, int? pageSize, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Limit("search", search, 200);
            var (p, size) = Paging.Read(page, pageSize, errors);
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await reader.FlagsAsync(search, includeArchived ?? false, p, size, ct));
        }).WithName("ListFlags").Produces<Page<FlagSummary>>();
        api.MapGet("/flags/{key}", async (FlagReader reader, string key, CancellationToken ct) =>
            await reader.FlagAsync(key, ct) is { } flag ? Results.Ok(flag) : Results.NotFound()).WithName("GetFlag").Produces<FlagDetails>();
        api.MapPost("/flags", async (FlagService flags, ClaimsPrincipal user, CreateFlagRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await flags.CreateAsync(user, request, ct), f => $"/api/flags/{f.Key}")).WithName("CreateFlag").Produces<FlagDetails>(201);
        api.MapPut("/flags/{key}", async (FlagService flags, ClaimsPrincipal user, string key, UpdateFlagRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await flags.UpdateAsync(user, key, request, ct))).WithName("UpdateFlag").Produces<FlagDetails>();
        api.MapPut("/flags/{key}/environments/{environment}", async (FlagService flags, ClaimsPrincipal user, string key, string environment, UpdateFlagEnvironmentRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await flags.UpdateEnvironmentAsync(user, key, environment, request, ct)))
            .WithName("UpdateFlagEnvironment").WithSummary("Replaces the kill switch state and targeting rules of a flag in one environment.").Produces<FlagDetails>();
        api.MapPut("/flags/{key}/environments/{environment}/enabled", async (FlagService flags, ClaimsPrincipal user, string key, string environment, KillSwitchRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await flags.SetEnabledAsync(user, key, environment, request, ct)))
            .WithName("SetFlagEnabled").WithSummary("The kill switch: false serves the off value to everyone in the environment.").Produces<FlagDetails>();
    }

    private static void MapRollouts(RouteGroupBuilder api)
    {
        api.MapPost("/flags/{key}/rollouts", async (RolloutService rollouts, ClaimsPrincipal user, string key, CreateRolloutRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await rollouts.CreateAsync(user, key, request, ct), r => $"/api/rollouts/{r.Id}"))
            .WithName("CreateRollout").WithSummary("Plans a progressive rollout (default stages 1%, 5%, 10%, 25%, 50%, 99% with 1% held back).").Produces<RolloutView>(201);
        api.MapGet("/rollouts/{id:guid}", async (FlagReader reader, Guid id, CancellationToken ct) =>
            await reader.RolloutAsync(id, ct) is { } plan ? Results.Ok(plan) : Results.NotFound()).WithName("GetRollout").Produces<RolloutView>();
        MapStep(api, "start", "StartRollout", (s, u, id, r, ct) => s.StartAsync(u, id, r, ct));
        api.MapGet("/rollouts/{id:guid}/collisions", async (CollisionsPreview preview, Guid id, CancellationToken ct) =>
            await preview.ForRolloutAsync(id, ct) is { } found ? Results.Ok(found) : Results.NotFound())
            .WithName("GetRolloutCollisions").WithSummary("The running trials starting this rollout would collide with.").Produces<IReadOnlyList<Collision>>();
        api.MapGet("/collision-acknowledgements", async (CollisionsPreview preview, CancellationToken ct) => Results.Ok(await preview.AcknowledgementsAsync(ct)))
            .WithName("ListCollisionAcknowledgements").WithSummary("Starts that went ahead despite collisions: who accepted the risk, when and why (newest first, at most 200).")
            .Produces<IReadOnlyList<CollisionAcknowledgement>>();
        MapStep(api, "advance", "AdvanceRollout", (s, u, id, r, ct) => s.AdvanceAsync(u, id, r, ct));
        MapStep(api, "pause", "PauseRollout", (s, u, id, r, ct) => s.PauseAsync(u, id, r, ct));
        MapStep(api, "resume", "ResumeRollout", (s, u, id, r, ct) => s.ResumeAsync(u, id, r, ct));
        MapStep(api, "rollback", "RollBackRollout", (s, u, id, r, ct) => s.RollBackAsync(u, id, r, ct));
        MapStep(api, "release-holdback", "ReleaseRolloutHoldback", (s, u, id, r, ct) => s.ReleaseHoldbackAsync(u, id, r, ct));
    }

    private static void MapStep(RouteGroupBuilder api, string action, string name,
        Func<RolloutService, ClaimsPrincipal, Guid, RolloutActionRequest, CancellationToken, Task<Outcome<RolloutView>>> step) =>
        api.MapPost($"/rollouts/{{id:guid}}/{action}", async (RolloutService rollouts, ClaimsPrincipal user, Guid id, RolloutActionRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await step(rollouts, user, id, request, ct))).WithName(name).Produces<RolloutView>();

    private static void MapExperiments(RouteGroupBuilder api)
    {
        api.MapGet("/experiments", async (FlagReader reader, ExperimentStatus? status, string? environment, int? page, int? pageSize, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var (p, size) = Paging.Read(page, pageSize, errors);
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await reader.ExperimentsAsync(status, environment, p, size, ct));
        }).WithName("ListExperiments").Produces<Page<ExperimentSummary>>();
        api.MapGet("/experiments/{key}", async (FlagReader reader, string key, CancellationToken ct) =>
            await reader.ExperimentAsync(key, ct) is { } e ? Results.Ok(e) : Results.NotFound()).WithName("GetExperiment").Produces<ExperimentDetails>();
        api.MapPost("/experiments", async (ExperimentService experiments, ClaimsPrincipal user, CreateExperimentRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await experiments.CreateAsync(user, request, ct), e => $"/api/experiments/{e.Key}")).WithName("CreateExperiment").Produces<ExperimentDetails>(201);
        api.MapPost("/experiments/{key}/start", async (ExperimentService experiments, ClaimsPrincipal user, string key, StartExperimentRequest? request, CancellationToken ct) =>
            OutcomeResults.Ok(await experiments.StartAsync(user, key, request ?? new StartExperimentRequest(null, null), ct)))
            .WithName("StartExperiment")
            .WithSummary("Starts a draft; in a layer it gets a free range, and is refused when its range would overlap a running experiment, or when it collides with running trials unless acknowledged with a reason.")
            .Produces<ExperimentDetails>();
        api.MapGet("/experiments/{key}/collisions", async (CollisionsPreview preview, string key, CancellationToken ct) =>
            await preview.ForExperimentAsync(key, ct) is { } found ? Results.Ok(found) : Results.NotFound())
            .WithName("GetExperimentCollisions").WithSummary("The running trials a start would collide with (shared units and same surface or shared metrics).").Produces<IReadOnlyList<Collision>>();
        api.MapPost("/experiments/{key}/stop", async (ExperimentService experiments, ClaimsPrincipal user, string key, CancellationToken ct) =>
            OutcomeResults.Ok(await experiments.StopAsync(user, key, ct))).WithName("StopExperiment").Produces<ExperimentDetails>();
    }

    private static void MapShared(RouteGroupBuilder api)
    {
        api.MapGet("/environments", async (SharedObjectsService shared, CancellationToken ct) => Results.Ok(await shared.EnvironmentsAsync(ct)))
            .WithName("ListEnvironments").Produces<IReadOnlyList<EnvironmentView>>();
        api.MapPost("/environments/{environment}/sdk-keys", async (SharedObjectsService shared, ClaimsPrincipal user, string environment, CreateSdkKeyRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await shared.CreateSdkKeyAsync(user, environment, request, ct), _ => "/api/environments")).WithName("CreateSdkKey").Produces<SdkKeyView>(201);
        api.MapPost("/sdk-keys/{id:guid}/revoke", async (SharedObjectsService shared, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await shared.RevokeSdkKeyAsync(user, id, ct))).WithName("RevokeSdkKey").Produces<SdkKeyView>();
        api.MapGet("/environments/{environment}/overlap", async (OverlapCalculator overlap, string environment, CancellationToken ct) =>
            await overlap.ForEnvironmentAsync(environment, ct) is { } view ? Results.Ok(view) : Results.NotFound())
            .WithName("GetOverlap").WithSummary("Expected share of units each pair of running experiments and rollouts has in common.").Produces<OverlapView>();

        api.MapGet("/segments", async (SharedObjectsService shared, CancellationToken ct) => Results.Ok(await shared.SegmentsAsync(ct)))
            .WithName("ListSegments").Produces<IReadOnlyList<SegmentView>>();
        api.MapPost("/segments", async (SharedObjectsService shared, ClaimsPrincipal user, SegmentRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await shared.SaveSegmentAsync(user, null, request, ct), s => $"/api/segments/{s.Key}")).WithName("CreateSegment").Produces<SegmentView>(201);
        api.MapPut("/segments/{key}", async (SharedObjectsService shared, ClaimsPrincipal user, string key, SegmentRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await shared.SaveSegmentAsync(user, key, request, ct))).WithName("UpdateSegment").Produces<SegmentView>();

        api.MapGet("/layers", async (SharedObjectsService shared, CancellationToken ct) => Results.Ok(await shared.LayersAsync(ct)))
            .WithName("ListLayers").Produces<IReadOnlyList<LayerView>>();
        api.MapPost("/layers", async (SharedObjectsService shared, ClaimsPrincipal user, LayerRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await shared.CreateLayerAsync(user, request, ct), l => $"/api/layers")).WithName("CreateLayer").Produces<LayerView>(201);

        api.MapGet("/holdouts", async (SharedObjectsService shared, CancellationToken ct) => Results.Ok(await shared.HoldoutsAsync(ct)))
            .WithName("ListHoldouts").Produces<IReadOnlyList<HoldoutView>>();
        api.MapPost("/holdouts", async (SharedObjectsService shared, ClaimsPrincipal user, HoldoutRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await shared.SaveHoldoutAsync(user, null, request, ct), h => "/api/holdouts")).WithName("CreateHoldout").Produces<HoldoutView>(201);
        api.MapPut("/holdouts/{key}", async (SharedObjectsService shared, ClaimsPrincipal user, string key, HoldoutRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await shared.SaveHoldoutAsync(user, key, request, ct))).WithName("UpdateHoldout").Produces<HoldoutView>();
    }
}
