using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Careers.Framework;

public sealed record FrameworkSummary(Guid DocumentId, string Key, string Title, string? LatestVersion, Guid? LatestVersionId, Guid? DraftId);

/// <summary>One version of a framework with its governed document's context (versions, draft, what the caller may do).</summary>
public sealed record FrameworkView(Guid DocumentId, Guid VersionId, string Label, VersionState State, DateTimeOffset? PublishedAt,
    CareerFramework Framework, IReadOnlyList<VersionSummary> Versions, Guid? DraftId, bool CanEdit, bool CanPublish);

/// <summary>A discipline found in the organization (or in the framework) and its mastery definition, if the framework has one.</summary>
public sealed record DisciplineMasteryView(string Discipline, string Name, string? Definition, int People);

public sealed record MasteryView(FrameworkView Framework, string CharacteristicId, string CharacteristicName, IReadOnlyList<DisciplineMasteryView> Disciplines);

public sealed record FrameworkImportResult(Guid DocumentId, Guid VersionId, string Key, string Label, bool CreatedFramework);
