namespace Stepwise.Careers.Reports;

public enum ScopeKind
{
    /// <summary>Everyone: HR, administrators and leadership.</summary>
    Organization,
    /// <summary>The tribes the viewer leads.</summary>
    Tribes,
    /// <summary>The viewer's reporting chain (direct and indirect reports).</summary>
    ReportingChain,
}

/// <summary>
/// Whose steps a viewer may see in aggregate, and whether small groups are hidden from them.
/// <see cref="PersonIds"/> is the reporting chain on the report date (only for <see cref="ScopeKind.ReportingChain"/>).
/// </summary>
public sealed record ReportScope(ScopeKind Kind, string Label, IReadOnlyList<Guid> TribeIds, IReadOnlyList<Guid> PersonIds, bool HidesSmallGroups,
    int MinGroupSize)
{
    /// <summary>True when a group of <paramref name="people"/> may be shown to this viewer.</summary>
    public bool Shows(int people) => !HidesSmallGroups || people == 0 || people >= MinGroupSize;
}
