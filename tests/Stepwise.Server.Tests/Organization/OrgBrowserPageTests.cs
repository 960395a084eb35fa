using Xunit;
using System.Net;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Organization;

/// <summary>The org browser writes its tree as HTML directly (see OrgTreeMarkup), so these tests check what components used
/// to guarantee: nesting, member counts, dated links, and encoding of names.</summary>
public sealed class OrgBrowserPageTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Tree_NestsUnits_CountsMembers_AndEncodesNames()
    {
        var admin = await database.App.AdminAsync();
        var s = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"co-{s}", name = $"Co {s}", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"tr-{s}", name = "R&D <Tribe> \"one\"", kind = "tribe", parentId = company })).Id();
        var squad = (await admin.PostOkAsync("/api/units", new { key = $"sq-{s}", name = $"Squad {s}", kind = "squad", parentId = tribe })).Id();
        await admin.PostOkAsync("/api/people", new
        {
            email = $"ann-{s}@x.io", name = "Ann", title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = "2024-01-01", unitId = squad,
        });

        var response = await admin.GetAsync("/org?asOf=2025-06-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<details open><summary><span class=\"badge unit-company\">Company</span> <a href=\"/org/units/{company}?asOf=2025-06-01\">Co {s}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<details><summary><span class=\"badge unit-tribe\">Tribe</span> <a href=\"/org/units/{tribe}?asOf=2025-06-01\">R&amp;D &lt;Tribe&gt; &quot;one&quot;</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<li><span class=\"badge unit-squad\">Squad</span> <a href=\"/org/units/{squad}?asOf=2025-06-01\">Squad {s}</a>\n<span class=\"text-body-secondary small\">1 person</span></li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Tribe>", html, StringComparison.Ordinal);

        var before = await (await admin.GetAsync("/org?asOf=2023-06-01")).Content.ReadAsStringAsync();
        Assert.Contains($"Squad {s}</a>\n<span class=\"text-body-secondary small\">0 people</span>", before, StringComparison.Ordinal);
    }
}
