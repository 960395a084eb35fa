using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stepwise.Cli;

/// <summary>Counts for one CSV file of an import.</summary>
internal sealed record ImportCounts(int Created, int Updated, int Unchanged);

/// <summary>One row-level error reported by the server.</summary>
internal sealed record ImportError(string? File, int? Line, int? Column, string? Field, string? Message);

/// <summary>The 200 response of <c>POST /api/org/import</c>.</summary>
internal sealed record ImportResult(
    bool DryRun,
    bool Applied,
    ImportCounts? Units,
    ImportCounts? People,
    ImportCounts? Memberships,
    int ErrorCount,
    IReadOnlyList<ImportError>? Errors);

/// <summary>An RFC 9457 problem document, with the import's error list when present.</summary>
internal sealed record ProblemDetails(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    int? ErrorCount,
    IReadOnlyList<ImportError>? Errors);

/// <summary>The JSON request body of <c>POST /api/org/import</c>.</summary>
internal sealed record ImportRequest(string? Units, string? People, string? Memberships);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ImportRequest))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
