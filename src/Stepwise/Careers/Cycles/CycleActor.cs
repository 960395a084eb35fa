using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Auditing;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>Who is acting, as recorded on entries and adjustments: the linked person's name, else the account's.</summary>
internal static class CycleActor
{
    public static async Task<(Guid? PersonId, string Name)> OfAsync(StepwiseDb db, ClaimsPrincipal user, IAuditActor actor, CancellationToken ct)
    {
        var me = CycleAccess.PersonOf(user);
        var name = me is { } id ? await db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        return (me, name ?? actor.Name);
    }
}
