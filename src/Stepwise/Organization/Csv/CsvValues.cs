using System.Globalization;
using System.Text.RegularExpressions;

namespace Stepwise.Organization.Csv;

/// <summary>Parsing of the typed columns shared by the organization files; each failure becomes an error at the cell.</summary>
internal static partial class CsvValues
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string? Required(CsvRow row, string column, int maxLength, List<CsvError> errors)
    {
        var value = row[column];
        if (value.Length == 0) { errors.Add(row.Error(column, $"'{column}' is required.")); return null; }
        return Limited(row, column, value, maxLength, errors);
    }

    public static string Optional(CsvRow row, string column, int maxLength, List<CsvError> errors) =>
        Limited(row, column, row[column], maxLength, errors) ?? "";

    private static string? Limited(CsvRow row, string column, string value, int maxLength, List<CsvError> errors)
    {
        if (value.Length <= maxLength) return value;
        errors.Add(row.Error(column, $"'{column}' is {value.Length} characters long; the limit is {maxLength}."));
        return null;
    }

    public static DateOnly? Date(CsvRow row, string column, bool required, List<CsvError> errors)
    {
        var value = row[column];
        if (value.Length == 0)
        {
            if (required) errors.Add(row.Error(column, $"'{column}' is required (format {DateFormat})."));
            return null;
        }
        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add(row.Error(column, $"'{value}' is not a date in the format {DateFormat}."));
        return null;
    }

    public static string? Email(CsvRow row, string column, bool required, List<CsvError> errors)
    {
        var value = row[column];
        if (value.Length == 0)
        {
            if (required) errors.Add(row.Error(column, $"'{column}' is required."));
            return null;
        }
        if (value.Length <= 320 && EmailPattern().IsMatch(value)) return Person.NormalizeEmail(value);
        errors.Add(row.Error(column, $"'{value}' is not an email address."));
        return null;
    }

    public static T? Choice<T>(CsvRow row, string column, T? fallback, IReadOnlyDictionary<string, T> names, List<CsvError> errors) where T : struct
    {
        var value = row[column];
        if (value.Length == 0)
        {
            if (fallback is null) errors.Add(row.Error(column, $"'{column}' is required (one of: {string.Join(", ", names.Keys)})."));
            return fallback;
        }
        if (names.TryGetValue(Simplify(value), out var choice)) return choice;
        errors.Add(row.Error(column, $"'{value}' is not a valid {column}; use one of: {string.Join(", ", names.Keys)}."));
        return null;
    }

    public static string Simplify(string value) => value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
        .Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    public static readonly IReadOnlyDictionary<string, UnitKind> UnitKinds = new Dictionary<string, UnitKind>
    {
        ["company"] = UnitKind.Company, ["tribe"] = UnitKind.Tribe, ["squad"] = UnitKind.Squad, ["chapter"] = UnitKind.Chapter,
        ["guild"] = UnitKind.Guild, ["journeyteam"] = UnitKind.JourneyTeam,
    };

    public static readonly IReadOnlyDictionary<string, CareerTrack> Tracks = new Dictionary<string, CareerTrack>
    {
        ["ic"] = CareerTrack.IndividualContributor, ["individualcontributor"] = CareerTrack.IndividualContributor, ["manager"] = CareerTrack.Manager,
    };

    public static readonly IReadOnlyDictionary<string, MembershipRole> Roles = new Dictionary<string, MembershipRole>
    {
        ["member"] = MembershipRole.Member, ["lead"] = MembershipRole.Lead,
    };

    public static string Format(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    public static string Name(UnitKind kind) => kind == UnitKind.JourneyTeam ? "journey-team" : kind.ToString().ToLowerInvariant();

    public static string Name(CareerTrack track) => track == CareerTrack.Manager ? "manager" : "ic";

    [GeneratedRegex(@"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,99}$")]
    public static partial Regex KeyPattern();
}
