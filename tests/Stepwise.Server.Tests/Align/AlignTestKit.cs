using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Align;

/// <summary>A company with a tribe (and its lead) holding two squads, a member in each, and clients signed in as each.</summary>
internal sealed record AlignOrg(HttpClient Admin, string Suffix, Guid Company, string CompanyKey, Guid Tribe, string TribeKey, Guid SquadA, Guid SquadB,
    HttpClient TribeLead, HttpClient MemberOfA, HttpClient MemberOfB)
{
    public static async Task<AlignOrg> CreateAsync(StepwiseApp app)
    {
        var admin = await app.AdminAsync();
        // Features (and bets turned into features) may only name metrics in the catalogue; an existing one answers 409.
        foreach (var metric in new[] { "trial-conversion", "support-tickets" })
            await admin.PostAsJsonAsync("/api/metrics", new { key = metric, name = metric, kind = "conversion", eventName = metric });
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"co-{suffix}", name = $"Co {suffix}", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"tribe-{suffix}", name = $"Tribe {suffix}", kind = "tribe", parentId = company })).Id();
        var a = (await admin.PostOkAsync("/api/units", new { key = $"a-{suffix}", name = "Squad A", kind = "squad", parentId = tribe })).Id();
        var b = (await admin.PostOkAsync("/api/units", new { key = $"b-{suffix}", name = "Squad B", kind = "squad", parentId = tribe })).Id();
        var ann = await HireAsync(admin, "ann", a);
        var cat = await HireAsync(admin, "cat", b);
        var lead = await HireAsync(admin, "lea", null);
        await admin.PostOkAsync($"/api/people/{lead}/memberships", new { unitId = tribe, role = "lead", effectiveOn = "2024-01-01" });
        return new AlignOrg(admin, suffix, company, $"co-{suffix}", tribe, $"tribe-{suffix}", a, b,
            await app.ClientForAsync($"lea-{suffix}@test.example", lead),
            await app.ClientForAsync($"ann-{suffix}@test.example", ann),
            await app.ClientForAsync($"cat-{suffix}@test.example", cat));
    }

    private static async Task<Guid> HireAsync(HttpClient hr, string name, Guid? unit) =>
        (await hr.PostOkAsync("/api/people", new
        {
            email = $"{name}-{Guid.NewGuid():N}@test.example", name, title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = "2024-01-01", unitId = unit,
        })).Id();
}
