using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Align.Goals;
using Stepwise.Align.Priorities;
using Stepwise.Align.Rfcs;

namespace Stepwise.Align.Api;

/// <summary>Priorities and goals: everyone reads; changes are checked per unit inside the services (see <see cref="AlignPermissions"/>).</summary>
public static class AlignApi
{
    public static IEndpointRouteBuilder MapAlignApi(this IEndpointRouteBuilder routes)
    {
        var align = routes.MapGroup("/api/align").WithTags("Align");

        var stacks = align.MapGroup("/priorities");
        stacks.MapGet("", async (PriorityService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithName("ListPriorityStacks").WithSummary("Every unit's priority stack with its top priority.");
        stacks.MapPost("", async (PriorityService s, ClaimsPrincipal user, CreateStackRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CreateAsync(user, request, ct), v => $"/api/align/priorities/{v.UnitKey}"))
            .WithName("CreatePriorityStack").WithSummary("Starts a unit's priority stack (its leads, administrators, leadership).");
        stacks.MapGet("/{unitKey}", async (PriorityService s, ClaimsPrincipal user, string unitKey, DateTimeOffset? asOf, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ViewAsync(user, unitKey, asOf, ct)))
            .WithName("GetPriorityStack").WithSummary("A unit's priorities in rank order, now or replayed as of a moment (asOf).");
        stacks.MapGet("/{unitKey}/history", async (PriorityService s, string unitKey, CancellationToken ct) =>
                OutcomeResults.Ok(await s.HistoryAsync(unitKey, ct)))
            .WithName("GetPriorityHistory").WithSummary("Every change to the stack: who, when, why, and the order after it.");
        stacks.MapPost("/{unitKey}/items", async (PriorityService s, ClaimsPrincipal user, string unitKey, AddPriorityRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.AddAsync(user, unitKey, request, ct)))
            .WithName("AddPriority").WithSummary("Adds a priority at a rank. expectedVersion must match the stack's version (409 otherwise).");
        stacks.MapPost("/{unitKey}/items/{itemId:guid}/move", async (PriorityService s, ClaimsPrincipal user, string unitKey, Guid itemId,
                MovePriorityRequest request, CancellationToken ct) => OutcomeResults.Ok(await s.MoveAsync(user, unitKey, itemId, request, ct)))
            .WithName("MovePriority").WithSummary("Moves a priority to another rank, with the reason.");
        stacks.MapPut("/{unitKey}/items/{itemId:guid}", async (PriorityService s, ClaimsPrincipal user, string unitKey, Guid itemId,
                EditPriorityRequest request, CancellationToken ct) => OutcomeResults.Ok(await s.EditAsync(user, unitKey, itemId, request, ct)))
            .WithName("EditPriority").WithSummary("Rewords a priority, with the reason.");
        stacks.MapPost("/{unitKey}/items/{itemId:guid}/retire", async (PriorityService s, ClaimsPrincipal user, string unitKey, Guid itemId,
                RetirePriorityRequest request, CancellationToken ct) => OutcomeResults.Ok(await s.RetireAsync(user, unitKey, itemId, request, ct)))
            .WithName("RetirePriority").WithSummary("Takes a priority off the stack; its history and linked work stay.");

        align.MapGet("/work", async (AlignmentService s, CancellationToken ct) => TypedResults.Ok(await s.WorkAsync(ct)))
            .WithName("GetWorkByPriority").WithSummary("Features and goals under each live priority, and the work that serves none.");
        align.MapPut("/features/{key}/priority", async (AlignmentService s, ClaimsPrincipal user, string key, LinkFeatureRequest request,
                CancellationToken ct) => OutcomeResults.Ok(await s.LinkFeatureAsync(user, key, request, ct)))
            .WithName("LinkFeatureToPriority").WithSummary("Says which priority a feature serves (null: none).");

        var goals = align.MapGroup("/goals");
        goals.MapGet("", async (GoalReader r, bool? includeClosed, CancellationToken ct) => TypedResults.Ok(await r.TreeAsync(includeClosed ?? false, ct)))
            .WithName("GetGoalTree").WithSummary("All goals as a tree: WIGs with their sWIGs, each with its latest reading against the line to target.");
        goals.MapPost("", async (GoalService s, ClaimsPrincipal user, CreateGoalRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CreateAsync(user, request, ct), id => $"/api/align/goals/{id}", id => new { id }))
            .WithName("CreateGoal").WithSummary("Creates a WIG (unit leads; at most two active per unit) or a sWIG aligned to exactly one parent.");
        goals.MapGet("/{id:guid}", async (GoalReader r, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await r.DetailsAsync(user, id, ct)))
            .WithName("GetGoal").WithSummary("A goal's scoreboard: measurements against the line to target, check-ins and sub-goals.");
        goals.MapPut("/{id:guid}/parent", async (GoalService s, ClaimsPrincipal user, Guid id, AlignGoalRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.AlignAsync(user, id, request, ct), v => new { id = v }))
            .WithName("AlignGoal").WithSummary("Moves a goal under another parent; cycles are refused.");
        goals.MapPost("/{id:guid}/measurements", async (GoalService s, ClaimsPrincipal user, Guid id, RecordMeasurementRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.RecordAsync(user, id, request, ct), _ => $"/api/align/goals/{id}", v => new { id = v }))
            .WithName("RecordGoalMeasurement").WithSummary("Records a reading of the goal's measure.");
        goals.MapPost("/{id:guid}/check-ins", async (GoalService s, ClaimsPrincipal user, Guid id, CheckInRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CheckInAsync(user, id, request, ct), _ => $"/api/align/goals/{id}", v => new { id = v }))
            .WithName("CheckInOnGoal").WithSummary("The weekly check-in: last week's commitments kept, this week's commitments, optionally the measure.");
        goals.MapPut("/{id:guid}/status", async (GoalService s, ClaimsPrincipal user, Guid id, GoalStatusRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.SetStatusAsync(user, id, request, ct), v => new { id = v }))
            .WithName("SetGoalStatus").WithSummary("Closes a goal as achieved, missed or dropped (or reopens it).");

        var rfcs = align.MapGroup("/rfcs");
        rfcs.MapGet("", async (RfcReader r, string? q, RfcState? state, CancellationToken ct) => TypedResults.Ok(await r.IndexAsync(q, state, ct)))
            .WithName("ListRfcs").WithSummary("The RFC index, newest first; q searches titles, current text and tags.");
        rfcs.MapPost("", async (RfcService s, ClaimsPrincipal user, CreateRfcRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CreateAsync(user, request, ct), n => $"/api/align/rfcs/{n}", n => new { number = n }))
            .WithName("CreateRfc").WithSummary("Anyone proposes an RFC in Markdown; it starts as a draft.");
        rfcs.MapGet("/{number:int}", async (RfcReader r, ClaimsPrincipal user, int number, CancellationToken ct) => OutcomeResults.Ok(await r.DetailsAsync(user, number, ct)))
            .WithName("GetRfc").WithSummary("An RFC: text, state, approvals that count, concerns, discussion rounds, revisions and what blocks it.");
        rfcs.MapGet("/{number:int}/diff", async (RfcReader r, int number, int from, int to, CancellationToken ct) =>
                OutcomeResults.Ok(await r.DiffAsync(number, from, to, ct)))
            .WithName("DiffRfcRevisions").WithSummary("Section-by-section differences between two revisions of the text.");
        rfcs.MapPut("/{number:int}/text", async (RfcService s, ClaimsPrincipal user, int number, EditRfcRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.EditAsync(user, number, request, ct), v => new { revision = v }))
            .WithName("EditRfc").WithSummary("The author replaces the text (a new revision); approvals of earlier text stop counting by default.");
        rfcs.MapPost("/{number:int}/transitions", async (RfcService s, ClaimsPrincipal user, int number, RfcTransitionRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.TransitionAsync(user, number, request, ct), v => new { state = v }))
            .WithName("MoveRfc").WithSummary("discuss (with a wider circle), finalComment, accept, reject, withdraw or reopen.");
        rfcs.MapPost("/{number:int}/approvals", async (RfcService s, ClaimsPrincipal user, int number, CancellationToken ct) =>
                OutcomeResults.Ok(await s.ApproveAsync(user, number, ct), v => new { approvals = v }))
            .WithName("ApproveRfc").WithSummary("Approves the current revision; authors cannot approve their own RFC.");
        rfcs.MapPost("/{number:int}/concerns", async (RfcService s, ClaimsPrincipal user, int number, RaiseConcernRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.RaiseConcernAsync(user, number, request, ct), _ => $"/api/align/rfcs/{number}", v => new { id = v }))
            .WithName("RaiseRfcConcern").WithSummary("Raises a concern; a blocking one holds the RFC until its raiser lifts it.");
        rfcs.MapPost("/{number:int}/concerns/{id:guid}/lift", async (RfcService s, ClaimsPrincipal user, int number, Guid id, LiftConcernRequest request,
                CancellationToken ct) => OutcomeResults.Ok(await s.LiftConcernAsync(user, number, id, request, ct), v => new { id = v }))
            .WithName("LiftRfcConcern").WithSummary("Lifts a concern: only the person who raised it.");
        rfcs.MapPost("/{number:int}/comments", async (RfcService s, ClaimsPrincipal user, int number, RfcCommentRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CommentAsync(user, number, request, ct), _ => $"/api/align/rfcs/{number}"))
            .WithName("CommentOnRfc").WithSummary("Comments on a section in the discussion round open now.");

        align.MapDuhbApi();
        return routes;
    }
}
