using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers.Cycles;

internal sealed record Actor(Guid PersonId, HttpClient Client);

/// <summary>
/// A company of its own per test. Tribe One (lead: Lena, managed by the CTO) holds squad A with manager Mona and her
/// reports Eve and Erik, and manager Max with report Ella; Tribe Two (lead: Theo) holds Otto. The CTO has the Leadership role.
/// </summary>
internal sealed record CycleOrg(HttpClient Hr, Guid Company, Guid TribeOne, Guid TribeTwo, Guid SquadA, Actor Cto, Actor LeadOne, Actor LeadTwo,
    Actor Mona, Actor Max, Actor Eve, Actor Erik, Actor Ella, Actor Otto)
{
    public static readonly string[] Characteristics = ["impact", "ownership", "collaboration", "growth", "mastery"];

    public static async Task<CycleOrg> CreateAsync(StepwiseApp app)
    {
        var admin = await app.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"co-{s}", name = $"Co {s}", kind = "company" })).Id();
        var one = (await admin.PostOkAsync("/api/units", new { key = $"t1-{s}", name = "Tribe One", kind = "tribe", parentId = company })).Id();
        var two = (await admin.PostOkAsync("/api/units", new { key = $"t2-{s}", name = "Tribe Two", kind = "tribe", parentId = company })).Id();
        var a = (await admin.PostOkAsync("/api/units", new { key = $"a-{s}", name = "Squad A", kind = "squad", parentId = one })).Id();
        var b = (await admin.PostOkAsync("/api/units", new { key = $"b-{s}", name = "Squad B", kind = "squad", parentId = two })).Id();
        async Task<Actor> Person(string name, Guid? unit, Guid? manager, params string[] roles)
        {
            var id = await CareersOrg.HireAsync(admin, name, unit, manager, "Stockholm");
            return new Actor(id, await app.ClientForAsync($"{name}-{s}@test.example", id, roles));
        }
        var cto = await Person("cto", company, null, Roles.Leadership);
        var leadOne = await Person("lena", null, cto.PersonId);
        await admin.PostOkAsync($"/api/people/{leadOne.PersonId}/memberships", new { unitId = one, role = "lead", effectiveOn = "2023-01-02" });
        var leadTwo = await Person("theo", null, cto.PersonId);
        await admin.PostOkAsync($"/api/people/{leadTwo.PersonId}/memberships", new { unitId = two, role = "lead", effectiveOn = "2023-01-02" });
        var mona = await Person("mona", a, leadOne.PersonId);
        var max = await Person("max", a, leadOne.PersonId);
        var eve = await Person("eve", a, mona.PersonId);
        var erik = await Person("erik", a, mona.PersonId);
        var ella = await Person("ella", a, max.PersonId);
        var otto = await Person("otto", b, leadTwo.PersonId);
        var hr = await app.ClientForAsync($"hr-{s}@test.example", null, Roles.HR);
        return new CycleOrg(hr, company, one, two, a, cto, leadOne, leadTwo, mona, max, eve, erik, ella, otto);
    }

    public static object OpenRequest(Guid? unitId, int offsetDays = 0)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(offsetDays);
        string D(int days) => today.AddDays(days).ToString("yyyy-MM-dd");
        return new
        {
            name = $"Cycle {Guid.NewGuid():N}"[..14], unitId, selfDue = D(7), managerDue = D(14), calibrationDue = D(21), functionalSyncDue = D(28),
            leadershipReviewDue = D(35), finalizeDue = D(42),
        };
    }

    public static object Assessment(int overall, int each = 0, string? reason = null) => new
    {
        ratings = Characteristics.Select(c => new { characteristicId = c, step = each == 0 ? overall : each, evidence = $"Shows {c} at this scope." }),
        overallStep = overall, reason,
    };

    public async Task<Guid> OpenAsync(Guid? unitId) => (await Hr.PostOkAsync("/api/careers/cycles", OpenRequest(unitId))).Id();

    public static async Task<Guid> MyAssessmentAsync(Actor who, Guid cycle) => (await (await who.Client.GetAsync($"/api/careers/cycles/{cycle}/me")).JsonAsync()).Id();

    /// <summary>Self, manager and discussion, all at <paramref name="step"/>.</summary>
    public static async Task<Guid> DiscussedAsync(Actor person, Actor manager, Guid cycle, int step)
    {
        var id = await MyAssessmentAsync(person, cycle);
        (await person.Client.PostAsJsonAsync($"/api/careers/assessments/{id}/self", Assessment(step))).EnsureSuccessStatusCode();
        (await manager.Client.PostAsJsonAsync($"/api/careers/assessments/{id}/manager", Assessment(step))).EnsureSuccessStatusCode();
        (await manager.Client.PostAsJsonAsync($"/api/careers/assessments/{id}/discussion", new { agreedStep = step, note = "We agree." })).EnsureSuccessStatusCode();
        return id;
    }

    public static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }
}
