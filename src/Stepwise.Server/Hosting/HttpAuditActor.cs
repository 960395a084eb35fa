using System.Security.Claims;
using Stepwise.Auditing;

namespace Stepwise.Server.Hosting;

/// <summary>The signed-in user of the current request, or the system when there is none (start-up, background work).</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public Guid? UserId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => User?.Identity?.Name ?? SystemAuditActor.Instance.Name;
}
