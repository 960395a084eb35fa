namespace Stepwise.Server.Components.Careers;

public sealed class ProposeInput
{
    public string? SectionId { get; set; }
    public string? Text { get; set; }
    public string? Rationale { get; set; }
    /// <summary>Set when the change was written as a pair: it is applied at once with both names.</summary>
    public Guid? PartnerPersonId { get; set; }
}

/// <summary>The pressed button's value, such as "approve:{id}".</summary>
public sealed class CommandInput
{
    public string? Command { get; set; }

    public (string Verb, Guid Id)? Parse()
    {
        var parts = (Command ?? "").Split(':', 2);
        return parts.Length == 2 && Guid.TryParse(parts[1], out var id) ? (parts[0], id) : null;
    }
}

public sealed class RoundInput
{
    public Stepwise.Governance.Model.ReviewAudience Audience { get; set; }
    public int ClosesInDays { get; set; } = 14;
    public string? Purpose { get; set; }
}

public sealed class CommentInput
{
    public Guid RoundId { get; set; }
    public string? SectionId { get; set; }
    public string? Text { get; set; }
    public Guid? ParentId { get; set; }
}

public sealed class PublishInput
{
    public Stepwise.Governance.Model.VersionBump? Bump { get; set; }
    public string? ReleaseNotes { get; set; }
}
