using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary>The metrics catalogue: validation with field errors, author-only changes, analysis requests that name unknown metrics.</summary>
public abstract class MetricsApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Create_Read_Update()
    {
        var admin = await App.AdminAsync();
        var key = Unique("rev");
        var created = await admin.PostAsJsonAsync("/api/metrics", new { key, name = "Revenue", kind = "sum", eventName = "purchase", cupedPrePeriodDays = 14, guardrailMargin = 0.02 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var updated = await (await admin.PutAsJsonAsync($"/api/metrics/{key}", new { name = "Revenue per user", kind = "sum", eventName = "purchase", direction = "increase" })).JsonAsync();
        Assert.Equal("Revenue per user", updated["name"]!.GetValue<string>());
        Assert.Equal(0, updated["cupedPrePeriodDays"]!.GetValue<int>());
        var read = await (await admin.GetAsync($"/api/metrics/{key}")).JsonAsync();
        Assert.Equal("Revenue per user", read["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/metrics/no-such-metric")).StatusCode);
    }

    [Fact]
    public async Task InvalidMetric_GetsEveryFieldError_AndIsNotSaved()
    {
        var admin = await App.AdminAsync();
        var key = Unique("bad");
        var response = await admin.PostAsJsonAsync("/api/metrics", new
        {
            key, name = "", kind = "ratio", eventName = "a", retentionDays = 3, guardrailMargin = 1.5, cupedPrePeriodDays = 7,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        foreach (var field in new[] { "name", "denominatorEventName", "retentionDays", "guardrailMargin", "cupedPrePeriodDays" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/metrics/{key}")).StatusCode);

        var duplicate = Unique("dup");
        await admin.PostOkAsync("/api/metrics", new { key = duplicate, name = "x", kind = "conversion", eventName = "x" });
        var again = await admin.PostAsJsonAsync("/api/metrics", new { key = duplicate, name = "x", kind = "conversion", eventName = "x" });
        Assert.True((await again.JsonAsync())["errors"]!.AsObject().ContainsKey("key"));
    }

    [Fact]
    public async Task OnlyTheAuthor_AdminsAndLeadership_ChangeAMetric()
    {
        var author = await App.ClientForAsync("metric-author@test.example");
        var other = await App.ClientForAsync("metric-other@test.example");
        var key = Unique("clicks");
        await author.PostOkAsync("/api/metrics", new { key, name = "Clicks", kind = "sum", eventName = "click" });
        var change = new { name = "Clicks!", kind = "sum", eventName = "click" };
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/metrics/{key}", change)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.PutAsJsonAsync($"/api/metrics/{key}", change)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.AdminAsync()).PutAsJsonAsync($"/api/metrics/{key}", change)).StatusCode);
    }

    [Fact]
    public async Task Analysis_WithUnknownMetricsOrGuardrailWithoutMargin_Is400()
    {
        var admin = await App.AdminAsync();
        var experiment = await EventsTestKit.ExperimentAsync(admin);
        var plain = Unique("plain");
        await admin.PostOkAsync("/api/metrics", new { key = plain, name = "x", kind = "conversion", eventName = "x" });
        var response = await admin.GetAsync($"/api/experiments/{experiment}/analysis?metrics=nope&guardrails={plain}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("metrics"));
        Assert.True(errors.ContainsKey("guardrails"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/experiments/no-such-exp/analysis")).StatusCode);
    }
}

public sealed class MetricsApiTests_Sqlite(SqliteDatabase db) : MetricsApiTests<SqliteDatabase>(db);

public sealed class MetricsApiTests_Postgres(PostgresDatabase db) : MetricsApiTests<PostgresDatabase>(db);
