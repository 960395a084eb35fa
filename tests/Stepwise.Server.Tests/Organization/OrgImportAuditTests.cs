using Xunit;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Organization;

/// <summary>The import writes new rows in bulk, past the change tracker: these tests hold it to the same results and the same audit
/// trail as writes through the API.</summary>
public abstract class OrgImportAuditTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    // Children come before their parents on purpose: the bulk writer must still insert parents first.
    private static (string Units, string People, string Memberships) Files(string s, string title = "Engineer") => (
        $"key,name,kind,parent_key,discipline\nsq-{s},Squad,squad,tr-{s},\ntr-{s},Tribe,tribe,co-{s},\nco-{s},Co,company,,\n",
        "email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n" +
        $"dev-{s}@x.io,Dev,2021-05-01,{title},backend,Oslo,ic,,lead-{s}@x.io\nlead-{s}@x.io,Lea,2020-01-01,Lead,backend,Oslo,manager,,\n",
        $"email,unit_key,from,role,to\nlead-{s}@x.io,sq-{s},2020-01-01,lead,\ndev-{s}@x.io,sq-{s},2021-05-01,member,\n");

    private static async Task<JsonArray> AuditAsync(HttpClient admin, string entityType, Guid id) =>
        (await (await admin.GetAsync($"/api/audit?entityType={entityType}&entityId={id}")).JsonAsync())["items"]!.AsArray();

    private static async Task<int> AuditTotalAsync(HttpClient admin) =>
        (await (await admin.GetAsync("/api/audit?pageSize=1")).JsonAsync())["total"]!.GetValue<int>();

    private static async Task<Guid> PersonIdAsync(HttpClient client, string email) =>
        (await (await client.GetAsync($"/api/people?search={email}")).JsonAsync())["items"]![0]!.Id();

    [Fact]
    public async Task ImportedRows_ReadBackAndAreAudited_LikeApiWrites()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var hired = (await admin.PostOkAsync("/api/people", new
        {
            email = $"api-{s}@x.io", name = "Api", title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = "2021-05-01",
        })).Id();
        var (units, people, memberships) = Files(s);
        await admin.PostOkAsync("/api/org/import", new { units, people, memberships });

        var dev = await PersonIdAsync(admin, $"dev-{s}@x.io");
        var person = await (await admin.GetAsync($"/api/people/{dev}")).JsonAsync();
        Assert.Equal("Lea", person["manager"]!["name"]!.GetValue<string>());
        var squad = person["memberships"]![0]!["unit"]!.Id();
        var members = (await (await admin.GetAsync($"/api/units/{squad}?asOf=2022-01-01")).JsonAsync())["members"]!.AsArray();
        Assert.Equal(["Lea", "Dev"], members.Select(m => m!["person"]!["name"]!.GetValue<string>()));

        var viaApi = Assert.Single(await AuditAsync(admin, "Person", hired))!;
        var viaImport = Assert.Single(await AuditAsync(admin, "Person", dev))!;
        Assert.Equal("Created", viaImport["action"]!.GetValue<string>());
        Assert.Equal(viaApi["actorId"]!.GetValue<Guid>(), viaImport["actorId"]!.GetValue<Guid>());
        Assert.Equal(viaApi["actorName"]!.GetValue<string>(), viaImport["actorName"]!.GetValue<string>());
        var apiAfter = JsonNode.Parse(viaApi["after"]!.GetValue<string>())!.AsObject();
        var importAfter = JsonNode.Parse(viaImport["after"]!.GetValue<string>())!.AsObject();
        Assert.Equal(apiAfter.Select(p => p.Key), importAfter.Select(p => p.Key));
        foreach (var field in new[] { "Title", "Discipline", "Location", "Track", "EmploymentStart", "EmploymentEnd" })
            Assert.True(JsonNode.DeepEquals(apiAfter[field], importAfter[field]), field);
        Assert.Equal(dev, importAfter["Id"]!.GetValue<Guid>());

        Assert.Single(await AuditAsync(admin, "OrgUnit", squad));
        foreach (var transition in person["history"]!.AsArray())
            Assert.Single(await AuditAsync(admin, "Transition", transition!.Id()));
        Assert.Single(await AuditAsync(admin, "Membership", person["memberships"]![0]!.Id()));
        Assert.Single(await AuditAsync(admin, "ReportingLine", person["reportingLines"]![0]!.Id()));
    }

    [Fact]
    public async Task Reimport_WithAChange_AuditsTheUpdateWithBeforeAndAfter()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, people, memberships) = Files(s);
        await admin.PostOkAsync("/api/org/import", new { units, people, memberships });
        var (_, changed, _) = Files(s, title: "Senior Engineer");
        var result = await admin.PostOkAsync("/api/org/import", new { units, people = changed, memberships });
        Assert.Equal(1, result["people"]!["updated"]!.GetValue<int>());

        var dev = await PersonIdAsync(admin, $"dev-{s}@x.io");
        var update = Assert.Single(await AuditAsync(admin, "Person", dev), e => e!["action"]!.GetValue<string>() == "Updated")!;
        Assert.Equal("""{"Title":"Engineer"}""", update["before"]!.GetValue<string>());
        Assert.Equal("""{"Title":"Senior Engineer"}""", update["after"]!.GetValue<string>());
        var history = (await (await admin.GetAsync($"/api/people/{dev}")).JsonAsync())["history"]!.AsArray();
        Assert.Contains(history, t => t!["kind"]!.GetValue<string>() == "titleChanged" && t["toValue"]!.GetValue<string>() == "Senior Engineer");
    }

    [Fact]
    public async Task RejectedImport_WritesNoAuditEntries()
    {
        var admin = await App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var (units, people, _) = Files(s);
        var before = await AuditTotalAsync(admin);
        var response = await admin.PostAsJsonAsync("/api/org/import", new { units, people, memberships = $"email,unit_key,from\nnobody-{s}@x.io,sq-{s},2020-01-01\n" });
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await AuditTotalAsync(admin));
    }
}

public sealed class OrgImportAuditTests_Sqlite(SqliteDatabase db) : OrgImportAuditTests<SqliteDatabase>(db);

public sealed class OrgImportAuditTests_Postgres(PostgresDatabase db) : OrgImportAuditTests<PostgresDatabase>(db);
