using System.Security.Claims;
using Stepwise.Identity;

namespace Stepwise.Careers.Compensation;

/// <summary>Compensation is restricted: compensation administrators see and change everything, HR reads, a person sees their own pay and band.</summary>
public static class CompensationAccess
{
    public const string ReadPolicy = "CompensationRead";
    public const string WritePolicy = "CompensationWrite";

    public static bool CanReadAll(ClaimsPrincipal user) => user.IsInRole(Roles.CompensationAdmin) || user.IsInRole(Roles.HR);

    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Roles.CompensationAdmin);
}
