using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Learn;

/// <summary>A small organization for learn tests: a company, a tribe and two squads, with a member of each squad signed in.</summary>
internal sealed record LearnOrg(HttpClient Admin, Guid Company, Guid Tribe, Guid Squad, Guid OtherSquad, HttpClient Member, HttpClient Colleague,
    HttpClient Outsider, string MemberEmail, Guid MemberPerson, string Suffix)
{
    public static async Task<LearnOrg> CreateAsync(StepwiseApp app)
    {
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"c-{suffix}", name = $"Company {suffix}", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"t-{suffix}", name = $"Tribe {suffix}", kind = "tribe", parentId = company })).Id();
        var squad = (await admin.PostOkAsync("/api/units", new { key = $"sq-{suffix}", name = $"Squad {suffix}", kind = "squad", parentId = tribe })).Id();
        var other = (await admin.PostOkAsync("/api/units", new { key = $"ot-{suffix}", name = $"Other {suffix}", kind = "squad", parentId = tribe })).Id();
        async Task<(HttpClient, Guid)> MemberOf(Guid unit, string name)
        {
            var person = (await admin.PostOkAsync("/api/people", new
            {
                email = $"{name}-{suffix}@test.example", name = $"{name} {suffix}", title = "Engineer", discipline = "backend", location = "Oslo",
                track = "individualContributor", employmentStart = "2024-01-01", unitId = unit,
            })).Id();
            return (await app.ClientForAsync($"{name}-{suffix}@test.example", person), person);
        }
        var (member, memberPerson) = await MemberOf(squad, "member");
        var (colleague, _) = await MemberOf(squad, "colleague");
        var (outsider, _) = await MemberOf(other, "outsider");
        return new LearnOrg(admin, company, tribe, squad, other, member, colleague, outsider, $"member-{suffix}@test.example", memberPerson, suffix);
    }

    public async Task<JsonNode> RetroAsync(string title, bool isPrivate = false, string outcome = "failed", string[]? tags = null, Guid? unit = null) =>
        await Member.PostOkAsync("/api/learn/retrospectives", new
        {
            title, subjectKind = "project", ownerUnitId = unit ?? Squad, outcome, isPrivate, tags = tags ?? ["checkout"],
            summary = "We shipped the new checkout late.", heldOn = "2026-03-01",
            decisions = new[] { new { on = "2026-01-10", decided = "Build our own payment form", informedBy = "A vendor quote", result = "Three months of extra work" } },
        });

    public async Task<Guid> LessonAsync(Guid retro, string source, string text) =>
        (await Member.PostOkAsync($"/api/learn/retrospectives/{retro}/lessons", new { source, text })).Id();
}

internal static class LearnHttp
{
    public static async Task<JsonNode> GetOkAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body);
}
