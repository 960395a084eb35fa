using Microsoft.AspNetCore.Authorization;

namespace Stepwise.Identity;

/// <summary>Named authorization policies. Object-level rules (self, manager chain, leads) use <see cref="OrgRelationships"/> inside handlers.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    /// <summary>Changing the organization model: HR and administrators.</summary>
    public const string OrgWrite = "OrgWrite";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(OrgWrite, p => p.RequireRole(Roles.Admin, Roles.HR));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

/// <summary>Claims Stepwise adds to a signed-in principal.</summary>
public static class StepwiseClaims
{
    public const string PersonId = "stepwise:person";
    public const string MustChangePassword = "stepwise:must-change-password";
}
