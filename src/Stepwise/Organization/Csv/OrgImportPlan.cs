namespace Stepwise.Organization.Csv;

/// <summary>The validated rows of an import, resolved against what the database already holds.</summary>
internal sealed class OrgImportPlan
{
    public sealed record UnitRow(int Line, string Key, string Name, UnitKind Kind, string? ParentKey, string? Discipline);
    public sealed record PersonRow(int Line, string Email, string Name, string Title, string Discipline, string Location, CareerTrack Track,
        DateOnly Start, DateOnly? End, string? ManagerEmail);
    public sealed record MembershipRow(int Line, string Email, string UnitKey, MembershipRole Role, DateOnly From, DateOnly? To);

    public List<UnitRow> Units { get; } = [];
    public List<PersonRow> People { get; } = [];
    public List<MembershipRow> Memberships { get; } = [];
    public List<CsvError> Errors { get; } = [];
    public Dictionary<string, CsvTable> Tables { get; } = [];

    private HashSet<(string File, int Line, string Column)> _badCells = [];

    /// <summary>Notes the cells the reader found in error, before the cross-file rules add errors of their own.</summary>
    public void RememberBadCells() => _badCells = [.. Errors.Where(e => e.Field is not null).Select(e => (e.File, e.Line, e.Field!))];

    /// <summary>Whether the reader found this cell in error: a rule that needs it is skipped, as it would only echo that error.</summary>
    public bool IsBad(string file, int line, string column) => _badCells.Contains((file, line, column));

    public void Error(string file, int line, string column, string message) =>
        Errors.Add(new CsvError(file, line, Tables.TryGetValue(file, out var t) ? (t.ColumnIndex(column) ?? 0) + 1 : 1, column, message));
}
