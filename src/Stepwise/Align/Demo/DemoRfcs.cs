using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Align.Rfcs;
using Stepwise.Data;
using Stepwise.Governance.Model;
using Stepwise.Identity;

namespace Stepwise.Align.Demo;

/// <summary>
/// Seeds two RFCs through <see cref="RfcService"/> itself, acting as the demo accounts: one prompted by a lesson from the
/// onboarding retrospective, in discussion with one approval and a blocking concern only its raiser can lift; and one
/// in its final comment period. Going through the service keeps the demo honest: it can only show states the rules allow.
/// </summary>
public sealed class DemoRfcs(StepwiseDb db, RfcService rfcs)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Rfcs.AnyAsync(ct)) return;
        var accounts = await db.Users.AsNoTracking().Where(u => u.PersonId != null).OrderBy(u => u.Email).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        if (accounts.Count < 3 || !units.TryGetValue("listener", out var tribe)) return;
        var (author, approver, concerned) = (accounts[0], accounts[1], accounts[2]);
        var lesson = await db.Lessons.AsNoTracking().Where(l => l.Text.StartsWith("Pairing design and data science")).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);

        var pairing = (await rfcs.CreateAsync(As(author), new CreateRfcRequest("A data scientist in every bet from Think it", """
            Every bet that enters Think it gets a named data scientist until its first gate decision, so hypotheses come with
            metrics that can actually be measured.

            ## Motivation

            The onboarding tour stayed short and its effect was measured cleanly because design and data science paired from
            the first day. Bets that brought data science in at Ship it spent weeks rebuilding their metrics.

            ## Proposal

            - The squad names a data scientist when a feature enters Think it.
            - The first gate decision needs their sign-off on the success and guardrail metrics.
            - Chapters plan for about one day a week per active bet.

            ## Open questions

            How do we cover tribes with a single data scientist?
            """, tribe, ["data-science", "think-it"], lesson), ct)).Value;
        await rfcs.TransitionAsync(As(author), pairing, new RfcTransitionRequest(RfcAction.Discuss, ReviewAudience.WorkingGroup, null), ct);
        await rfcs.TransitionAsync(As(author), pairing, new RfcTransitionRequest(RfcAction.Discuss, ReviewAudience.Organization, null), ct);
        await rfcs.ApproveAsync(As(approver), pairing, ct);
        await rfcs.CommentAsync(As(approver), pairing, new RfcCommentRequest("motivation", "Matches what we saw on search ranking: the metric came last and it showed.", null), ct);
        await rfcs.RaiseConcernAsync(As(concerned), pairing,
            new RaiseConcernRequest("The data chapter has four people for thirty squads. Say how this is staffed before we commit.", Blocking: true), ct);

        var holdbacks = (await rfcs.CreateAsync(As(author), new CreateRfcRequest("Keep a holdback after every full release", """
            Progressive rollouts keep 1% of users on the old experience for a month after full release, so the long-term effect is measured.

            ## Proposal

            Rollout plans default to a 1% holdback released after 30 days; a squad may opt out with a written reason.
            """, tribe, ["rollouts", "measurement"], null), ct)).Value;
        await rfcs.TransitionAsync(As(author), holdbacks, new RfcTransitionRequest(RfcAction.Discuss, ReviewAudience.Organization, null), ct);
        await rfcs.ApproveAsync(As(approver), holdbacks, ct);
        await rfcs.ApproveAsync(As(concerned), holdbacks, ct);
        await rfcs.TransitionAsync(As(author), holdbacks, new RfcTransitionRequest(RfcAction.FinalComment, null, null), ct);
    }

    private static ClaimsPrincipal As(StepwiseUser user)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString()), new("name", user.DisplayName), new(ClaimTypes.Name, user.Email ?? "") };
        if (user.PersonId is { } person) claims.Add(new Claim(StepwiseClaims.PersonId, person.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }
}
