using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Stepwise.Identity;

/// <summary>Adds the linked person and the must-change-password flag to the principal, so authorization needs no extra lookups.</summary>
public sealed class StepwiseClaimsFactory(UserManager<StepwiseUser> users, RoleManager<StepwiseRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StepwiseUser, StepwiseRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StepwiseUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PersonId is { } personId) identity.AddClaim(new Claim(StepwiseClaims.PersonId, personId.ToString()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(StepwiseClaims.MustChangePassword, "true"));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("name", user.DisplayName));
        return identity;
    }
}
