namespace Stepwise.Organization.Csv;

/// <summary>The three organization files, as CSV text. Any may be omitted; those given are imported together or not at all.</summary>
public sealed record OrgImportRequest(string? Units, string? People, string? Memberships);

public sealed record OrgImportCounts(int Created, int Updated, int Unchanged);

/// <summary>What an import did, or, for a dry run or a rejected file, what it would have done.</summary>
public sealed record OrgImportResult(bool DryRun, bool Applied, OrgImportCounts Units, OrgImportCounts People, OrgImportCounts Memberships,
    int ErrorCount, IReadOnlyList<CsvError> Errors);

public static class OrgCsvColumns
{
    public const string UnitsFile = "units.csv";
    public const string PeopleFile = "people.csv";
    public const string MembershipsFile = "memberships.csv";

    public static readonly string[] UnitsRequired = ["key", "name", "kind"];
    public static readonly string[] UnitsOptional = ["parent_key", "discipline"];
    public static readonly string[] PeopleRequired = ["email", "name", "employment_start"];
    public static readonly string[] PeopleOptional = ["title", "discipline", "location", "track", "employment_end", "manager_email"];
    public static readonly string[] MembershipsRequired = ["email", "unit_key", "from"];
    public static readonly string[] MembershipsOptional = ["role", "to"];
}
