namespace Stepwise.Identity;

/// <summary>How the signed-in person stands to another person in the org, derived from memberships and reporting lines.
/// Every module asks this instead of re-deriving it.</summary>
[Flags]
public enum OrgRelationship
{
    None = 0,
    Self = 1,
    /// <summary>The actor is the person's manager or any manager above them.</summary>
    ManagerChain = 2,
    /// <summary>The actor leads a tribe the person belongs to (directly or through a squad or chapter in it).</summary>
    TribeLead = 4,
    /// <summary>The actor leads a chapter the person belongs to.</summary>
    ChapterLead = 8,
}
