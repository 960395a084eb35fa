using System.Security.Claims;
using Stepwise.Identity;

namespace Stepwise.Governance;

/// <summary>The signed-in user as governed editing sees them: an account, the linked person if any, and a name to record.</summary>
public sealed record GovernanceActor(Guid UserId, Guid? PersonId, string Name, bool IsSteward, bool IsLeadership)
{
    /// <summary>Roles that manage every governed document (settings, drafts, publishing).</summary>
    public static readonly string[] StewardRoles = [Roles.Admin, Roles.HR];

    public static GovernanceActor? From(ClaimsPrincipal user)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return null;
        Guid? person = Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var p) ? p : null;
        var name = user.FindFirstValue("name") ?? user.Identity?.Name ?? userId.ToString();
        return new(userId, person, name, StewardRoles.Any(user.IsInRole), user.IsInRole(Roles.Leadership));
    }

    /// <summary>Same account, or two accounts linked to the same person: either way, the same author.</summary>
    public bool IsSamePersonAs(Guid userId, Guid? personId) => userId == UserId || (personId is not null && personId == PersonId);
}
