using Xunit;
using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Organization;

public abstract class OrganizationApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private async Task<(HttpClient Hr, Guid Tribe, Guid SquadA, Guid SquadB)> OrgAsync()
    {
        var hr = await App.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await hr.PostOkAsync("/api/units", new { key = $"co-{suffix}", name = "Co", kind = "company" })).Id();
        var tribe = (await hr.PostOkAsync("/api/units", new { key = $"tribe-{suffix}", name = "Tribe", kind = "tribe", parentId = company })).Id();
        var a = (await hr.PostOkAsync("/api/units", new { key = $"a-{suffix}", name = "Squad A", kind = "squad", parentId = tribe })).Id();
        var b = (await hr.PostOkAsync("/api/units", new { key = $"b-{suffix}", name = "Squad B", kind = "squad", parentId = tribe })).Id();
        return (hr, tribe, a, b);
    }

    private static async Task<Guid> HireAsync(HttpClient hr, string name, Guid? unit = null, Guid? manager = null, string start = "2024-01-01") =>
        (await hr.PostOkAsync("/api/people", new
        {
            email = $"{name}-{Guid.NewGuid():N}@test.example", name, title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = start, unitId = unit, managerId = manager,
        })).Id();

    [Fact]
    public async Task MoveToOtherSquad_AsOfQueries_ShowBothPeriods()
    {
        var (hr, _, a, b) = await OrgAsync();
        var ann = await HireAsync(hr, "ann", a);
        await hr.PostOkAsync($"/api/people/{ann}/memberships", new { unitId = b, role = "member", effectiveOn = "2025-03-01" });

        var before = await (await hr.GetAsync($"/api/units/{a}?asOf=2025-02-28")).JsonAsync();
        var after = await (await hr.GetAsync($"/api/units/{a}?asOf=2025-03-01")).JsonAsync();
        var inB = await (await hr.GetAsync($"/api/units/{b}?asOf=2025-03-01")).JsonAsync();
        Assert.Single(before["members"]!.AsArray());
        Assert.Empty(after["members"]!.AsArray());
        Assert.Equal(ann, inB["members"]![0]!["person"]!["id"]!.GetValue<Guid>());

        var person = await (await hr.GetAsync($"/api/people/{ann}")).JsonAsync();
        var kinds = person["history"]!.AsArray().Select(t => t!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("hired", kinds);
        Assert.Contains("leftUnit", kinds);
        Assert.Equal(2, kinds.Count(k => k == "joinedUnit"));
    }

    [Fact]
    public async Task SetManager_Loop_IsRefusedAndNothingChanges()
    {
        var (hr, _, a, _) = await OrgAsync();
        var boss = await HireAsync(hr, "boss", a);
        var lead = await HireAsync(hr, "lead", a, boss);
        var dev = await HireAsync(hr, "dev", a, lead);

        var loop = await hr.PutAsJsonAsync($"/api/people/{boss}/manager", new { managerId = dev, effectiveOn = "2025-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        var problem = await loop.JsonAsync();
        Assert.Contains("reporting loop", problem["errors"]!["managerId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var bossNow = await (await hr.GetAsync($"/api/people/{boss}")).JsonAsync();
        Assert.Null(bossNow["manager"]);

        var self = await hr.PutAsJsonAsync($"/api/people/{dev}/manager", new { managerId = dev, effectiveOn = "2025-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("own manager", (await self.JsonAsync())["errors"]!["managerId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_ClosesMembershipsAndReportsLines()
    {
        var (hr, _, a, _) = await OrgAsync();
        var lead = await HireAsync(hr, "lead", a);
        var dev = await HireAsync(hr, "dev", a, lead);
        await hr.PostOkAsync($"/api/people/{lead}/leave", new { effectiveOn = "2025-06-01" });

        var unitAfter = await (await hr.GetAsync($"/api/units/{a}?asOf=2025-06-01")).JsonAsync();
        Assert.DoesNotContain(unitAfter["members"]!.AsArray(), m => m!["person"]!["id"]!.GetValue<Guid>() == lead);
        var devAfter = await (await hr.GetAsync($"/api/people/{dev}?asOf=2025-06-01")).JsonAsync();
        Assert.Null(devAfter["manager"]);
        var devBefore = await (await hr.GetAsync($"/api/people/{dev}?asOf=2025-05-31")).JsonAsync();
        Assert.Equal(lead, devBefore["manager"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Hire_DuplicateEmail_IsAFieldError()
    {
        var hr = await App.AdminAsync();
        var email = $"dup-{Guid.NewGuid():N}@test.example";
        var body = new { email, name = "Dup", track = "manager", employmentStart = "2024-01-01" };
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/people", body)).StatusCode);
        var again = await hr.PostAsJsonAsync("/api/people", body);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await again.JsonAsync())["errors"]!["email"]);
    }

    [Theory]
    [InlineData("{\"email\": \"x@y.z\", \"name\": ", "not valid JSON")]
    [InlineData("{\"email\": 5, \"name\": \"n\", \"track\": \"manager\", \"employmentStart\": \"2024-01-01\"}", "not valid JSON")]
    [InlineData("{\"email\": \"x@y.z\", \"name\": \"n\", \"track\": \"manager\", \"employmentStart\": \"2024-01-01\", \"salary\": 1}", "not valid JSON")]
    [InlineData("{\"email\": \"x@y.z\", \"name\": \"n\", \"track\": \"wizard\", \"employmentStart\": \"2024-01-01\"}", "not valid JSON")]
    public async Task Hire_MalformedBodies_Get400ProblemWithReason(string json, string title)
    {
        var hr = await App.AdminAsync();
        var response = await hr.PostAsync("/api/people", ApiJson.Raw(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Contains(title, problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Hire_OversizedBody_Gets413()
    {
        var hr = await App.AdminAsync();
        var response = await hr.PostAsync("/api/people", ApiJson.Raw("{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ListPeople_BadPaging_IsAFieldError()
    {
        var hr = await App.AdminAsync();
        var response = await hr.GetAsync("/api/people?page=0&pageSize=5000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!;
        Assert.NotNull(errors["page"]);
        Assert.NotNull(errors["pageSize"]);
    }

    [Fact]
    public async Task Writes_AreAudited_WithBeforeAndAfter()
    {
        var (hr, _, a, _) = await OrgAsync();
        var ann = await HireAsync(hr, "audited", a);
        var update = await hr.PutAsJsonAsync($"/api/people/{ann}", new { name = "Ann Audited", title = "Senior Engineer", discipline = "backend", location = "Oslo", track = "individualContributor", effectiveOn = "2025-01-01" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var log = await (await hr.GetAsync($"/api/audit?entityType=Person&entityId={ann}")).JsonAsync();
        var entries = log["items"]!.AsArray();
        var updated = entries.Single(e => e!["action"]!.GetValue<string>() == "Updated")!;
        Assert.Contains("Engineer", updated["before"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Senior Engineer", updated["after"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(StepwiseApp.AdminEmail, updated["actorName"]!.GetValue<string>());
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "Created");
    }
}

public sealed class OrganizationApiTests_Sqlite(SqliteDatabase db) : OrganizationApiTests<SqliteDatabase>(db);

public sealed class OrganizationApiTests_Postgres(PostgresDatabase db) : OrganizationApiTests<PostgresDatabase>(db);
