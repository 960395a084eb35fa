namespace Stepwise.Governance.Model;

public enum VersionState { Draft, Published }

/// <summary>How much a publication changes: major = new expectations, minor = clarifications, patch = typos.</summary>
public enum VersionBump { Major, Minor, Patch }

/// <summary>One named piece of a governed document (a framework cell, an RFC heading); suggestions and comments attach to it by id.</summary>
public sealed record DocumentSection(string Id, string Title, string Text);

/// <summary>
/// A version of a governed document. A draft changes through suggestions and pair edits; publishing freezes it
/// for good under a semantic version number. <see cref="Structure"/> is the owning kind's own description of the
/// document (opaque here), carried unchanged from version to version unless a kind replaces it in a new draft.
/// </summary>
public sealed class DocumentVersion
{
    public Guid Id { get; init; }
    public Guid DocumentId { get; init; }
    public VersionState State { get; set; }
    public Guid? ForkedFromId { get; init; }
    public int Major { get; set; }
    public int Minor { get; set; }
    public int Patch { get; set; }
    public VersionBump? Bump { get; set; }
    public string? ReleaseNotes { get; set; }
    public string Structure { get; set; } = "{}";
    public List<DocumentSection> Sections { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    public bool IsPublished => State == VersionState.Published;

    /// <summary>"1.2.0" once published, "draft" before.</summary>
    public string Label => IsPublished ? new SemanticVersion(Major, Minor, Patch).ToString() : "draft";

    public DocumentSection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);
}
