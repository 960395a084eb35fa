using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

/// <summary>The JSON shape, the table for people, and where progress goes.</summary>
public sealed class AnalyzeOutputTests
{
    private static readonly (string, double)[] TwoArms = [("control", 1), ("treatment", 1)];

    [Fact]
    public async Task Json_HasTheDocumentedShape()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ExperimentData.Generate(3, 2_000, TwoArms));

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("", result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        Assert.Equal("control", root.GetProperty("control").GetString());
        var srm = root.GetProperty("srm");
        Assert.InRange(srm.GetProperty("p_value").GetDouble(), 0, 1);
        var observed = srm.GetProperty("observed");
        Assert.Equal(2_000, observed.GetProperty("control").GetInt64() + observed.GetProperty("treatment").GetInt64());
        Assert.Equal(0.5, srm.GetProperty("expected_weights").GetProperty("control").GetDouble());
        Assert.Equal(0.5, srm.GetProperty("expected_weights").GetProperty("treatment").GetDouble());

        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["revenue", "converted", "engaged", "sessions"], results.Select(r => r.GetProperty("metric").GetString()));
        foreach (var r in results)
        {
            Assert.Equal("treatment", r.GetProperty("variant").GetString());
            Assert.Equal(observed.GetProperty("control").GetInt64(), r.GetProperty("n_control").GetInt64());
            Assert.Equal(observed.GetProperty("treatment").GetInt64(), r.GetProperty("n_variant").GetInt64());
            foreach (var field in new[] { "control_mean", "variant_mean", "absolute_effect", "relative_effect", "ci_low", "ci_high", "p_value" })
            {
                Assert.Equal(JsonValueKind.Number, r.GetProperty(field).ValueKind);
            }

            Assert.True(r.GetProperty("ci_low").GetDouble() <= r.GetProperty("absolute_effect").GetDouble());
            Assert.True(r.GetProperty("absolute_effect").GetDouble() <= r.GetProperty("ci_high").GetDouble());
        }

        Assert.Equal([true, false, true, false], results.Select(r => r.GetProperty("cuped").GetBoolean()));
        Assert.Equal(["mean", "proportion", "proportion", "mean"], results.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Number, results[0].GetProperty("variance_reduction").ValueKind);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("variance_reduction").ValueKind);
        var decision = Assert.Single(root.GetProperty("decisions").EnumerateArray());
        Assert.Equal("treatment", decision.GetProperty("variant").GetString());
        Assert.Contains(decision.GetProperty("recommendation").GetString(), new[] { "ship", "do_not_ship", "inconclusive" });
    }

    [Fact]
    public async Task Json_UndefinedNumbers_AreNull()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", "unit_id,variant,revenue\nu1,control,1\nu2,control,2\nu3,control,4\nu4,treatment,3\n");

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var r = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(3, r.GetProperty("variant_mean").GetDouble());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("p_value").ValueKind);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("ci_low").ValueKind);
    }

    [Fact]
    public async Task Json_AbnExperiment_OneResultPerMetricAndTreatment_ControlFirst()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ExperimentData.Generate(5, 3_000, [("b", 1), ("a", 1), ("base", 1)]));

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--format", "json", "--control", "base");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal("base", document.RootElement.GetProperty("control").GetString());
        Assert.Equal("base", document.RootElement.GetProperty("srm").GetProperty("observed").EnumerateObject().First().Name);
        var pairs = document.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("metric").GetString()}/{r.GetProperty("variant").GetString()}").ToList();
        Assert.Equal(8, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.EndsWith("/base", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Table_ExplainsTheDecision()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ClearWin(800));

        var result = await cli.RunAsync("analyze", "--input", "data.csv");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var text = Flat(result.Out);
        var srm = text.IndexOf("Sample ratio check: OK", StringComparison.Ordinal);
        var results = text.IndexOf("Results", StringComparison.Ordinal);
        Assert.InRange(srm, 0, results);
        Assert.Contains("95% CI", text, StringComparison.Ordinal);
        Assert.Contains("CUPED + Welch t-test", text, StringComparison.Ordinal);
        Assert.Contains("Two-proportion z-test", text, StringComparison.Ordinal);
        Assert.Contains(" revenue: treatment is significantly higher than control", text, StringComparison.Ordinal);
        Assert.Contains("CUPED on revenue_pre removed", text, StringComparison.Ordinal);
        Assert.Contains(" converted: no significant difference between treatment and control", text, StringComparison.Ordinal);
        Assert.Contains("treatment: SHIP - revenue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, "treatment: DO NOT SHIP - revenue is significantly worse.")]
    [InlineData(0.0, "treatment: INCONCLUSIVE - no metric is significantly better or worse")]
    [InlineData(1.0, "treatment: SHIP - revenue is significantly better and no metric significantly worse.")]
    public async Task Table_Decision_FollowsTheEffect(double lift, string decision)
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ClearWin(800, lift, withConversion: false));

        var result = await cli.RunAsync("analyze", "--input", "data.csv");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(decision, Flat(result.Out), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_SampleRatioMismatch_WarnsFirstAndLoudly()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ClearWin(800));

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--weights", "control=0.7,treatment=0.3");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var warning = result.Out.IndexOf("SAMPLE RATIO MISMATCH: the results below are NOT trustworthy.", StringComparison.Ordinal);
        Assert.InRange(warning, 0, result.Out.IndexOf("Results", StringComparison.Ordinal));
        Assert.Contains("70.0%", result.Out, StringComparison.Ordinal);
        Assert.Contains("treatment: UNTRUSTWORTHY", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_Alpha_ChangesTheIntervalLevel()
    {
        using var cli = new CliRunner();
        cli.WriteFile("data.csv", ClearWin(200));

        var result = await cli.RunAsync("analyze", "--input", "data.csv", "--alpha", "0.1");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("90% CI", result.Out, StringComparison.Ordinal);
        Assert.Contains("alpha = 0.1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_ShownOnStandardErrorOnlyWhenItIsATerminal()
    {
        using var cli = new CliRunner();
        cli.WriteFile("big.csv", ExperimentData.Generate(11, 150_000, TwoArms));
        Assert.True(new FileInfo(Path.Combine(cli.WorkingDirectory, "big.csv")).Length > 4 << 20);

        var quiet = await cli.RunAsync("analyze", "--input", "big.csv", "--format", "json");
        cli.ErrorTerminal = true;
        var shown = await cli.RunAsync("analyze", "--input", "big.csv", "--format", "json");

        Assert.Equal(ExitCodes.Success, quiet.ExitCode);
        Assert.Equal("", quiet.Error);
        Assert.Equal(ExitCodes.Success, shown.ExitCode);
        Assert.Contains("reading big.csv", shown.Error, StringComparison.Ordinal);
        Assert.Equal(quiet.Out, shown.Out);
    }

    /// <summary>The output with line breaks and indentation collapsed, as sentences are wrapped.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>A treatment that clearly raises revenue (with a pre-period covariate) and leaves conversion alone.</summary>
    private static string ClearWin(int unitsPerArm, double lift = 1, bool withConversion = true)
    {
        var random = new Random(17);
        var text = new StringBuilder(withConversion ? "unit_id,variant,revenue,revenue_pre,converted\n" : "unit_id,variant,revenue,revenue_pre\n");
        for (int i = 0; i < 2 * unitsPerArm; i++)
        {
            bool treated = i % 2 == 1;
            double pre = 10 + 3 * random.NextDouble();
            double revenue = pre + random.NextDouble() + (treated ? lift : 0);
            text.Append(CultureInfo.InvariantCulture, $"u{i},{(treated ? "treatment" : "control")},{revenue:R},{pre:R}");
            text.Append(withConversion ? (random.NextDouble() < 0.2 ? ",1\n" : ",0\n") : "\n");
        }

        return text.ToString();
    }
}
