using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;
using static Stepwise.Server.Tests.Events.EventsTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary><c>POST /api/events</c>: SDK-key auth, per-event validation, idempotent replay and size limits, on each store.</summary>
public abstract class EventsApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Batch_IsStored_AndReplayingItChangesNothing()
    {
        var key = await ClientKeyAsync(await App.AdminAsync());
        var unit = Unique("u");
        var now = TimeProvider.System.GetUtcNow();
        JsonNode[] events = [Exposure(unit, "exp-a", 1, now), Metric(unit, "purchase", 12.5, now), Metric(unit, "purchase", 3, now)];

        var first = await PostOkAsync(App, key, events);
        var again = await PostOkAsync(App, key, events);

        foreach (var reply in new[] { first, again })
        {
            Assert.Equal(3, reply["received"]!.GetValue<int>());
            Assert.Equal(3, reply["accepted"]!.GetValue<int>());
            Assert.Equal(0, reply["rejected"]!.GetValue<int>());
        }
        Assert.Equal(1, await CountAsync(App, "event_exposures", unit));
        Assert.Equal(2, await CountAsync(App, "event_metrics", unit));
    }

    [Fact]
    public async Task SameIdTwiceInOneBatch_IsStoredOnce()
    {
        var key = await ClientKeyAsync(await App.AdminAsync());
        var unit = Unique("u");
        var id = Guid.NewGuid();
        var reply = await PostOkAsync(App, key, [Metric(unit, "click", 1, TimeProvider.System.GetUtcNow(), id), Metric(unit, "click", 1, TimeProvider.System.GetUtcNow(), id)]);
        Assert.Equal(2, reply["accepted"]!.GetValue<int>());
        Assert.Equal(1, await CountAsync(App, "event_metrics", unit));
    }

    [Fact]
    public async Task MalformedEvents_AreRejectedOneByOne_WithReasons()
    {
        var key = await ClientKeyAsync(await App.AdminAsync());
        var unit = Unique("u");
        var now = TimeProvider.System.GetUtcNow();
        var noId = Metric(unit, "m", 1, now);
        noId.Remove("id");
        var badType = Metric(unit, "m", 1, now);
        badType["type"] = "page";
        var future = Metric(unit, "m", 1, now.AddDays(2));
        var noUnit = Exposure("", "exp", 0, now);
        var negativeVariation = Exposure(unit, "exp", -1, now);
        var textValue = Metric(unit, "m", 1, now);
        textValue["value"] = "lots";
        JsonNode[] events = [Metric(unit, "m", 1, now), noId, badType, future, noUnit, negativeVariation, textValue, JsonValue.Create(42)!, Exposure(unit, "exp", 0, now)];

        var reply = await PostOkAsync(App, key, events);

        Assert.Equal(9, reply["received"]!.GetValue<int>());
        Assert.Equal(2, reply["accepted"]!.GetValue<int>());
        Assert.Equal(7, reply["rejected"]!.GetValue<int>());
        var rejections = reply["rejections"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], rejections.Select(r => r!["index"]!.GetValue<int>()));
        Assert.All(rejections, r => Assert.False(string.IsNullOrWhiteSpace(r!["reason"]!.GetValue<string>())));
        Assert.Contains("'id'", rejections[0]!["reason"]!.GetValue<string>());
        Assert.Contains("future", rejections[2]!["reason"]!.GetValue<string>());
        Assert.Equal(1, await CountAsync(App, "event_metrics", unit));
        Assert.Equal(1, await CountAsync(App, "event_exposures", unit));
    }

    [Fact]
    public async Task UnknownOrMissingKey_Is401_AndNothingIsStored()
    {
        var unit = Unique("u");
        var missing = await PostEventsAsync(App, null, [Metric(unit, "m", 1, TimeProvider.System.GetUtcNow())]);
        var unknown = await PostEventsAsync(App, "sdk-not-a-key", [Metric(unit, "m", 1, TimeProvider.System.GetUtcNow())]);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(0, await CountAsync(App, "event_metrics", unit));
    }

    [Fact]
    public async Task TooManyEvents_OrTooManyBytes_Is413()
    {
        var key = await ClientKeyAsync(await App.AdminAsync());
        var unit = Unique("u");
        var now = TimeProvider.System.GetUtcNow();
        var many = await PostEventsAsync(App, key, Enumerable.Range(0, 5001).Select(_ => (JsonNode)Metric(unit, "m", 1, now)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, many.StatusCode);

        var client = App.Anonymous();
        var huge = new StringBuilder("{\"events\":[{\"pad\":\"").Append('x', 4 * 1024 * 1024 + 10).Append("\"}]}").ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(0, await CountAsync(App, "event_metrics", unit));
    }

    [Fact]
    public async Task NotABatch_Is400()
    {
        var key = await ClientKeyAsync(await App.AdminAsync());
        var client = App.Anonymous();
        foreach (var body in new[] { "not json", "[]", "{\"events\":{}}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = ApiJson.Raw(body) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
        }
    }
}

public sealed class EventsApiTests_Sqlite(SqliteDatabase db) : EventsApiTests<SqliteDatabase>(db);

public sealed class EventsApiTests_Postgres(PostgresDatabase db) : EventsApiTests<PostgresDatabase>(db);
