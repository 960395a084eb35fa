using Microsoft.AspNetCore.Identity;

namespace Stepwise.Identity;

/// <summary>A sign-in account. It may be linked to the <see cref="Organization.Person"/> it belongs to, which is how org relationships apply.</summary>
public sealed class StepwiseUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public Guid? PersonId { get; set; }
    /// <summary>Set for generated one-time passwords: the user must choose a new password before doing anything else.</summary>
    public bool MustChangePassword { get; set; }
}

public sealed class StepwiseRole : IdentityRole<Guid>
{
    public StepwiseRole() { }
    public StepwiseRole(string name) : base(name) { }
}

/// <summary>The organization-wide roles. Everything else is derived from the org model (see <see cref="OrgRelationship"/>).</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string HR = "HR";
    public const string CompensationAdmin = "CompensationAdmin";
    public const string Leadership = "Leadership";

    public static readonly IReadOnlyList<string> All = [Admin, HR, CompensationAdmin, Leadership];
}
