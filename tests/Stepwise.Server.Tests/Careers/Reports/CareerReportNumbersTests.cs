using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stepwise.Careers.Reports;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers.Reports;

/// <summary>
/// The report figures of <see cref="SmallOrg"/>, worked out by hand. One test per database so the whole organization is
/// exactly the small one.
/// </summary>
public abstract class CareerReportNumbersTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static Dictionary<int, int> Counts(JsonNode? comparison) =>
        comparison!["steps"]!.AsArray().Where(s => s!["count"]!.GetValue<int>() > 0)
            .ToDictionary(s => s!["level"]!.GetValue<int>(), s => s!["count"]!.GetValue<int>());

    private static JsonNode Group(JsonNode report, string name) => report["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task Reports_MatchTheHandComputedFigures()
    {
        var org = await SmallOrg.SeedAsync(App);
        var hr = await App.ClientForAsync("hr@numbers.example", null, Roles.HR);

        // 2024-12-31: p4 has left, p5 has no step; p1 2, p2 3, p3 3, p6 4, p7 1.
        var report = await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31")).JsonAsync();
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 2, [4] = 1 }, Counts(report["overall"]));
        Assert.Equal(1, report["withoutStep"]!.GetValue<int>());
        // Shares 20/20/40/20 against 40/35/20/5: (20 + 15 + 20 + 15) / 2 = 35 points.
        Assert.Equal(35.0, report["overall"]!["deviationPoints"]!.GetValue<double>(), 6);

        var byTribe = await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=tribe")).JsonAsync();
        Assert.Equal(new Dictionary<int, int> { [2] = 1, [3] = 1 }, Counts(Group(byTribe, "T1")["comparison"]));
        Assert.Equal(new Dictionary<int, int> { [3] = 1, [4] = 1 }, Counts(Group(byTribe, "T2")["comparison"]));
        Assert.Equal(2, byTribe["groups"]!.AsArray().Count);

        var byDiscipline = await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=discipline")).JsonAsync();
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 1 }, Counts(Group(byDiscipline, "backend")["comparison"]));
        Assert.Equal(new Dictionary<int, int> { [3] = 1 }, Counts(Group(byDiscipline, "frontend")["comparison"]));
        Assert.Equal(new Dictionary<int, int> { [4] = 1 }, Counts(Group(byDiscipline, "design")["comparison"]));

        var byLocation = await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=location")).JsonAsync();
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 1, [4] = 1 }, Counts(Group(byLocation, "Oslo")["comparison"]));
        Assert.Equal(new Dictionary<int, int> { [3] = 1 }, Counts(Group(byLocation, "Bergen")["comparison"]));

        // 2023-06-30: p4 still employed (step 1), p7 not hired yet, p3 not promoted yet, p6 still in tribe 1.
        var past = await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2023-06-30&by=tribe")).JsonAsync();
        Assert.Equal(new Dictionary<int, int> { [1] = 2, [2] = 2, [4] = 1 }, Counts(past["overall"]));
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [4] = 1 }, Counts(Group(past, "T1")["comparison"]));
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1 }, Counts(Group(past, "T2")["comparison"]));

        // Promotions: p1 2022-03 (tribe 1), p3 2023-07 (tribe 2), p2 2024-01 (tribe 1); p1's re-confirmation is not one.
        var yearly = await (await hr.GetAsync("/api/careers/reports/promotions?from=2022-01-01&to=2024-12-31&period=year")).JsonAsync();
        Assert.Equal(["2022:1", "2023:1", "2024:1"], yearly["buckets"]!.AsArray().Select(b => $"{b!["period"]}:{b["promotions"]}"));
        var t1 = yearly["byTribe"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "T1")!;
        Assert.Equal(2, t1["total"]!.GetValue<int>());
        var quarterly = await (await hr.GetAsync("/api/careers/reports/promotions?from=2022-01-01&to=2024-12-31&period=quarter")).JsonAsync();
        Assert.Equal(12, quarterly["buckets"]!.AsArray().Count);
        Assert.Equal(["2022-Q1", "2023-Q3", "2024-Q1"], quarterly["buckets"]!.AsArray().Where(b => b!["promotions"]!.GetValue<int>() > 0).Select(b => b!["period"]!.GetValue<string>()));
        var monthly = await (await hr.GetAsync("/api/careers/reports/promotions?from=2023-07-01&to=2023-07-31&period=month")).JsonAsync();
        Assert.Equal(1, monthly["total"]!.GetValue<int>());

        // Time in step on 2024-12-31: p2 (351 days) and p3 (549 days) at step 3: median 450 days = 14.8 months.
        var tenure = await (await hr.GetAsync("/api/careers/reports/time-in-step?asOf=2024-12-31")).JsonAsync();
        var step3 = tenure["steps"]!.AsArray().Single(s => s!["level"]!.GetValue<int>() == 3)!;
        Assert.Equal(2, step3["people"]!.GetValue<int>());
        Assert.Equal(14.8, step3["medianMonths"]!.GetValue<double>(), 6);
        Assert.Equal([0, 1, 1, 0, 0, 0], step3["buckets"]!.AsArray().Select(b => b!["people"]!.GetValue<int>()));
        // p1 holds step 2 since 2022-03-01 (33 months), not since the re-confirmation.
        var step2 = tenure["steps"]!.AsArray().Single(s => s!["level"]!.GetValue<int>() == 2)!;
        Assert.Equal(1, step2["buckets"]!.AsArray().Single(b => b!["label"]!.GetValue<string>() == "2–3 years")!["people"]!.GetValue<int>());

        await CsvMatchesTheReportAsync(hr, byTribe);
        await SmallGroupsAreHiddenFromNonHrAsync(org);
    }

    /// <summary>The CSV carries the figures of the JSON report, formatted as on the page.</summary>
    private static async Task CsvMatchesTheReportAsync(HttpClient hr, JsonNode byTribe)
    {
        var response = await hr.GetAsync("/api/careers/reports/distribution/csv?asOf=2024-12-31&by=tribe");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("group,people,step,step_name,count,share_percent,target_percent,deviation_points,group_deviation_points,note", lines[0]);
        foreach (var name in new[] { "T1", "T2" })
        {
            var comparison = Group(byTribe, name)["comparison"]!;
            foreach (var step in comparison["steps"]!.AsArray())
            {
                var level = step!["level"]!.GetValue<int>();
                var expected = string.Join(',', name, comparison["total"]!.GetValue<int>(), level, Stepwise.Careers.Steps.StepLevels.Name(level),
                    step["count"]!.GetValue<int>(), ReportFormat.Percent(step["share"]!.GetValue<double>()), ReportFormat.Percent(step["targetShare"]!.GetValue<double>()),
                    ReportFormat.Points(step["deviationPoints"]!.GetValue<double>()), ReportFormat.Deviation(comparison["deviationPoints"]!.GetValue<double>()), "");
                Assert.Contains(expected, lines);
            }
        }
        Assert.Contains("T1,2,3,Tribe / Guild,1,50.0,20.0,+30.0,45.0,", lines);
        var total = (await (await hr.GetAsync("/api/careers/reports/time-in-step/csv?asOf=2024-12-31")).Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("3,Tribe / Guild,2,14.8,6–12 months,1,", total);
        var promotions = (await (await hr.GetAsync("/api/careers/reports/promotions/csv?from=2022-01-01&to=2024-12-31&period=year")).Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("T1,2024,2024-01-01,1,", promotions);
    }

    /// <summary>Leadership sees the organization but not the two-person tribes; the lead of tribe 1 sees nothing of a tribe of two.</summary>
    private async Task SmallGroupsAreHiddenFromNonHrAsync(SmallOrg org)
    {
        var leadership = await App.ClientForAsync("leadership@numbers.example", null, Roles.Leadership);
        var report = await (await leadership.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=tribe")).JsonAsync();
        Assert.True(report["frame"]!["hidesSmallGroups"]!.GetValue<bool>());
        Assert.Equal(5, report["overall"]!["total"]!.GetValue<int>());
        Assert.All(report["groups"]!.AsArray(), g => Assert.True(g!["hidden"]!.GetValue<bool>()));
        Assert.All(report["groups"]!.AsArray(), g => Assert.Null(g!["comparison"]));
        Assert.Equal(2, report["hiddenGroups"]!.GetValue<int>());
        var csv = await (await leadership.GetAsync("/api/careers/reports/distribution/csv?asOf=2024-12-31&by=tribe")).Content.ReadAsStringAsync();
        Assert.Contains("T1,,,,,,,,,hidden: fewer than 5 people", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("T1,2,", csv, StringComparison.Ordinal);

        var lead = await App.ClientForAsync("p1-lead@numbers.example", org.P1);
        var mine = await (await lead.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31")).JsonAsync();
        Assert.Equal("tribes", mine["frame"]!["scope"]!.GetValue<string>());
        Assert.Null(mine["overall"]);

        // With a threshold of 2, both tribes are big enough, but the one person outside any tribe (p7) would be the
        // difference between the total and the tribes: the smaller tribe is hidden as well.
        var options = App.Services.GetRequiredService<IOptions<CareerReportsOptions>>().Value;
        options.MinGroupSize = 2;
        try
        {
            report = await (await leadership.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=tribe")).JsonAsync();
            Assert.Equal(1, report["hiddenGroups"]!.GetValue<int>());
            var hr = await App.ClientForAsync("hr@numbers.example", null, Roles.HR);
            Assert.Equal(0, (await (await hr.GetAsync("/api/careers/reports/distribution?asOf=2024-12-31&by=tribe")).JsonAsync())["hiddenGroups"]!.GetValue<int>());
        }
        finally
        {
            options.MinGroupSize = 5;
        }

        var nobody = await App.ClientForAsync("p5@numbers.example", org.P5);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/api/careers/reports/distribution")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/api/careers/reports/promotions/csv")).StatusCode);
    }
}

public sealed class CareerReportNumbersTests_Sqlite(SqliteDatabase database) : CareerReportNumbersTests<SqliteDatabase>(database);

public sealed class CareerReportNumbersTests_Postgres(PostgresDatabase database) : CareerReportNumbersTests<PostgresDatabase>(database);
