using Xunit;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stepwise.Server.Tests.Infrastructure;

public static class ApiJson
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    public static async Task<JsonNode> PostOkAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static Guid Id(this JsonNode node) => node["id"]!.GetValue<Guid>();

    public static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
