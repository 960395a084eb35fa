using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Delivery;

/// <summary>Flags, rules and the kill switch through the API, and their bad input: 400 with field errors and nothing saved.</summary>
public abstract class DeliveryApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task TypedFlags_RulesAndSegments_AreServedInThePayload()
    {
        var admin = await App.AdminAsync();
        var segment = Unique("seg");
        await admin.PostOkAsync("/api/segments", new { key = segment, name = "Dutch", condition = new { country = "NL" } });
        var flag = await CreateFlagAsync(admin, "number", 25);
        var put = await admin.PutAsJsonAsync($"/api/flags/{flag}/environments/production", new
        {
            enabled = true,
            rules = new object[] { new { id = "dutch", segments = new[] { segment }, value = 50 }, new { id = "pro", condition = new { plan = "pro" }, value = 200 } },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var payload = await PayloadAsync(App.Anonymous(), await ClientKeyAsync(admin));
        var evaluator = new Stepwise.Flags.Evaluation.FlagEvaluator(payload);
        double Value(object attributes) => evaluator.EvalFeature(flag, new() { Attributes = Unit("u1", attributes) }).Value.GetDouble();
        Assert.Equal(50, Value(new { country = "NL" }));
        Assert.Equal(200, Value(new { country = "SE", plan = "pro" }));
        Assert.Equal(25, Value(new { country = "SE" }));
    }

    [Fact]
    public async Task KillSwitch_ServesTheOffValueToEveryone()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin, "boolean", true);
        await EnableAsync(admin, flag);
        var clientKey = await ClientKeyAsync(admin);
        Assert.Equal(1000, UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, 1000).Count);

        var kill = await admin.PutAsJsonAsync($"/api/flags/{flag}/environments/production/enabled", new { enabled = false, reason = "errors spiking" });
        Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
        Assert.Empty(UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, 1000));
    }

    [Fact]
    public async Task BadFlagInput_IsRejectedWithFieldErrors_AndNothingIsSaved()
    {
        var admin = await App.AdminAsync();
        var key = Unique("bad");
        var wrongType = await admin.PostAsJsonAsync("/api/flags", new { key, name = "x", valueType = "number", defaultValue = "ten" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("number", (await wrongType.JsonAsync())["errors"]!["defaultValue"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/flags/{key}")).StatusCode);

        var unknownField = await admin.PostAsync("/api/flags", ApiJson.Raw($$"""{"key":"{{key}}","name":"x","valueType":"boolean","colour":"red"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);

        var flag = await CreateFlagAsync(admin);
        var badRules = await admin.PutAsJsonAsync($"/api/flags/{flag}/environments/production", new
        {
            enabled = true,
            rules = new object[]
            {
                new { id = "a", segments = new[] { "no-such-segment" }, value = true },
                new { id = "b", value = true, coverage = 1.5 },
                new { id = "c", value = "yes" },
                new { id = "d", condition = new { age = new { gt = 3 } }, value = true },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badRules.StatusCode);
        var errors = (await badRules.JsonAsync())["errors"]!;
        Assert.NotNull(errors["rules[0].segments"]);
        Assert.NotNull(errors["rules[1].coverage"]);
        Assert.NotNull(errors["rules[2].value"]);
        var details = await (await admin.GetAsync($"/api/flags/{flag}")).JsonAsync();
        var production = details["environments"]!.AsArray().First(e => e!["environment"]!.GetValue<string>() == "production")!;
        Assert.Empty(production["rules"]!.AsArray());
        Assert.False(production["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PayloadEndpoint_RevalidatesWithETag_AndRefusesUnknownKeys()
    {
        var admin = await App.AdminAsync();
        var clientKey = await ClientKeyAsync(admin);
        var anonymous = App.Anonymous();
        var first = await anonymous.GetAsync($"/api/features/{clientKey}");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/features/{clientKey}");
        revalidate.Headers.IfNoneMatch.Add(etag!);
        var second = await anonymous.SendAsync(revalidate);
        Assert.True(second.StatusCode == HttpStatusCode.NotModified || second.Headers.ETag != etag, "Same ETag must give 304");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/features/sdk-unknown")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/features/sdk-demo-production")).StatusCode);

        await CreateFlagAsync(admin);
        var changed = await anonymous.GetAsync($"/api/features/{clientKey}");
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task SegmentsLayersAndHoldouts_RejectBadInput()
    {
        var admin = await App.AdminAsync();
        var badSegment = await admin.PostAsJsonAsync("/api/segments", new { key = "Bad Key!", name = "x", condition = new[] { 1 } });
        Assert.Equal(HttpStatusCode.BadRequest, badSegment.StatusCode);
        var errors = (await badSegment.JsonAsync())["errors"]!;
        Assert.NotNull(errors["key"]);
        Assert.NotNull(errors["condition"]);

        var badHoldout = await admin.PostAsJsonAsync("/api/holdouts", new { key = Unique("h"), name = "h", share = 1.5, layers = new[] { "no-layer" } });
        Assert.Equal(HttpStatusCode.BadRequest, badHoldout.StatusCode);
        errors = (await badHoldout.JsonAsync())["errors"]!;
        Assert.NotNull(errors["share"]);
        Assert.NotNull(errors["layers"]);
    }

    [Fact]
    public async Task FlagWrites_AreCheckedAgainstTheOwningUnit()
    {
        var admin = await App.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"c-{suffix}", name = "Company", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"t-{suffix}", name = "Tribe", kind = "tribe", parentId = company })).Id();
        var owners = (await admin.PostOkAsync("/api/units", new { key = $"own-{suffix}", name = "Owners", kind = "squad", parentId = tribe })).Id();
        var others = (await admin.PostOkAsync("/api/units", new { key = $"oth-{suffix}", name = "Others", kind = "squad", parentId = tribe })).Id();
        async Task<HttpClient> MemberOf(Guid unit, string name)
        {
            var person = (await admin.PostOkAsync("/api/people", new
            {
                email = $"{name}-{suffix}@test.example", name, title = "Engineer", discipline = "backend", location = "Oslo",
                track = "individualContributor", employmentStart = "2024-01-01", unitId = unit,
            })).Id();
            return await App.ClientForAsync($"{name}-{suffix}@test.example", person);
        }
        var owner = await MemberOf(owners, "owner");
        var outsider = await MemberOf(others, "outsider");

        var forOthers = await outsider.PostAsJsonAsync("/api/flags", new { key = Unique("steal"), name = "x", valueType = "boolean", ownerUnitId = owners });
        Assert.Equal(HttpStatusCode.Forbidden, forOthers.StatusCode);
        var flag = await CreateFlagAsync(owner, owner: owners);
        var outsiderKill = await outsider.PutAsJsonAsync($"/api/flags/{flag}/environments/production/enabled", new { enabled = true });
        Assert.Equal(HttpStatusCode.Forbidden, outsiderKill.StatusCode);
        var ownerKill = await owner.PutAsJsonAsync($"/api/flags/{flag}/environments/production/enabled", new { enabled = true });
        Assert.Equal(HttpStatusCode.OK, ownerKill.StatusCode);
        var layer = await outsider.PostAsJsonAsync("/api/layers", new { key = Unique("l"), name = "l" });
        Assert.Equal(HttpStatusCode.Forbidden, layer.StatusCode);
    }

    [Fact]
    public async Task Changes_AreAudited_WithBeforeAndAfter()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var audit = await (await admin.GetAsync("/api/audit?entityType=FlagEnvironment&pageSize=200")).JsonAsync();
        var entries = audit["items"]!.AsArray();
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "Updated"
            && e["before"]!.GetValue<string>().Contains("\"Enabled\":false", StringComparison.Ordinal)
            && e["after"]!.GetValue<string>().Contains("\"Enabled\":true", StringComparison.Ordinal));
    }
}

public sealed class DeliveryApiTests_Sqlite(SqliteDatabase db) : DeliveryApiTests<SqliteDatabase>(db);

public sealed class DeliveryApiTests_Postgres(PostgresDatabase db) : DeliveryApiTests<PostgresDatabase>(db);
