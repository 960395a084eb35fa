using Xunit;

namespace Stepwise.Cli.Tests;

public sealed class ExportTests
{
    [Fact]
    public async Task Export_WritesTheThreeFiles()
    {
        await using var server = new StubServer(request => request.Path switch
        {
            "/api/org/export/units" => StubResponse.Csv("key,name,kind,parent_key,discipline\nacme,Acme,company,,\n"),
            "/api/org/export/people" => StubResponse.Csv("email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n"),
            "/api/org/export/memberships" => StubResponse.Csv("email,unit_key,from,role,to\n"),
            _ => new StubResponse(404, "text/plain", ""),
        });
        using var cli = new CliRunner();

        var result = await cli.RunAsync("export", "--out", "snapshot/today", "--server", server.Url, "--token", "swp_t");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("", result.Error);
        var dir = Path.Combine(cli.WorkingDirectory, "snapshot", "today");
        Assert.Equal("key,name,kind,parent_key,discipline\nacme,Acme,company,,\n", File.ReadAllText(Path.Combine(dir, "units.csv")));
        Assert.StartsWith("email,name,employment_start", File.ReadAllText(Path.Combine(dir, "people.csv")), StringComparison.Ordinal);
        Assert.Equal("email,unit_key,from,role,to\n", File.ReadAllText(Path.Combine(dir, "memberships.csv")));
        Assert.Equal(3, Directory.GetFiles(dir).Length);
        Assert.All(server.Requests, r => Assert.Equal("Bearer swp_t", r.Authorization));
        Assert.Contains("wrote snapshot/today/units.csv", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_FailureOnALaterFile_LeavesExistingFilesUntouched()
    {
        await using var server = new StubServer(request => request.Path.EndsWith("/memberships", StringComparison.Ordinal)
            ? StubResponse.Problem(403, """{"title":"Forbidden","status":403}""")
            : StubResponse.Csv("new\n"));
        using var cli = new CliRunner();
        cli.WriteFile("out/units.csv", "old\n");

        var result = await cli.RunAsync("export", "--out", "out", "--server", server.Url, "--token", "swp_t");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("Admin or HR", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        var dir = Path.Combine(cli.WorkingDirectory, "out");
        Assert.Equal("old\n", File.ReadAllText(Path.Combine(dir, "units.csv")));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Export_401_ExitsOne()
    {
        await using var server = new StubServer(_ => new StubResponse(401, "text/plain", ""));
        using var cli = new CliRunner();

        var result = await cli.RunAsync("export", "--out", "out", "--server", server.Url, "--token", "swp_bad");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("/account/tokens", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OutIsAFile_ExitsTwo()
    {
        using var cli = new CliRunner();
        cli.WriteFile("taken", "x");

        var result = await cli.RunAsync("export", "--out", "taken", "--token", "swp_t");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("taken: is a file", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
