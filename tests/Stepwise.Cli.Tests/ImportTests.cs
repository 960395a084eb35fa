using System.Text;
using System.Text.Json;
using Xunit;

namespace Stepwise.Cli.Tests;

public sealed class ImportTests
{
    private const string Token = "swp_test_token";

    private const string SuccessBody = """
        {"dryRun":false,"applied":true,
         "units":{"created":2,"updated":1,"unchanged":0},
         "people":{"created":5,"updated":0,"unchanged":3},
         "memberships":{"created":7,"updated":0,"unchanged":0},
         "errorCount":0,"errors":[]}
        """;

    private const string DryRunBody = """
        {"dryRun":true,"applied":false,
         "units":null,
         "people":{"created":12,"updated":4,"unchanged":30},
         "memberships":null,
         "errorCount":0,"errors":[]}
        """;

    [Fact]
    public async Task Import_Success_PostsFilesAndPrintsCounts()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, SuccessBody));
        using var cli = new CliRunner();
        var units = cli.WriteFile("in/units.csv", "key,name,kind,parent_key,discipline\nacme,Acme,company,,\n");
        var people = cli.WriteFile("in/staff.csv", "email,name,employment_start,title,discipline,location,track,employment_end,manager_email\na@x.io,Ä,2024-01-01,Dev,eng,Oslo,ic,,\n");
        var memberships = cli.WriteFile("in/m.csv", "email,unit_key,from,role,to\n");

        var result = await cli.RunAsync("import", "--units", units, "--people", people, "--memberships", memberships, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("", result.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/org/import", request.Path);
        Assert.Equal("?dryRun=false", request.Query);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(File.ReadAllText(Path.Combine(cli.WorkingDirectory, units)), body.RootElement.GetProperty("units").GetString());
        Assert.Contains("a@x.io,Ä,", body.RootElement.GetProperty("people").GetString(), StringComparison.Ordinal);
        Assert.Equal("email,unit_key,from,role,to\n", body.RootElement.GetProperty("memberships").GetString());

        var rows = result.Out.Split('\n');
        Assert.Contains(rows, r => r.Contains("in/units.csv", StringComparison.Ordinal) && Numbers(r).SequenceEqual([2, 1, 0]));
        Assert.Contains(rows, r => r.Contains("in/staff.csv", StringComparison.Ordinal) && Numbers(r).SequenceEqual([5, 0, 3]));
        Assert.Contains(rows, r => r.Contains("in/m.csv", StringComparison.Ordinal) && Numbers(r).SequenceEqual([7, 0, 0]));
        Assert.Contains("Created", result.Out, StringComparison.Ordinal);
        Assert.Contains("import applied", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dry run", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DryRun_SendsFlagOmitsOtherFilesAndSaysNothingWritten()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, DryRunBody));
        using var cli = new CliRunner()
            .WithVariable("STEPWISE_SERVER", "http://placeholder.invalid")
            .WithVariable("STEPWISE_TOKEN", Token);
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--dry-run", "--server", server.Url);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("?dryRun=true", request.Query);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("units").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("memberships").ValueKind);
        Assert.Contains(result.Out.Split('\n'), r => r.Contains("people.csv", StringComparison.Ordinal) && Numbers(r).SequenceEqual([12, 4, 30]));
        Assert.Contains("dry run: nothing written", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ServerAndTokenFromEnvironment_AreUsed()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, DryRunBody));
        using var cli = new CliRunner()
            .WithVariable("STEPWISE_SERVER", server.Url.TrimEnd('/'))
            .WithVariable("STEPWISE_TOKEN", "swp_from_env");
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("Bearer swp_from_env", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Import_NonUtf8File_ExitsTwoWithFileLineColumnAndSendsNothing()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, SuccessBody));
        using var cli = new CliRunner();
        // Latin-1 "Zoë" on line 2: 'ë' is 0xEB followed by ',' which is not a continuation byte.
        var bytes = Encoding.UTF8.GetBytes("email,name\nzoe@x.io,Zo").Concat(new byte[] { 0xEB }).Concat(Encoding.UTF8.GetBytes(",2024-01-01\n")).ToArray();
        var people = cli.WriteFile("latin1/people.csv", bytes);

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("latin1/people.csv:2:12: not valid UTF-8", line, StringComparison.Ordinal);
        Assert.Contains("0xEB", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwoNamingItAndSendsNothing()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, SuccessBody));
        using var cli = new CliRunner();
        var units = cli.WriteFile("units.csv", "key,name,kind,parent_key,discipline\n");

        var result = await cli.RunAsync("import", "--units", units, "--people", "nowhere/people.csv", "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["nowhere/people.csv: no such file (--people)"], result.ErrorLines);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Import_DirectoryInsteadOfFile_ExitsTwo()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "dir"));

        var result = await cli.RunAsync("import", "--units", "dir", "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("dir: is a directory", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_422_MapsEachErrorToTheUsersPathWithLineAndColumn()
    {
        const string problem = """
            {"type":"https://stepwise/problems/import","title":"The import has errors","status":422,
             "detail":"3 errors; nothing was written.","errorCount":3,
             "errors":[
               {"file":"people.csv","line":3,"column":2,"field":"email","message":"'bob@' is not an email address"},
               {"file":"memberships.csv","line":7,"column":2,"field":"unit_key","message":"unknown unit 'sq-99'"},
               {"file":"people.csv","line":9,"column":9,"field":"manager_email","message":"manager_email: a person cannot manage themselves"}
             ]}
            """;
        await using var server = new StubServer(_ => StubResponse.Problem(422, problem));
        using var cli = new CliRunner();
        var people = cli.WriteFile("hr/staff-2025.csv", "email,name\n");
        var memberships = cli.WriteFile("hr/teams.csv", "email,unit_key,from,role,to\n");

        var result = await cli.RunAsync("import", "--people", people, "--memberships", memberships, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(
            [
                "hr/staff-2025.csv:3:2: email: 'bob@' is not an email address",
                "hr/teams.csv:7:2: unit_key: unknown unit 'sq-99'",
                "hr/staff-2025.csv:9:9: manager_email: a person cannot manage themselves",
                "import rejected: 3 errors in 2 files; nothing was written",
            ],
            result.ErrorLines);
        Assert.DoesNotContain("Created", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_422_WithMoreErrorsThanListed_SaysHowManyAreShown()
    {
        const string problem = """
            {"title":"The import has errors","status":422,"errorCount":250,
             "errors":[{"file":"units.csv","line":2,"message":"kind must be one of company, tribe, squad"}]}
            """;
        await using var server = new StubServer(_ => StubResponse.Problem(422, problem));
        using var cli = new CliRunner();
        var units = cli.WriteFile("units.csv", "key,name,kind,parent_key,discipline\n");

        var result = await cli.RunAsync("import", "--units", units, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(
            ["units.csv:2: kind must be one of company, tribe, squad", "import rejected: 250 errors (showing the first 1); nothing was written"],
            result.ErrorLines);
    }

    [Fact]
    public async Task Import_400ValidationProblem_ExitsTwoWithFieldErrors()
    {
        const string problem = """{"title":"One or more validation errors occurred.","status":400,"errors":{"people":["The people field is not valid CSV."]}}""";
        await using var server = new StubServer(_ => StubResponse.Problem(400, problem));
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("HTTP 400", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains("people: The people field is not valid CSV.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_401_ExitsOneAndSaysWhereToCreateAToken()
    {
        await using var server = new StubServer(_ => new StubResponse(401, "text/plain", ""));
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", "swp_revoked");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.Contains($"{server.Url}account/tokens", line, StringComparison.Ordinal);
        Assert.Contains("STEPWISE_TOKEN", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_403_ExitsOneAndNamesTheRoles()
    {
        await using var server = new StubServer(_ => StubResponse.Problem(403, """{"title":"Forbidden","status":403}"""));
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("403", line, StringComparison.Ordinal);
        Assert.Contains("Admin or HR", line, StringComparison.Ordinal);
        Assert.Contains("/account/tokens", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_500_ExitsOneWithOneLine()
    {
        await using var server = new StubServer(_ => StubResponse.Problem(500, """{"title":"An error occurred while processing your request.","status":500}"""));
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("server error (HTTP 500)", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingToken_ExitsOneBeforeSending()
    {
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("no token:", line, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/account/tokens", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ServerDown_ExitsOneWithOneLineAndNoStackTrace()
    {
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");
        var port = StubServer.FreePort();

        var result = await cli.RunAsync("import", "--people", people, "--server", $"http://127.0.0.1:{port}", "--token", Token);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"cannot reach the server at http://127.0.0.1:{port}/", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line.Replace($"server at http", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnreadableSuccessBody_ExitsOne()
    {
        await using var server = new StubServer(_ => new StubResponse(200, "text/html", "<html>login</html>"));
        using var cli = new CliRunner();
        var people = cli.WriteFile("people.csv", "email,name\n");

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("could not be read", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LargeFileOnTerminal_UploadsEverythingWithProgressDisplay()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, SuccessBody));
        using var cli = new CliRunner { Terminal = true };
        var csv = new StringBuilder("email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append("person").Append(i).Append("@example.com,Person ").Append(i).Append(",2024-01-01,Engineer,eng,Oslo,ic,,\n");
        }

        var people = cli.WriteFile("people.csv", csv.ToString());

        var result = await cli.RunAsync("import", "--people", people, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(csv.ToString(), body.RootElement.GetProperty("people").GetString());
        TestContext.Current.TestOutputHelper?.WriteLine(result.Out);
        Assert.Contains("uploading", result.Out, StringComparison.Ordinal);
        Assert.Contains("import applied", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_Bom_IsNotSent()
    {
        await using var server = new StubServer(_ => StubResponse.Json(200, SuccessBody));
        using var cli = new CliRunner();
        var units = cli.WriteFile("units.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("key,name,kind,parent_key,discipline\n")]);

        var result = await cli.RunAsync("import", "--units", units, "--server", server.Url, "--token", Token);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("key,name,kind,parent_key,discipline\n", body.RootElement.GetProperty("units").GetString());
    }

    [Theory]
    [InlineData("people.csv", 4, 2, "email", "bad", "p/in.csv:4:2: email: bad")]
    [InlineData("/srv/upload/people.csv", 4, null, null, "bad", "p/in.csv:4: bad")]
    [InlineData("other.csv", 1, 1, null, "bad", "other.csv:1:1: bad")]
    [InlineData(null, null, null, "people", "must not be empty", "people: must not be empty")]
    [InlineData(null, 5, 3, null, "bad", "line:5:3: bad")]
    public void FormatError_MapsServerFileNamesToUserPaths(string? file, int? line, int? column, string? field, string message, string expected)
    {
        var files = new[] { new ImportFile("people", "people.csv", "p/in.csv", "/abs/p/in.csv") };

        Assert.Equal(expected, ImportCommand.FormatError(new ImportError(file, line, column, field, message), files));
    }

    private static int[] Numbers(string row) =>
        row.Split(['|', '│', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(cell => cell.All(char.IsAsciiDigit))
            .Select(int.Parse)
            .ToArray();
}
