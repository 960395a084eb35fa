using System.Text.Json;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>
/// Locates GrowthBook's language-agnostic SDK cases: <c>$STEPWISE_GB_CASES</c> when set, otherwise
/// <c>../shared/testdata/growthbook-sdk/cases.json</c> next to the repository root (the directory holding
/// Stepwise.slnx). The file is read in place, never copied into the project.
/// </summary>
internal static class CasesFile
{
    public const string EnvironmentVariable = "STEPWISE_GB_CASES";

    public static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stepwise.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "growthbook-sdk", "cases.json"));
            }
        }
        return null;
    }

    /// <summary>The parsed cases, or a reason why they are unavailable.</summary>
    public static (JsonElement Cases, string? Unavailable) Load()
    {
        var path = Locate();
        if (path is null)
        {
            return (default, "cases.json not found: no Stepwise.slnx above the test binaries and STEPWISE_GB_CASES is not set");
        }
        if (!File.Exists(path))
        {
            return (default, $"cases.json not found at {path} (set {EnvironmentVariable} to point at it)");
        }
        return (JsonElement.Parse(File.ReadAllText(path)), null);
    }
}
