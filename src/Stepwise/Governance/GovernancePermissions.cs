using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Governance.Model;
using Stepwise.Organization;

namespace Stepwise.Governance;

/// <summary>
/// Who may do what with a governed document. Published versions are open to everyone signed in. Drafts are
/// for the editing group and the stewards (administrators and HR), and for the audience of any review round
/// that has opened on them. The managers' circle is everyone who has a direct report today, plus leadership.
/// </summary>
public sealed class GovernancePermissions(StepwiseDb db, TimeProvider time)
{
    public static bool IsEditor(GovernanceActor actor, GovernedDocument document) =>
        actor.IsSteward || (actor.PersonId is { } person && document.EditorPersonIds.Contains(person));

    public async Task<bool> InAudienceAsync(GovernanceActor actor, GovernedDocument document, ReviewAudience audience, CancellationToken ct) => audience switch
    {
        ReviewAudience.Organization => true,
        ReviewAudience.Managers => IsEditor(actor, document) || actor.IsLeadership || await ManagesSomeoneAsync(actor, ct),
        _ => IsEditor(actor, document),
    };

    public async Task<bool> CanReadAsync(GovernanceActor actor, GovernedDocument document, DocumentVersion version, CancellationToken ct)
    {
        if (version.IsPublished || IsEditor(actor, document)) return true;
        var now = time.GetUtcNow();
        var audiences = await db.ReviewRounds.AsNoTracking().Where(r => r.VersionId == version.Id && r.OpensAt <= now)
            .Select(r => r.Audience).Distinct().ToListAsync(ct);
        foreach (var audience in audiences)
            if (await InAudienceAsync(actor, document, audience, ct)) return true;
        return false;
    }

    private async Task<bool> ManagesSomeoneAsync(GovernanceActor actor, CancellationToken ct)
    {
        if (actor.PersonId is not { } person) return false;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await db.ReportingLines.AsNoTracking().Where(l => l.ManagerId == person).ActiveOn(today).AnyAsync(ct);
    }
}
