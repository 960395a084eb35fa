using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Stepwise.Careers.Simulations.Api;

/// <summary>
/// Step simulations: HR and tribe leads open them, managers estimate their direct reports, and the people involved read
/// the combined result. Permissions are checked per simulation inside <see cref="SimulationService"/>.
/// </summary>
public static class SimulationsApi
{
    public static IEndpointRouteBuilder MapSimulationsApi(this IEndpointRouteBuilder routes)
    {
        var simulations = routes.MapGroup("/api/careers/simulations").WithTags("Step simulations");
        simulations.MapGet("", async (SimulationService s, ClaimsPrincipal user, bool? archived, CancellationToken ct) =>
                TypedResults.Ok(await s.ListAsync(user, archived ?? false, ct)))
            .WithName("ListSimulations").WithSummary("The simulations the caller takes part in or oversees.");
        simulations.MapPost("", async (SimulationService s, ClaimsPrincipal user, OpenSimulationRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.OpenAsync(user, request, ct), r => $"/api/careers/simulations/{r.Id}"))
            .WithName("OpenSimulation").WithSummary("Opens a simulation for the organization or a tribe (HR) or for one's own tribe (tribe leads).");
        simulations.MapGet("/{id:guid}", async (SimulationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.GetAsync(user, id, ct)))
            .WithName("GetSimulation").WithSummary("Combined estimates against the target and today's steps, per tribe, with the estimates still missing.");
        simulations.MapPut("/{id:guid}/estimates", async (SimulationService s, ClaimsPrincipal user, Guid id, EstimatesRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.EstimateAsync(user, id, request, ct)))
            .WithName("EstimateSteps").WithSummary("Sets (or, with a null level, clears) non-binding estimates for the caller's direct reports.");
        simulations.MapPost("/{id:guid}/close", async (SimulationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ChangeStatusAsync(user, id, SimulationStatus.Closed, ct)))
            .WithName("CloseSimulation").WithSummary("Freezes the estimates.");
        simulations.MapPost("/{id:guid}/archive", async (SimulationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ChangeStatusAsync(user, id, SimulationStatus.Archived, ct)))
            .WithName("ArchiveSimulation").WithSummary("Takes the simulation off the list (it stays readable).");
        return routes;
    }
}
