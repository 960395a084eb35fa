using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Events.Storage;
using Stepwise.Server.Tests.Infrastructure;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary>Shortcuts for event tests: events in the SDK's wire format, posting them with an SDK key, counting what the store holds.</summary>
internal static class EventsTestKit
{
    public static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static JsonObject Exposure(string unit, string experiment, int variation, DateTimeOffset at, Guid? id = null) => new()
    {
        ["id"] = (id ?? Guid.NewGuid()).ToString(), ["type"] = "exposure", ["timestamp"] = Stamp(at), ["unitId"] = unit,
        ["hashAttribute"] = "id", ["experiment"] = experiment, ["variation"] = variation, ["feature"] = null,
    };

    public static JsonObject Metric(string unit, string metric, double value, DateTimeOffset at, Guid? id = null) => new()
    {
        ["id"] = (id ?? Guid.NewGuid()).ToString(), ["type"] = "metric", ["timestamp"] = Stamp(at), ["unitId"] = unit,
        ["metric"] = metric, ["value"] = value,
    };

    public static async Task<HttpResponseMessage> PostEventsAsync(StepwiseApp app, string? key, IEnumerable<JsonNode> events)
    {
        var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = JsonContent.Create(new JsonObject { ["events"] = new JsonArray(events.Select(e => e.DeepClone()).ToArray()) }),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    public static async Task<JsonNode> PostOkAsync(StepwiseApp app, string key, IEnumerable<JsonNode> events)
    {
        var response = await PostEventsAsync(app, key, events);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>Rows in a table for units whose id starts with the prefix.</summary>
    public static async Task<long> CountAsync(StepwiseApp app, string table, string unitPrefix)
    {
        var store = app.Services.GetRequiredService<EventStoreProvider>().Get();
        var rows = await store.QueryAsync($"SELECT COUNT(*) FROM {table} WHERE unit_id LIKE '{unitPrefix}%'", CancellationToken.None);
        return Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>A draft experiment on a new flag in production (analysis only needs its key and variations).</summary>
    public static async Task<string> ExperimentAsync(HttpClient admin, bool start = false)
    {
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var key = Unique("exp");
        await admin.PostOkAsync("/api/experiments", new
        {
            key, name = key, flag, environment = "production",
            variations = new object[] { new { key = "control", value = false, weight = 0.5 }, new { key = "treatment", value = true, weight = 0.5 } },
        });
        if (start) await admin.PostOkAsync($"/api/experiments/{key}/start", new { });
        return key;
    }
}
