using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Compensation;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers;

public abstract class CompensationApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private async Task<(CareersOrg Org, HttpClient Comp)> SetUpAsync()
    {
        var org = await CareersOrg.CreateAsync(App);
        var comp = await App.ClientForAsync($"comp-{Guid.NewGuid():N}@test.example", null, Roles.CompensationAdmin);
        await comp.PostOkAsync("/api/careers/compensation/bands", new { level = 2, location = org.Location, currency = "EUR", min = 60000, mid = 80000, max = 100000 });
        await comp.PostOkAsync("/api/careers/compensation/bands", new { level = 3, location = org.Location, currency = "EUR", min = 90000, mid = 110000, max = 130000 });
        foreach (var person in new[] { org.Report, org.Other })
            await org.Hr.PostOkAsync($"/api/careers/steps/people/{person}", new { level = 2, effectiveOn = "2024-01-01", rationale = "Squad scope." });
        await comp.PostOkAsync($"/api/careers/compensation/people/{org.Report}/salaries", new { amount = 70000, currency = "EUR", effectiveOn = "2024-01-01" });
        await comp.PostOkAsync($"/api/careers/compensation/people/{org.Other}/salaries", new { amount = 50000, currency = "EUR", effectiveOn = "2024-01-01" });
        return (org, comp);
    }

    [Fact]
    public async Task InvalidBands_Are400WithFieldErrors_AndNothingIsWritten()
    {
        var (org, comp) = await SetUpAsync();
        async Task<Dictionary<string, string>> ErrorsAsync(object band)
        {
            var response = await comp.PostAsJsonAsync("/api/careers/compensation/bands", band);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.JsonAsync())["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value![0]!.GetValue<string>());
        }
        Assert.Contains("min", (await ErrorsAsync(new { level = 1, location = org.Location, currency = "EUR", min = 90, mid = 80, max = 70 })).Keys);
        Assert.Contains("mid", (await ErrorsAsync(new { level = 1, location = org.Location, currency = "EUR", min = 50, mid = 120, max = 100 })).Keys);
        Assert.Contains("location", (await ErrorsAsync(new { level = 1, location = "Atlantis", currency = "EUR", min = 50, mid = 70, max = 100 })).Keys);
        Assert.Contains("currency", (await ErrorsAsync(new { level = 1, location = org.Location, currency = "euro", min = 50, mid = 70, max = 100 })).Keys);
        var bands = await (await comp.GetAsync("/api/careers/compensation/bands")).JsonAsync();
        var mine = bands.AsArray().Single(l => l!["location"]!.GetValue<string>() == org.Location)!["bands"]!.AsArray();
        Assert.Equal(2, mine.Count);
        var duplicate = await comp.PostAsJsonAsync("/api/careers/compensation/bands", new { level = 2, location = org.Location, currency = "EUR", min = 1, mid = 2, max = 3 });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Bands_ShowWidthHeadroomAndOverlap()
    {
        var (org, comp) = await SetUpAsync();
        var bands = await (await comp.GetAsync("/api/careers/compensation/bands")).JsonAsync();
        var step2 = bands.AsArray().Single(l => l!["location"]!.GetValue<string>() == org.Location)!["bands"]![0]!;
        Assert.Equal(66.7m, step2["widthPercent"]!.GetValue<decimal>());
        Assert.Equal(25m, step2["headroomPercent"]!.GetValue<decimal>());
        Assert.Equal(10000m, step2["overlapWithNextAmount"]!.GetValue<decimal>());
        Assert.Equal(25m, step2["overlapWithNextPercent"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Pay_IsVisibleToTheAdminHrAndThePerson_NotTheManagerOrOthers()
    {
        var (org, comp) = await SetUpAsync();
        var own = await (await org.ReportClient.GetAsync("/api/careers/compensation/me")).JsonAsync();
        Assert.Equal(70000m, own["salary"]!.GetValue<decimal>());
        Assert.Equal(0.875m, own["compaRatio"]!.GetValue<decimal>());
        Assert.Equal(0.25m, own["rangePenetration"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.OK, (await org.ReportClient.GetAsync($"/api/careers/compensation/people/{org.Report}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.GetAsync($"/api/careers/compensation/people/{org.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.GetAsync($"/api/careers/compensation/people/{org.Report}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.GetAsync("/api/careers/compensation/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Hr.GetAsync($"/api/careers/compensation/people/{org.Report}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await comp.GetAsync($"/api/careers/compensation/people/{org.Report}")).StatusCode);
        // HR reads but does not write.
        var write = await org.Hr.PostAsJsonAsync($"/api/careers/compensation/people/{org.Report}/salaries", new { amount = 1, currency = "EUR", effectiveOn = "2024-01-01" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        var overview = await (await org.Hr.GetAsync("/api/careers/compensation/people")).JsonAsync();
        var other = overview["people"]!.AsArray().Single(p => p!["personId"]!.GetValue<Guid>() == org.Other)!;
        Assert.Equal("below", other["position"]!.GetValue<string>());
        Assert.True(overview["belowMin"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task EveryReadOfSalaryData_IsAudited_WithoutTheFigures()
    {
        var (org, comp) = await SetUpAsync();
        await org.ReportClient.GetAsync("/api/careers/compensation/me");
        await org.Hr.GetAsync($"/api/careers/compensation/people/{org.Report}");
        await comp.GetAsync("/api/careers/compensation/people");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var reads = await db.AuditLog.AsNoTracking().Where(a => a.Action == SalaryReadAudit.Action && a.EntityType == SalaryReadAudit.EntityType)
            .ToListAsync(TestContext.Current.CancellationToken);
        var aboutReport = reads.Where(a => a.EntityId == org.Report.ToString()).ToList();
        // Recording the salary in the set-up returned the pay too: that read is logged as the compensation admin's.
        Assert.Equal(3, aboutReport.Count);
        Assert.Contains(aboutReport, a => a.ActorName.StartsWith("comp-", StringComparison.Ordinal));
        Assert.Contains(aboutReport, a => a.ActorName.StartsWith("report-", StringComparison.Ordinal));
        Assert.Contains(aboutReport, a => a.ActorName.StartsWith("hr-", StringComparison.Ordinal));
        Assert.Contains(reads, a => a.EntityId == "*" && a.ActorName.StartsWith("comp-", StringComparison.Ordinal));
        Assert.DoesNotContain(reads, a => a.After!.Contains("70000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PromotionCost_IsTheGapToTheNewBand()
    {
        var (org, comp) = await SetUpAsync();
        var cost = await comp.PostOkAsync("/api/careers/compensation/promotion-cost", new { promotions = new[] { new { personId = org.Report } } });
        var line = cost["lines"]![0]!;
        Assert.Equal(3, line["toLevel"]!.GetValue<int>());
        Assert.Equal(20000m, line["costToMin"]!.GetValue<decimal>());
        Assert.Equal(40000m, line["costToMid"]!.GetValue<decimal>());
        Assert.Equal(20000m, cost["totals"]![0]!["costToMin"]!.GetValue<decimal>());
        var bad = await comp.PostAsJsonAsync("/api/careers/compensation/promotion-cost", new { promotions = new[] { new { personId = org.Report, toLevel = 2 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class CompensationApiTests_Sqlite(SqliteDatabase database) : CompensationApiTests<SqliteDatabase>(database);

public sealed class CompensationApiTests_Postgres(PostgresDatabase database) : CompensationApiTests<PostgresDatabase>(database);
