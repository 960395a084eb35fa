using Xunit;

namespace Stepwise.Cli.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void Import_AllOptions_AreBound()
    {
        var root = CliApp.BuildCommand(new CliEnvironment());
        var result = root.Parse(["import", "--units", "u.csv", "--people", "p.csv", "--memberships", "m.csv", "--dry-run", "--server", "http://h:1", "--token", "swp_x"]);

        Assert.Empty(result.Errors);
        Assert.Equal("import", result.CommandResult.Command.Name);
        Assert.Equal("u.csv", result.GetValue<string>("--units"));
        Assert.Equal("p.csv", result.GetValue<string>("--people"));
        Assert.Equal("m.csv", result.GetValue<string>("--memberships"));
        Assert.True(result.GetValue<bool>("--dry-run"));
        Assert.Equal("http://h:1", result.GetValue<string>("--server"));
        Assert.Equal("swp_x", result.GetValue<string>("--token"));
    }

    [Fact]
    public void Import_WithoutDryRun_DefaultsToFalse()
    {
        var result = CliApp.BuildCommand(new CliEnvironment()).Parse(["import", "--people", "p.csv"]);

        Assert.Empty(result.Errors);
        Assert.False(result.GetValue<bool>("--dry-run"));
        Assert.Null(result.GetValue<string>("--units"));
    }

    [Fact]
    public void Export_OutAlias_IsBound()
    {
        var result = CliApp.BuildCommand(new CliEnvironment()).Parse(["export", "-o", "dir"]);

        Assert.Empty(result.Errors);
        Assert.Equal("dir", result.GetValue<string>("--out"));
    }

    [Theory]
    [InlineData(new[] { "import", "--bogus" }, "--bogus", "stepwise import --help")]
    [InlineData(new[] { "export" }, "--out", "stepwise export --help")]
    [InlineData(new[] { "frobnicate" }, "frobnicate", "stepwise --help")]
    [InlineData(new string[0], "command", "stepwise --help")]
    [InlineData(new[] { "import", "--people" }, "--people", "stepwise import --help")]
    public async Task Run_UsageError_ExitsTwoWithHint(string[] args, string mentioned, string hint)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(mentioned, result.Error, StringComparison.Ordinal);
        Assert.Contains($"Run '{hint}' for usage.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_PrintsCommandsAndExitsZero()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("stepwise", result.Out, StringComparison.Ordinal);
        Assert.Contains("import", result.Out, StringComparison.Ordinal);
        Assert.Contains("export", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoFiles_ExitsTwo()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("import", "--token", "swp_x");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["nothing to import: pass at least one of --units, --people, --memberships"], result.ErrorLines);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("http://example.com/?x=1")]
    public async Task Import_BadServerUrl_ExitsTwo(string server)
    {
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server, "--token", "swp_x");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("--server: ", result.ErrorLines.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:5080/")]
    [InlineData(null, "https://stepwise.example.com", "https://stepwise.example.com/")]
    [InlineData("http://host:8080/stepwise", "https://ignored.example.com", "http://host:8080/stepwise/")]
    [InlineData(" http://host/ ", null, "http://host/")]
    public void ResolveServer_OptionThenEnvironmentThenDefault(string? option, string? variable, string expected)
    {
        var env = new CliEnvironment { GetEnvironmentVariable = name => name == "STEPWISE_SERVER" ? variable : null };

        Assert.Equal(expected, ServerConnection.ResolveServer(option, env).ToString());
    }
}
