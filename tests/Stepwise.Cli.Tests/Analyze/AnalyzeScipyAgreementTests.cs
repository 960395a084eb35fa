using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

/// <summary>
/// "Done when": <c>analyze --format json</c> agrees with SciPy and statsmodels to 1e-6 relative on fresh
/// seeded random data. The reference is computed by analyze_reference.py (committed beside this file)
/// with Debian's python3-scipy and python3-statsmodels; scripts/test.sh installs them when missing.
/// </summary>
public sealed class AnalyzeScipyAgreementTests
{
    private const string Python = "/usr/bin/python3";
    private const double Tolerance = 1e-6;

    private static readonly string[] ComparedFields =
    [
        "control_mean", "variant_mean", "absolute_effect", "relative_effect", "ci_low", "ci_high", "p_value",
        "standard_error", "degrees_of_freedom", "cuped_theta", "variance_reduction",
    ];

    public static TheoryData<int, int, double, string> Cases => new()
    {
        { 20240611, 4_000, 0.05, "control=1,treatment=1" },
        { 7, 25_000, 0.01, "control=0.5,treatment=0.25,treatment_b=0.25" },
        { 99991, 60_001, 0.1, "control=2,treatment=1,treatment_b=1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Analyze_Json_MatchesScipyAndStatsmodels(int seed, int units, double alpha, string weights)
    {
        var planned = weights.Split(',').Select(p => p.Split('=')).Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        using var cli = new CliRunner();
        var input = cli.WriteFile("experiment.csv", ExperimentData.Generate(seed, units, planned));
        var alphaText = alpha.ToString(CultureInfo.InvariantCulture);

        var run = await cli.RunAsync("analyze", "--input", input, "--format", "json", "--alpha", alphaText, "--weights", weights);
        var reference = RunReference(Path.Combine(cli.WorkingDirectory, input), "control", alphaText, weights);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(reference);
        var context = $"seed {seed}, {units} units";
        AssertClose(expected.RootElement.GetProperty("srm").GetProperty("p_value"), actual.RootElement.GetProperty("srm").GetProperty("p_value"), $"srm.p_value ({context})");
        foreach (var observed in expected.RootElement.GetProperty("srm").GetProperty("observed").EnumerateObject())
        {
            Assert.Equal(observed.Value.GetInt64(), actual.RootElement.GetProperty("srm").GetProperty("observed").GetProperty(observed.Name).GetInt64());
        }

        var expectedResults = expected.RootElement.GetProperty("results").EnumerateArray().ToList();
        var actualResults = actual.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(expectedResults.Count, actualResults.Count);
        Assert.Equal(planned.Count - 1, expectedResults.Count / 4);
        foreach (var want in expectedResults)
        {
            var metric = want.GetProperty("metric").GetString();
            var variant = want.GetProperty("variant").GetString();
            var got = Assert.Single(actualResults, r => r.GetProperty("metric").GetString() == metric && r.GetProperty("variant").GetString() == variant);
            var where = $"{metric}/{variant} ({context})";
            Assert.Equal(want.GetProperty("cuped").GetBoolean(), got.GetProperty("cuped").GetBoolean());
            Assert.Equal(want.GetProperty("kind").GetString(), got.GetProperty("kind").GetString());
            Assert.Equal(want.GetProperty("n_control").GetInt64(), got.GetProperty("n_control").GetInt64());
            Assert.Equal(want.GetProperty("n_variant").GetInt64(), got.GetProperty("n_variant").GetInt64());
            foreach (var field in ComparedFields)
            {
                if (want.TryGetProperty(field, out var value))
                {
                    AssertClose(value, got.GetProperty(field), $"{field} of {where}");
                }
            }
        }
    }

    private static void AssertClose(JsonElement expected, JsonElement actual, string what)
    {
        double e = expected.GetDouble(), a = actual.GetDouble();
        double scale = Math.Max(Math.Abs(e), Math.Abs(a));
        Assert.True(Math.Abs(e - a) <= Tolerance * scale, $"{what}: SciPy/statsmodels {e:R}, analyze {a:R} (relative difference {Math.Abs(e - a) / scale:G3})");
    }

    private static string RunReference(string csv, string control, string alpha, string weights)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3-scipy and python3-statsmodels (scripts/test.sh does it)");
        var script = Path.Combine(AppContext.BaseDirectory, "Analyze", "analyze_reference.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, csv, control, alpha, weights }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "analyze_reference.py did not finish within 3 minutes");
        Assert.True(process.ExitCode == 0, $"analyze_reference.py failed (exit {process.ExitCode}); python3-scipy and python3-statsmodels are needed: {error.Result}");
        return output.Result;
    }
}
