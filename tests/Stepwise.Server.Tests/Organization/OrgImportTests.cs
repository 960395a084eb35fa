using Xunit;
using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Organization;

public abstract class OrgImportTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static (string Units, string People, string Memberships) Files(string s) => (
        $"key,name,kind,parent_key,discipline\nco-{s},Co {s},company,,\ntr-{s},Tribe,tribe,co-{s},\nsq-{s},Squad,squad,tr-{s},\nch-{s},Backend,chapter,tr-{s},backend\n",
        $"email,name,employment_start,title,discipline,location,track,employment_end,manager_email\nlead-{s}@x.io,Lea,2020-01-01,Chapter Lead,backend,Oslo,manager,,\ndev-{s}@x.io,Dev,2021-05-01,Engineer,backend,Oslo,ic,,lead-{s}@x.io\n",
        $"email,unit_key,from,role,to\nlead-{s}@x.io,ch-{s},2020-01-01,lead,\ndev-{s}@x.io,sq-{s},2021-05-01,member,\ndev-{s}@x.io,ch-{s},2021-05-01,member,\n");

    private async Task<int> CountPeopleAsync(HttpClient client) => (await (await client.GetAsync("/api/people?pageSize=1")).JsonAsync())["total"]!.GetValue<int>();

    [Fact]
    public async Task Import_DryRun_WritesNothing_ThenImportWritesAll_ThenReimportChangesNothing()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, people, memberships) = Files(s);
        var before = await CountPeopleAsync(admin);

        var dry = await admin.PostOkAsync("/api/org/import?dryRun=true", new { units, people, memberships });
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, dry["people"]!["created"]!.GetValue<int>());
        Assert.Equal(before, await CountPeopleAsync(admin));

        var real = await admin.PostOkAsync("/api/org/import", new { units, people, memberships });
        Assert.True(real["applied"]!.GetValue<bool>());
        Assert.Equal(4, real["units"]!["created"]!.GetValue<int>());
        Assert.Equal(3, real["memberships"]!["created"]!.GetValue<int>());
        Assert.Equal(before + 2, await CountPeopleAsync(admin));

        var again = await admin.PostOkAsync("/api/org/import", new { units, people, memberships });
        Assert.Equal(2, again["people"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(3, again["memberships"]!["unchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_AnyError_RejectsWholeImport_WithLineAndColumn()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, _, memberships) = Files(s);
        var people = $"email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n" +
            $"ok-{s}@x.io,Ok,2020-01-01,Eng,backend,Oslo,ic,,\n" +
            $"not-an-email,Bad,2020-13-01,Eng,backend,Oslo,wizard,,\n" +
            $"ok-{s}@x.io,Dup,2020-01-01,Eng,backend,Oslo,ic,,\n" +
            $"me-{s}@x.io,Me,2020-01-01,Eng,backend,Oslo,ic,,me-{s}@x.io\n";
        var before = await CountPeopleAsync(admin);
        var response = await admin.PostAsJsonAsync("/api/org/import", new { units, people, memberships });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        var errors = problem["errors"]!.AsArray().Select(e => (File: e!["file"]!.GetValue<string>(), Line: e["line"]!.GetValue<int>(), Column: e["column"]!.GetValue<int>(), Field: e["field"]?.GetValue<string>())).ToList();
        Assert.Contains(("people.csv", 3, 1, "email"), errors);
        Assert.Contains(("people.csv", 3, 3, "employment_start"), errors);
        Assert.Contains(("people.csv", 3, 7, "track"), errors);
        Assert.Contains(("people.csv", 4, 1, "email"), errors);
        Assert.Contains(("people.csv", 5, 9, "manager_email"), errors);
        Assert.Equal(before, await CountPeopleAsync(admin));
        var units2 = await (await admin.GetAsync($"/api/units?pageSize=200")).JsonAsync();
        Assert.DoesNotContain(units2["items"]!.AsArray(), u => u!["key"]!.GetValue<string>() == $"co-{s}");
    }

    [Fact]
    public async Task Import_RowsWithBadCells_StillGetTheirOtherChecks_AndAreNotCalledUnknown_AndAnOpenQuoteIsFoundWhereItOpens()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var units = "key,name,kind,parent_key,discipline\n" +
            $"co-{s},Co,company,,\n" +
            $"tr-{s},,tribe,nowhere-{s},\n" +
            $"sq-{s},Squad,wizard,tr-{s},\n";
        var people = "email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n" +
            $"lead-{s}@x.io,Lea,2020-01-01,Lead,backend,Oslo,manager,,\n" +
            $"dev-{s}@x.io,,2021-05-01,Engineer,backend,Oslo,ic,,ghost-{s}@x.io\n";
        var memberships = "email,unit_key,from,role,to\n" +
            $"dev-{s}@x.io,sq-{s},2021-05-01,member,\n" +
            $"dev-{s}@x.io,nope-{s},2019-01-01,boss,\n" +
            $"lead-{s}@x.io,co-{s},2020-01-01,\"lead,\n";
        var before = await CountPeopleAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/org/import", new { units, people, memberships });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsArray().Select(e => (e!["file"]!.GetValue<string>(), e["line"]!.GetValue<int>(),
            e["column"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["message"]!.GetValue<string>()));
        Assert.Equal(
        [
            ("memberships.csv", 3, 2, "unit_key", $"Unknown unit 'nope-{s}': not in units.csv nor in Stepwise."),
            ("memberships.csv", 3, 3, "from", $"The membership starts 2019-01-01, before dev-{s}@x.io was employed (2021-05-01)."),
            ("memberships.csv", 3, 4, "role", "'boss' is not a valid role; use one of: member, lead."),
            ("memberships.csv", 4, 4, "role", "The quote that opens this field is never closed, so the rest of the file was read as part of it. Add the closing '\"'."),
            ("people.csv", 3, 2, "name", "'name' is required."),
            ("people.csv", 3, 9, "manager_email", $"Unknown manager 'ghost-{s}@x.io': not in people.csv nor in Stepwise."),
            ("units.csv", 3, 2, "name", "'name' is required."),
            ("units.csv", 3, 4, "parent_key", $"Unknown parent unit 'nowhere-{s}'."),
            ("units.csv", 4, 3, "kind", "'wizard' is not a valid kind; use one of: company, tribe, squad, chapter, guild, journeyteam."),
        ], errors);
        Assert.Equal(before, await CountPeopleAsync(admin));
        var saved = await (await admin.GetAsync("/api/units?pageSize=200")).JsonAsync();
        Assert.DoesNotContain(saved["items"]!.AsArray(), u => u!["key"]!.GetValue<string>() == $"co-{s}");
    }

    [Fact]
    public async Task Import_ReportingLoopAcrossRows_IsRejected()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var people = "email,name,employment_start,manager_email\n" +
            $"a-{s}@x.io,A,2020-01-01,b-{s}@x.io\nb-{s}@x.io,B,2020-01-01,c-{s}@x.io\nc-{s}@x.io,C,2020-01-01,a-{s}@x.io\n";
        var response = await admin.PostAsJsonAsync("/api/org/import?dryRun=true", new { people });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var messages = (await response.JsonAsync())["errors"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());
        Assert.Contains(messages, m => m.Contains("reporting loop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_TwoSquadsAtOnce_IsRejected()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, people, _) = Files(s);
        units += $"sq2-{s},Squad Two,squad,tr-{s},\n";
        var memberships = $"email,unit_key,from,role,to\ndev-{s}@x.io,sq-{s},2021-05-01,member,2022-01-01\ndev-{s}@x.io,sq2-{s},2021-12-01,member,\n";
        var response = await admin.PostAsJsonAsync("/api/org/import?dryRun=true", new { units, people, memberships });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.JsonAsync())["errors"]![0]!;
        Assert.Equal(3, error["line"]!.GetValue<int>());
        Assert.Contains("two Squads at once", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownColumn_AndReplacementCharacters_AreNamed()
    {
        var admin = await App.AdminAsync();
        var units = "key,name,kind,colour\nx,X,company,red\n";
        var people = "email,name,employment_start\nx@y.io,Caf\uFFFD,2020-01-01\n";
        var response = await admin.PostAsJsonAsync("/api/org/import?dryRun=true", new { units, people });
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["file"]!.GetValue<string>() == "units.csv" && e["line"]!.GetValue<int>() == 1 && e["column"]!.GetValue<int>() == 4);
        Assert.Contains(errors, e => e!["file"]!.GetValue<string>() == "people.csv" && e["line"]!.GetValue<int>() == 2 && e["message"]!.GetValue<string>().Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ThenImport_RoundTripsWithoutChanges()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, people, memberships) = Files(s);
        await admin.PostOkAsync("/api/org/import", new { units, people, memberships });
        var exported = new
        {
            units = await admin.GetStringAsync("/api/org/export/units"),
            people = await admin.GetStringAsync("/api/org/export/people"),
            memberships = await admin.GetStringAsync("/api/org/export/memberships"),
        };
        var result = await admin.PostOkAsync("/api/org/import?dryRun=true", exported);
        foreach (var file in new[] { "units", "people", "memberships" })
        {
            Assert.Equal(0, result[file]!["created"]!.GetValue<int>());
            Assert.Equal(0, result[file]!["updated"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Cli_ImportAgainstRealServer_ReportsFileLineColumnAndExits2()
    {
        var admin = await App.AdminAsync();
        var dir = Directory.CreateTempSubdirectory("stepwise-cli-");
        try
        {
            var bad = Path.Combine(dir.FullName, "people.csv");
            await File.WriteAllTextAsync(bad, "email,name,employment_start\nnope,N,2020-01-01\n");
            var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await Stepwise.Cli.CliApp.RunAsync(["import", "--people", bad, "--server", "http://localhost", "--token", token],
                new Stepwise.Cli.CliEnvironment { Out = output, Error = error, HttpMessageHandler = App.Server.CreateHandler() });
            Assert.Equal(2, exit);
            Assert.Contains($"{bad}:2:1:", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            TempFiles.DeleteDirectory(dir.FullName);
        }
    }
}

public sealed class OrgImportTests_Sqlite(SqliteDatabase db) : OrgImportTests<SqliteDatabase>(db);

public sealed class OrgImportTests_Postgres(PostgresDatabase db) : OrgImportTests<PostgresDatabase>(db);
