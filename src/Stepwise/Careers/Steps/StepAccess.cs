using System.Security.Claims;
using Stepwise.Identity;

namespace Stepwise.Careers.Steps;

/// <summary>Who may see and change step records: HR (and administrators) everything; a person their own; managers their reports'.</summary>
public sealed class StepAccess(OrgRelationships relationships)
{
    public static bool IsHr(ClaimsPrincipal user) => user.IsInRole(Roles.HR) || user.IsInRole(Roles.Admin);

    public static Guid? PersonOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var id) ? id : null;

    public async Task<bool> CanReadAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct)
    {
        if (IsHr(user)) return true;
        var relation = await relationships.BetweenAsync(PersonOf(user), personId, ct: ct);
        return relation.HasFlag(OrgRelationship.Self) || relation.HasFlag(OrgRelationship.ManagerChain);
    }
}
