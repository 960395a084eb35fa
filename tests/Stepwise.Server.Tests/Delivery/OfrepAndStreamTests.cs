using System.Net;
using System.Net.Http.Json;
using System.Text;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Delivery;

/// <summary>OFREP evaluation and its protocol errors, and the payload stream.</summary>
public sealed class OfrepAndStreamTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Ofrep_EvaluatesWithReasons()
    {
        var admin = await App.AdminAsync();
        var clientKey = await ClientKeyAsync(admin);
        var targeted = await CreateFlagAsync(admin, "string", "blue");
        (await admin.PutAsJsonAsync($"/api/flags/{targeted}/environments/production", new
        {
            enabled = true, rules = new object[] { new { id = "vip", condition = new { tier = "vip" }, value = "gold" } },
        })).EnsureSuccessStatusCode();
        var killed = await CreateFlagAsync(admin, "boolean", true);
        var plain = await CreateFlagAsync(admin, "number", 3);
        await EnableAsync(admin, plain);
        var client = App.Anonymous();

        var vip = await (await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{targeted}", clientKey, """{"context":{"targetingKey":"u1","tier":"vip"}}"""))).JsonAsync();
        Assert.Equal("gold", vip["value"]!.GetValue<string>());
        Assert.Equal("TARGETING_MATCH", vip["reason"]!.GetValue<string>());
        Assert.Equal("vip", vip["variant"]!.GetValue<string>());
        var other = await (await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{targeted}", clientKey, """{"context":{"targetingKey":"u1"}}"""))).JsonAsync();
        Assert.Equal("DEFAULT", other["reason"]!.GetValue<string>());
        var off = await (await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{killed}", clientKey, """{"context":{}}"""))).JsonAsync();
        Assert.Equal("DISABLED", off["reason"]!.GetValue<string>());
        Assert.False(off["value"]!.GetValue<bool>());
        var stat = await (await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{plain}", clientKey, ""))).JsonAsync();
        Assert.Equal("STATIC", stat["reason"]!.GetValue<string>());
        Assert.Equal(3, stat["value"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("{not json", 400, "PARSE_ERROR")]
    [InlineData("[1,2]", 400, "PARSE_ERROR")]
    [InlineData("""{"context":"user-1"}""", 400, "INVALID_CONTEXT")]
    [InlineData("""{"context":{"targetingKey":42}}""", 400, "INVALID_CONTEXT")]
    public async Task Ofrep_MalformedRequests_GetProtocolErrors(string body, int status, string code)
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        var response = await App.Anonymous().SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{flag}", await ClientKeyAsync(admin), body));
        Assert.Equal(status, (int)response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(code, json["errorCode"]!.GetValue<string>());
        Assert.Equal(flag, json["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ofrep_KeysFlagsAndTargetingKeys_AreChecked()
    {
        var admin = await App.AdminAsync();
        var clientKey = await ClientKeyAsync(admin);
        var client = App.Anonymous();
        var missing = await client.PostAsync("/ofrep/v1/evaluate/flags/x", ApiJson.Raw("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Ofrep("/ofrep/v1/evaluate/flags/x", "sdk-wrong", "{}"))).StatusCode);
        var notFound = await client.SendAsync(Ofrep("/ofrep/v1/evaluate/flags/no-such-flag", clientKey, "{}"));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("FLAG_NOT_FOUND", (await notFound.JsonAsync())["errorCode"]!.GetValue<string>());

        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        (await admin.PutAsJsonAsync($"/api/flags/{flag}/environments/production", new { enabled = true, rules = new object[] { new { id = "half", value = true, coverage = 0.5 } } }))
            .EnsureSuccessStatusCode();
        var noKey = await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{flag}", clientKey, """{"context":{"country":"NL"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal("TARGETING_KEY_MISSING", (await noKey.JsonAsync())["errorCode"]!.GetValue<string>());
        var split = await (await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{flag}", clientKey, """{"context":{"targetingKey":"u-1"}}"""))).JsonAsync();
        Assert.True(split["reason"]!.GetValue<string>() is "SPLIT" or "DEFAULT");

        var created = await admin.PostOkAsync("/api/environments/production/sdk-keys", new { name = "to revoke" });
        (await admin.PostAsJsonAsync($"/api/sdk-keys/{created.Id()}/revoke", new { })).EnsureSuccessStatusCode();
        var revoked = await client.SendAsync(Ofrep($"/ofrep/v1/evaluate/flags/{flag}", created["key"]!.GetValue<string>(), "{}"));
        Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
    }

    [Fact]
    public async Task OfrepBulk_ListsEveryFlag_AndRevalidatesWithETag()
    {
        var admin = await App.AdminAsync();
        var clientKey = await ClientKeyAsync(admin);
        var flag = await CreateFlagAsync(admin);
        var client = App.Anonymous();
        var first = await client.SendAsync(Ofrep("/ofrep/v1/evaluate/flags", clientKey, """{"context":{"targetingKey":"u1"}}"""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.JsonAsync();
        Assert.Contains(body["flags"]!.AsArray(), f => f!["key"]!.GetValue<string>() == flag);
        var again = Ofrep("/ofrep/v1/evaluate/flags", clientKey, """{"context":{"targetingKey":"u1"}}""");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        var badBulk = await client.SendAsync(Ofrep("/ofrep/v1/evaluate/flags", clientKey, "{oops"));
        Assert.Equal(HttpStatusCode.BadRequest, badBulk.StatusCode);
        Assert.Equal("PARSE_ERROR", (await badBulk.JsonAsync())["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_SendsTheCurrentPayload_ThenEachChange()
    {
        var admin = await App.AdminAsync();
        var clientKey = await ClientKeyAsync(admin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await App.Anonymous().GetAsync($"/api/features/{clientKey}/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        var first = await NextEventAsync(reader, timeout.Token);
        Assert.Contains("\"features\"", first, StringComparison.Ordinal);

        var flag = await CreateFlagAsync(admin);
        string next;
        do next = await NextEventAsync(reader, timeout.Token);
        while (!next.Contains(flag, StringComparison.Ordinal));
        Assert.StartsWith("{\"status\":200", next, StringComparison.Ordinal);
    }

    private static async Task<string> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? eventName = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "features") return line[6..];
        }
        throw new InvalidOperationException("The stream ended.");
    }
}
