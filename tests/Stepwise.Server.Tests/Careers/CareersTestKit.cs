using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers;

/// <summary>A small org per test: a tribe with two squads, a manager with a report, an unrelated colleague, and clients signed in as each.</summary>
internal sealed record CareersOrg(HttpClient Hr, Guid Tribe, Guid SquadA, Guid SquadB, Guid Manager, Guid Report, Guid Other, string Location,
    HttpClient ManagerClient, HttpClient ReportClient, HttpClient OtherClient)
{
    public static async Task<CareersOrg> CreateAsync(StepwiseApp app)
    {
        var admin = await app.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"co-{suffix}", name = "Co", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"tribe-{suffix}", name = "Tribe", kind = "tribe", parentId = company })).Id();
        var a = (await admin.PostOkAsync("/api/units", new { key = $"a-{suffix}", name = "Squad A", kind = "squad", parentId = tribe })).Id();
        var b = (await admin.PostOkAsync("/api/units", new { key = $"b-{suffix}", name = "Squad B", kind = "squad", parentId = tribe })).Id();
        var location = $"City-{suffix}";
        var manager = await HireAsync(admin, "manager", a, null, location);
        var report = await HireAsync(admin, "report", a, manager, location);
        var other = await HireAsync(admin, "other", b, null, location);
        var hr = await app.ClientForAsync($"hr-{suffix}@test.example", null, Roles.HR);
        return new CareersOrg(hr, tribe, a, b, manager, report, other, location,
            await app.ClientForAsync($"manager-{suffix}@test.example", manager),
            await app.ClientForAsync($"report-{suffix}@test.example", report),
            await app.ClientForAsync($"other-{suffix}@test.example", other));
    }

    public static async Task<Guid> HireAsync(HttpClient hr, string name, Guid? unit, Guid? manager, string location, string start = "2023-01-02") =>
        (await hr.PostOkAsync("/api/people", new
        {
            email = $"{name}-{Guid.NewGuid():N}@test.example", name, title = "Engineer", discipline = "backend", location,
            track = "individualContributor", employmentStart = start, unitId = unit, managerId = manager,
        })).Id();
}
