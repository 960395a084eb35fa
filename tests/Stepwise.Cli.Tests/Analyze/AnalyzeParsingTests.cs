using Stepwise.Cli.Analyze;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

/// <summary>Binding and validation of the analyze options.</summary>
public sealed class AnalyzeParsingTests
{
    [Fact]
    public void Analyze_Defaults()
    {
        var result = CliApp.BuildCommand(new CliEnvironment()).Parse(["analyze", "--input", "data.csv"]);

        Assert.Empty(result.Errors);
        Assert.Equal("data.csv", result.GetValue<string>("--input"));
        Assert.Equal("control", result.GetValue<string>("--control"));
        Assert.Equal(0.05, result.GetValue<double>("--alpha"));
        Assert.Null(result.GetValue<IReadOnlyDictionary<string, double>?>("--weights"));
        Assert.Equal("table", result.GetValue<string>("--format"));
    }

    [Fact]
    public void Analyze_AllOptions_AreBound()
    {
        var result = CliApp.BuildCommand(new CliEnvironment()).Parse(
            ["analyze", "-i", "x.csv", "--control", "base", "--alpha", "0.01", "--weights", "base=2, treatment = 1e0", "--format", "json"]);

        Assert.Empty(result.Errors);
        Assert.Equal("x.csv", result.GetValue<string>("--input"));
        Assert.Equal("base", result.GetValue<string>("--control"));
        Assert.Equal(0.01, result.GetValue<double>("--alpha"));
        var weights = result.GetValue<IReadOnlyDictionary<string, double>?>("--weights");
        Assert.Equal(new Dictionary<string, double> { ["base"] = 2, ["treatment"] = 1 }, weights);
        Assert.Equal("json", result.GetValue<string>("--format"));
    }

    [Theory]
    [InlineData(new[] { "analyze" }, "--input")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--alpha", "0" }, "--alpha must be between 0 and 1 (exclusive), not 0")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--alpha", "1" }, "--alpha must be between 0 and 1 (exclusive), not 1")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--alpha", "-0.5" }, "--alpha must be between 0 and 1 (exclusive), not -0.5")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--alpha", "NaN" }, "--alpha must be between 0 and 1 (exclusive), not NaN")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--alpha", "five" }, "--alpha: 'five' is not a number; use a significance level such as 0.05")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--format", "xml" }, "xml")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control" }, "--weights: 'control' is not NAME=WEIGHT")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=" }, "--weights: 'control=' is not NAME=WEIGHT")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "=0.5" }, "--weights: '=0.5' is not NAME=WEIGHT")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=half" }, "--weights: 'half' (the weight of 'control') is not a number")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=0,treatment=1" }, "--weights: the weight of 'control' must be positive, not 0")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=-1,treatment=1" }, "--weights: the weight of 'control' must be positive, not -1")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=1,control=2" }, "--weights: 'control' is given twice")]
    [InlineData(new[] { "analyze", "--input", "d.csv", "--weights", "control=NaN,treatment=1" }, "--weights: 'NaN' (the weight of 'control') is not a number")]
    public async Task Analyze_BadOption_ExitsTwoWithHint(string[] args, string message)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'stepwise analyze --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WeightsOnAnyScale_GiveTheSameExpectedShares()
    {
        using var cli = new CliRunner();
        cli.WriteFile("d.csv", "unit_id,variant,revenue\nu1,control,1\nu2,treatment,2\nu3,control,3\nu4,treatment,5\n");

        var fractions = await cli.RunAsync("analyze", "--input", "d.csv", "--format", "json", "--weights", "control=0.75,treatment=0.25");
        var percents = await cli.RunAsync("analyze", "--input", "d.csv", "--format", "json", "--weights", "treatment=25,control=75");

        Assert.Equal(ExitCodes.Success, fractions.ExitCode);
        Assert.Equal(fractions.Out, percents.Out);
        Assert.Contains("\"control\": 0.75", fractions.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsAnalyze()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("analyze", "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (var option in new[] { "--input", "--control", "--alpha", "--weights", "--format" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a=1,b=3", new[] { "a", "b" }, new[] { 1.0, 3.0 })]
    [InlineData(" a = 0.5 , b=0.5 ", new[] { "a", "b" }, new[] { 0.5, 0.5 })]
    [InlineData("control=1e-1,t1=2E-1,t2=0.7", new[] { "control", "t1", "t2" }, new[] { 0.1, 0.2, 0.7 })]
    public void WeightsParser_ValidText(string text, string[] names, double[] weights)
    {
        Assert.True(WeightsParser.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(names, parsed.Keys);
        Assert.Equal(weights, parsed.Values);
    }
}
