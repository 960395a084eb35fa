namespace Stepwise.Governance.Model;

/// <summary>
/// A document changed only through governed editing: drafts forked from published versions, suggestions approved by
/// peers, review rounds, and immutable published versions. <see cref="Kind"/> says which module owns it (a career
/// framework, later an RFC); the mechanism never looks inside a kind's content beyond its sections.
/// </summary>
public sealed class GovernedDocument
{
    public const int DefaultRequiredApprovals = 2;

    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Key { get; init; } = "";
    public string Title { get; set; } = "";
    /// <summary>Approvals by people other than the author that a suggestion needs before it may be applied.</summary>
    public int RequiredApprovals { get; set; } = DefaultRequiredApprovals;
    /// <summary>The editing group: people who propose, approve and apply changes to drafts.</summary>
    public List<Guid> EditorPersonIds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
}
