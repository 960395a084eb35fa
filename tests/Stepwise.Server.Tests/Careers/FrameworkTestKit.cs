using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers;

/// <summary>A framework of its own per test (imported under a unique key) with an editing group of three people and an outsider.</summary>
internal sealed record GovernedFramework(string Key, Guid DocumentId, HttpClient Steward, Member A, Member B, Member C, Member Outsider)
{
    public async Task<Guid> DraftAsync() => (await Steward.PostOkAsync($"/api/governance/documents/{DocumentId}/drafts", new { })).Id();

    public async Task<string> SectionTextAsync(Guid versionId, string sectionId)
    {
        var version = await (await Steward.GetAsync($"/api/governance/versions/{versionId}")).JsonAsync();
        return version["sections"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == sectionId)!["text"]!.GetValue<string>();
    }
}

internal sealed record Member(HttpClient Client, Guid PersonId, string Name);

internal static class FrameworkTestKit
{
    public static string UniqueKey() => $"fw-{Guid.NewGuid():N}"[..15];

    public static async Task<string> DefaultYamlAsync(HttpClient client, string format = "yaml")
    {
        var response = await client.GetAsync($"/api/careers/frameworks/default/export?format={format}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static string WithKey(string yaml, string key) => yaml.Replace("key: default", $"key: {key}", StringComparison.Ordinal);

    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string text, string format = "yaml") =>
        await client.PostAsync($"/api/careers/frameworks/import?format={format}",
            new StringContent(text, System.Text.Encoding.UTF8, format == "json" ? "application/json" : "application/yaml"));

    public static async Task<GovernedFramework> CreateAsync(StepwiseApp app, int requiredApprovals = 2)
    {
        var admin = await app.AdminAsync();
        var key = UniqueKey();
        var imported = await ImportAsync(admin, WithKey(await DefaultYamlAsync(admin), key));
        if (!imported.IsSuccessStatusCode) throw new InvalidOperationException(await imported.Content.ReadAsStringAsync());
        var documentId = (await imported.JsonAsync())["documentId"]!.GetValue<Guid>();
        var a = await MemberAsync(app, admin, "ada");
        var b = await MemberAsync(app, admin, "bo");
        var c = await MemberAsync(app, admin, "cy");
        var outsider = await MemberAsync(app, admin, "out");
        var settings = await admin.PutAsJsonAsync($"/api/governance/documents/{documentId}/settings",
            new { requiredApprovals, editorPersonIds = new[] { a.PersonId, b.PersonId, c.PersonId } });
        settings.EnsureSuccessStatusCode();
        return new GovernedFramework(key, documentId, admin, a, b, c, outsider);
    }

    public static async Task<Member> MemberAsync(StepwiseApp app, HttpClient hr, string name, Guid? manager = null)
    {
        var email = $"{name}-{Guid.NewGuid():N}@test.example";
        var person = (await hr.PostOkAsync("/api/people", new
        {
            email, name, title = "Engineer", discipline = "backend", location = "Oslo", track = "individualContributor", employmentStart = "2024-01-01", managerId = manager,
        })).Id();
        return new Member(await app.ClientForAsync(email, person), person, name);
    }

    public static async Task<JsonNode> SuggestAsync(HttpClient client, Guid draft, string section, string text) =>
        await client.PostOkAsync($"/api/governance/versions/{draft}/suggestions", new { sectionId = section, text, rationale = "Clearer." });
}
