using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Delivery;

/// <summary>Shortcuts for delivery tests: unique keys, flags, SDK keys, and evaluating the served payload the way an SDK would.</summary>
internal static class DeliveryTestKit
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<string> CreateFlagAsync(HttpClient client, string type = "boolean", object? defaultValue = null, Guid? owner = null)
    {
        var key = Unique("flag");
        await client.PostOkAsync("/api/flags", new { key, name = key, valueType = type, defaultValue = defaultValue ?? false, ownerUnitId = owner });
        return key;
    }

    public static async Task EnableAsync(HttpClient client, string flag, string environment = "production") =>
        (await client.PutAsJsonAsync($"/api/flags/{flag}/environments/{environment}/enabled", new { enabled = true })).EnsureSuccessStatusCode();

    public static async Task<string> ClientKeyAsync(HttpClient client, string environment = "production")
    {
        var environments = await (await client.GetAsync("/api/environments")).JsonAsync();
        return environments.AsArray().First(e => e!["key"]!.GetValue<string>() == environment)!["sdkKeys"]!.AsArray()
            .First(k => k!["revokedAt"] is null)!["key"]!.GetValue<string>();
    }

    public static async Task<FeaturePayload> PayloadAsync(HttpClient anonymous, string clientKey)
    {
        var response = await anonymous.GetAsync($"/api/features/{clientKey}");
        response.EnsureSuccessStatusCode();
        return FeaturePayload.Parse(await response.Content.ReadAsStringAsync());
    }

    public static JsonElement Unit(string id, object? extra = null)
    {
        var node = extra is null ? new JsonObject() : JsonSerializer.SerializeToNode(extra)!.AsObject();
        node["id"] = id;
        return JsonElement.Parse(node.ToJsonString());
    }

    /// <summary>The units (of <paramref name="count"/> ids) for which the flag is on.</summary>
    public static HashSet<string> UnitsOn(FeaturePayload payload, string flag, int count)
    {
        var evaluator = new FlagEvaluator(payload);
        var on = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"unit-{i}";
            if (evaluator.IsOn(flag, new EvaluationContext { Attributes = Unit(id) })) on.Add(id);
        }
        return on;
    }

    public static HttpRequestMessage Ofrep(string url, string clientKey, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = ApiJson.Raw(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientKey);
        return request;
    }
}
