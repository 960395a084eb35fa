using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Align.Duhbs;

namespace Stepwise.Align.Api;

/// <summary>DUHBs: everyone reads and comments; the author edits and moves the document; others endorse; a bet becomes a feature.</summary>
public static class DuhbApi
{
    public static IEndpointRouteBuilder MapDuhbApi(this IEndpointRouteBuilder align)
    {
        var duhbs = align.MapGroup("/duhbs");
        duhbs.MapGet("", async (DuhbReader r, Guid? unitId, string? state, CancellationToken ct) =>
                state is null ? Results.Ok(await r.ListAsync(unitId, null, ct))
                : Enum.TryParse<DuhbState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) ? Results.Ok(await r.ListAsync(unitId, s, ct))
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["'state' is draft, inReview or closed."] }))
            .WithName("ListDuhbs").WithSummary("DUHBs, most recently changed first, optionally for one unit or in one state.");
        duhbs.MapPost("", async (DuhbService s, ClaimsPrincipal user, DuhbRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CreateAsync(user, request, ct), id => $"/api/align/duhbs/{id}", id => new { id }))
            .WithName("CreateDuhb").WithSummary("Anyone writes a DUHB for a unit: data, understanding, hypotheses and bets. It starts as a draft.");
        duhbs.MapGet("/{id:guid}", async (DuhbReader r, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await r.DetailsAsync(user, id, ct) is { } details ? Outcome<DuhbDetails>.Ok(details) : Outcome<DuhbDetails>.NotFound("There is no such DUHB.")))
            .WithName("GetDuhb").WithSummary("A DUHB with its endorsements, comments and what became of each bet (phase, decisions, experiments, lessons).");
        duhbs.MapPut("/{id:guid}", async (DuhbService s, ClaimsPrincipal user, Guid id, DuhbRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.UpdateAsync(user, id, request, ct), v => new { id = v }))
            .WithName("UpdateDuhb").WithSummary("The author rewrites the DUHB; bets that became features stay as they were.");
        duhbs.MapPost("/{id:guid}/state", async (DuhbService s, ClaimsPrincipal user, Guid id, DuhbStateRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.MoveAsync(user, id, request, ct), v => new { state = v }))
            .WithName("MoveDuhb").WithSummary("The author moves the DUHB: draft → inReview (needs an understanding and a hypothesis) → closed, or back.");
        duhbs.MapPost("/{id:guid}/comments", async (DuhbService s, ClaimsPrincipal user, Guid id, DuhbCommentRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CommentAsync(user, id, request, ct), _ => $"/api/align/duhbs/{id}", v => new { id = v }))
            .WithName("CommentOnDuhb").WithSummary("Anyone comments on a DUHB.");
        duhbs.MapPost("/{id:guid}/endorsements", async (DuhbService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.EndorseAsync(user, id, ct), v => new { endorsements = v }))
            .WithName("EndorseDuhb").WithSummary("Endorses a DUHB in review, once; authors cannot endorse their own.");
        duhbs.MapDelete("/{id:guid}/endorsements", async (DuhbService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.WithdrawEndorsementAsync(user, id, ct), v => new { endorsements = v }))
            .WithName("WithdrawDuhbEndorsement").WithSummary("Withdraws your endorsement.");
        duhbs.MapPost("/{id:guid}/bets/{betId:guid}/feature", async (DuhbService s, ClaimsPrincipal user, Guid id, Guid betId, ConvertBetRequest request,
                CancellationToken ct) => OutcomeResults.Created(await s.ConvertBetAsync(user, id, betId, request, ct), key => $"/api/lifecycle/features/{key}", key => new { key }))
            .WithName("ConvertDuhbBet").WithSummary("Turns a bet into a feature in Think it owned by the bet's squad, hypothesis and metrics pre-filled, serving the DUHB's priority.");
        return align;
    }
}
