using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Api;

namespace Stepwise.Delivery.Lifecycle.Api;

/// <summary>
/// Features (bets) and their Think it → Maintain it loop. Everyone signed in reads; the owning unit's members, leads
/// of units above it, administrators and leadership write (checked per feature in <see cref="FeatureService"/>).
/// </summary>
public static class LifecycleApi
{
    public static IEndpointRouteBuilder MapLifecycleApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/lifecycle").WithTags("Feature lifecycle");
        api.MapGet("/features", async (FeatureReader reader, string? phase, Guid? unitId, string? search, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Limit("search", search, 200);
            FeaturePhase? parsed = null;
            if (phase is not null)
            {
                if (Enum.TryParse<FeaturePhase>(phase, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(phase, out _)) parsed = value;
                else errors.Add("phase", "'phase' is thinkIt, buildIt, shipIt, tweakIt, maintainIt or removed.");
            }
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await reader.ListAsync(parsed, unitId, search, ct));
        }).WithName("ListFeatures").Produces<IReadOnlyList<FeatureSummary>>();
        api.MapGet("/features/{key}", async (FeatureReader reader, string key, CancellationToken ct) =>
            await reader.DetailsAsync(key, ct) is { } feature ? Results.Ok(feature) : Results.NotFound())
            .WithName("GetFeature").WithSummary("One feature's whole story: hypothesis, decisions, flags and investment per week.").Produces<FeatureDetails>();
        api.MapPost("/features", async (FeatureService features, ClaimsPrincipal user, CreateFeatureRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await features.CreateAsync(user, request, ct), f => $"/api/lifecycle/features/{f.Key}"))
            .WithName("CreateFeature").WithSummary("Starts a feature in Think it.").Produces<FeatureDetails>(201);
        api.MapPut("/features/{key}", async (FeatureService features, ClaimsPrincipal user, string key, UpdateFeatureRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await features.UpdateAsync(user, key, request, ct)))
            .WithName("UpdateFeature").WithSummary("Replaces name, summary, owner, hypothesis and flags; the hypothesis is fixed once users have the feature.").Produces<FeatureDetails>();
        api.MapPost("/features/{key}/decisions", async (FeatureService features, ClaimsPrincipal user, string key, DecisionRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await features.DecideAsync(user, key, request, ct)))
            .WithName("DecideFeatureGate").WithSummary("Records a gate decision (iterate, advance, stop, remove) with its rationale and evidence.").Produces<FeatureDetails>();
        api.MapPost("/features/{key}/investment", async (FeatureService features, ClaimsPrincipal user, string key, InvestmentRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await features.RecordInvestmentAsync(user, key, request, ct)))
            .WithName("RecordFeatureInvestment").WithSummary("Sets the person-weeks spent in one week (replacing the squad allocation's estimate for it).").Produces<FeatureDetails>();
        api.MapPost("/features/{key}/allocations", async (FeatureService features, ClaimsPrincipal user, string key, AllocationRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await features.AddAllocationAsync(user, key, request, ct)))
            .WithName("AddFeatureAllocation").WithSummary("Allocates a share of the owning squad to the feature for a period.").Produces<FeatureDetails>();
        api.MapGet("/investment", async (FeatureReader reader, CancellationToken ct) => Results.Ok(await reader.OrgInvestmentAsync(ct)))
            .WithName("GetInvestmentByPhase").WithSummary("Person-weeks per phase and tribe over every feature.").Produces<OrgInvestmentView>();
        api.MapGet("/maintenance", async (FeatureReader reader, int? staleAfterDays, CancellationToken ct) =>
        {
            var days = staleAfterDays ?? FeatureReader.DefaultStaleAfterDays;
            return days is < 1 or > 3650
                ? (IResult)FieldErrors.For("staleAfterDays", "'staleAfterDays' is between 1 and 3650.")
                : Results.Ok(await reader.MaintenanceAsync(days, ct));
        }).WithName("GetMaintenanceCost").WithSummary("Standing cost: long-released flags still shipped and maintained features that do not earn their keep.").Produces<MaintenanceView>();
        return routes;
    }
}
