using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stepwise.Careers.Steps;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers;

public abstract class StepRecordsApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, Guid person, int level, string effectiveOn, string rationale = "Leads the squad's technical direction.") =>
        client.PostAsJsonAsync($"/api/careers/steps/people/{person}", new { level, effectiveOn, rationale, frameworkVersion = "1.0.0" });

    [Fact]
    public async Task Steps_AreSeenByThePersonTheirManagersAndHr_NotByOthers()
    {
        var org = await CareersOrg.CreateAsync(App);
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(org.Hr, org.Report, 2, "2023-06-01")).StatusCode);

        foreach (var reader in new[] { org.Hr, org.ReportClient, org.ManagerClient })
        {
            var history = await (await reader.GetAsync($"/api/careers/steps/people/{org.Report}")).JsonAsync();
            Assert.Equal(2, history["current"]!["level"]!.GetValue<int>());
            Assert.Equal("1.0.0", history["current"]!["frameworkVersion"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await org.OtherClient.GetAsync($"/api/careers/steps/people/{org.Report}")).StatusCode);
        // The report does not see their manager's steps.
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.GetAsync($"/api/careers/steps/people/{org.Manager}")).StatusCode);
        // Only HR writes, even for one's own reports.
        Assert.Equal(HttpStatusCode.Forbidden, (await RecordAsync(org.ManagerClient, org.Report, 3, "2024-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Hr.GetAsync($"/api/careers/steps/people/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task InvalidDecision_Is400WithFields_AndNothingIsWritten()
    {
        var org = await CareersOrg.CreateAsync(App);
        var bad = await org.Hr.PostAsJsonAsync($"/api/careers/steps/people/{org.Report}", new { level = 7, effectiveOn = "2020-01-01", rationale = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["rationale"]);
        bad = await RecordAsync(org.Hr, org.Report, 7, "2020-01-01");
        errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["level"]);
        Assert.Contains("before", errors["effectiveOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var history = await (await org.Hr.GetAsync($"/api/careers/steps/people/{org.Report}")).JsonAsync();
        Assert.Empty(history["records"]!.AsArray());
    }

    [Fact]
    public async Task Promotion_GoesUp_IsListed_AndBackdatingIsAConflict()
    {
        var org = await CareersOrg.CreateAsync(App);
        await RecordAsync(org.Hr, org.Report, 1, "2023-03-01");
        var promoted = await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Report}/promote",
            new { effectiveOn = "2024-04-01", rationale = "Now shapes how the squad works." });
        Assert.Equal(2, promoted["level"]!.GetValue<int>());
        Assert.True(promoted["isPromotion"]!.GetValue<bool>());
        Assert.Equal("promotion", promoted["source"]!.GetValue<string>());

        var down = await org.Hr.PostAsJsonAsync($"/api/careers/steps/people/{org.Report}/promote", new { level = 1, effectiveOn = "2024-05-01", rationale = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, down.StatusCode);
        var backdated = await RecordAsync(org.Hr, org.Report, 3, "2023-12-01");
        Assert.Equal(HttpStatusCode.Conflict, backdated.StatusCode);

        var promotions = await (await org.Hr.GetAsync("/api/careers/steps/promotions?from=2024-01-01&to=2024-12-31")).JsonAsync();
        Assert.Contains(promotions.AsArray(), p => p!["personId"]!.GetValue<Guid>() == org.Report && p["toLevel"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task DataQuality_FindsEveryKind_AndEachFixClearsIt()
    {
        var org = await CareersOrg.CreateAsync(App);
        var admin = await App.AdminAsync();
        var recent = await CareersOrg.HireAsync(admin, "recent", org.SquadA, org.Other, org.Location, Today.AddDays(-120).ToString("yyyy-MM-dd"));
        var fresh = await CareersOrg.HireAsync(admin, "fresh", org.SquadA, org.Other, org.Location, Today.AddDays(-10).ToString("yyyy-MM-dd"));
        await RecordAsync(org.Hr, org.Report, 2, "2023-06-01");
        await RecordAsync(org.Hr, org.Manager, 3, "2023-03-01");
        (await admin.PutAsJsonAsync($"/api/people/{org.Report}/manager", new { managerId = org.Other, effectiveOn = "2024-02-01" })).EnsureSuccessStatusCode();
        await admin.PostOkAsync($"/api/people/{org.Manager}/leave", new { effectiveOn = "2025-01-01" });

        var report = await (await org.Hr.GetAsync("/api/careers/steps/data-quality?limit=5000")).JsonAsync();
        List<Guid> Of(string kind) => report["groups"]!.AsArray().Single(g => g!["kind"]!.GetValue<string>() == kind)!["items"]!.AsArray()
            .Select(i => i!["personId"]!.GetValue<Guid>()).ToList();
        Assert.Contains(org.Other, Of("neverAssigned"));
        Assert.Contains(recent, Of("newHireWithoutStep"));
        Assert.DoesNotContain(fresh, Of("newHireWithoutStep").Concat(Of("neverAssigned")));
        Assert.Contains(org.Report, Of("changedSinceStep"));
        Assert.Contains(org.Manager, Of("leaverHoldsStep"));
        var changed = report["groups"]!.AsArray().Single(g => g!["kind"]!.GetValue<string>() == "changedSinceStep")!["items"]!.AsArray()
            .Single(i => i!["personId"]!.GetValue<Guid>() == org.Report)!;
        Assert.Contains("manager changed", changed["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"/careers/steps/people/{org.Report}#record", changed["fixUrl"]!.GetValue<string>());

        await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Manager}/close", new { });
        await RecordAsync(org.Hr, org.Report, 2, "2024-03-01", "Checked after the move: same step.");
        await RecordAsync(org.Hr, recent, 1, Today.AddDays(-1).ToString("yyyy-MM-dd"));
        report = await (await org.Hr.GetAsync("/api/careers/steps/data-quality?limit=5000")).JsonAsync();
        Assert.DoesNotContain(org.Manager, Of("leaverHoldsStep"));
        Assert.DoesNotContain(org.Report, Of("changedSinceStep"));
        Assert.DoesNotContain(recent, Of("newHireWithoutStep"));
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.GetAsync("/api/careers/steps/data-quality")).StatusCode);
    }

    [Fact]
    public async Task CsvImport_ReportsEveryErrorWithLineAndColumn_WritesNothing_ThenImports()
    {
        var org = await CareersOrg.CreateAsync(App);
        var email = (await (await org.Hr.GetAsync($"/api/people/{org.Other}")).JsonAsync())["person"]!["email"]!.GetValue<string>();
        var bad = $"email,level,effective_on,rationale\n{email},9,2024-01-01,ok\nnobody@x.example,2,2024-13-01,ok\n{email},2,2024-02-01,\n";
        var rejected = await org.Hr.PostAsJsonAsync("/api/careers/steps/import", new { steps = bad });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var errors = (await rejected.JsonAsync())["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 2 && e["column"]!.GetValue<int>() == 2);
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 3 && e["field"]!.GetValue<string>() == "email");
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 3 && e["field"]!.GetValue<string>() == "effective_on");
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 4 && e["column"]!.GetValue<int>() == 4);

        var good = $"email,level,effective_on,rationale,framework_version\n{email},1,2023-05-01,Imported from the old sheet,0.9\n{email},2,2024-05-01,Grew into the squad role,1.0\n";
        var dry = await org.Hr.PostOkAsync("/api/careers/steps/import?dryRun=true", new { steps = good });
        Assert.False(dry["applied"]!.GetValue<bool>());
        Assert.Empty((await (await org.Hr.GetAsync($"/api/careers/steps/people/{org.Other}")).JsonAsync())["records"]!.AsArray());

        await org.Hr.PostOkAsync("/api/careers/steps/import", new { steps = good });
        var history = await (await org.Hr.GetAsync($"/api/careers/steps/people/{org.Other}")).JsonAsync();
        Assert.Equal(2, history["records"]!.AsArray().Count);
        Assert.Equal("import", history["current"]!["source"]!.GetValue<string>());
        Assert.Equal(1, history["current"]!["previousLevel"]!.GetValue<int>());

        var export = await (await org.Hr.GetAsync("/api/careers/steps/export")).Content.ReadAsStringAsync();
        Assert.StartsWith("email,level,effective_on,rationale", export, StringComparison.Ordinal);
        Assert.Contains($"{email},2,2024-05-01,Grew into the squad role", export, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.OtherClient.GetAsync("/api/careers/steps/export")).StatusCode);
    }

    [Fact]
    public async Task CsvImport_BrokenFile_ListsEveryIndependentErrorAtItsCell_AndTheUnclosedQuoteWhereItOpens()
    {
        var org = await CareersOrg.CreateAsync(App);
        var email = (await (await org.Hr.GetAsync($"/api/people/{org.Other}")).JsonAsync())["person"]!["email"]!.GetValue<string>();
        var broken = "email,level,effective_on,rationale\n"
            + "nobody@x.example,7,2024-01-01,Unknown person and a step off the ladder\n"
            + $"{email},9,2020-06-01,Known person: step off the ladder and a date before they joined\n"
            + $"{email},2,2024-02-01,ok\n"
            + $"{email},2,2024-03-01,\"Led the migration,\n"
            + "then more text that the open quote swallows\n";

        var rejected = await org.Hr.PostAsJsonAsync("/api/careers/steps/import", new { steps = broken });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.JsonAsync();
        Assert.Equal("The import was rejected; nothing was written.", problem["title"]!.GetValue<string>());
        Assert.Equal(5, problem["errorCount"]!.GetValue<int>());
        var errors = problem["errors"]!.AsArray().Select(e => (
            e!["file"]!.GetValue<string>(), e["line"]!.GetValue<int>(), e["column"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["message"]!.GetValue<string>()));
        Assert.Equal(
        [
            ("steps.csv", 2, 1, "email", "No person with the email 'nobody@x.example'. Import the organization first; until then 'effective_on' cannot be checked against their employment dates."),
            ("steps.csv", 2, 2, "level", "'level' must be a step between 1 and 4."),
            ("steps.csv", 3, 2, "level", "'level' must be a step between 1 and 4."),
            ("steps.csv", 3, 3, "effective_on", "'effective_on' is before other joined (2023-01-02)."),
            ("steps.csv", 5, 4, "rationale", "The quote that opens this field is never closed, so the rest of the file was read as part of it. Add the closing '\"'."),
        ], errors);
        var history = await (await org.Hr.GetAsync($"/api/careers/steps/people/{org.Other}")).JsonAsync();
        Assert.Empty(history["records"]!.AsArray());
    }
}

public sealed class StepRecordsApiTests_Sqlite(SqliteDatabase database) : StepRecordsApiTests<SqliteDatabase>(database);

public sealed class StepRecordsApiTests_Postgres(PostgresDatabase database) : StepRecordsApiTests<PostgresDatabase>(database);

/// <summary>Webhooks: a change queues a delivery per URL; a failing receiver is retried later, and the log shows why.</summary>
public sealed class StepWebhookTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Change_QueuesADelivery_FailuresAreRetriedWithBackoff_AndLogged()
    {
        var options = database.App.Services.GetRequiredService<IOptions<StepRecordsOptions>>().Value;
        options.WebhookUrls.Add("http://127.0.0.1:9/step-hook");
        options.WebhookPollInterval = TimeSpan.FromHours(1);
        var org = await CareersOrg.CreateAsync(database.App);
        await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Report}", new { level = 2, effectiveOn = "2024-01-01", rationale = "Squad scope." });

        await database.App.Services.GetRequiredService<StepWebhookSender>().SendDueAsync(TestContext.Current.CancellationToken);
        var log = await (await org.Hr.GetAsync("/api/careers/steps/webhooks/deliveries")).JsonAsync();
        var delivery = log.AsArray().Single()!;
        Assert.Equal("step.recorded", delivery["event"]!.GetValue<string>());
        Assert.Equal("pending", delivery["status"]!.GetValue<string>());
        Assert.True(delivery["attempts"]!.GetValue<int>() >= 1);
        Assert.False(string.IsNullOrEmpty(delivery["lastError"]?.GetValue<string>()));
        Assert.True(delivery["nextAttemptAt"]!.GetValue<DateTimeOffset>() > delivery["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.GetAsync("/api/careers/steps/webhooks/deliveries")).StatusCode);
    }

    [Fact]
    public void Backoff_Doubles()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), StepWebhooks.Backoff(TimeSpan.FromSeconds(10), 1));
        Assert.Equal(TimeSpan.FromSeconds(40), StepWebhooks.Backoff(TimeSpan.FromSeconds(10), 3));
    }
}

/// <summary>A reachable receiver gets the change as JSON and the delivery is logged as delivered.</summary>
public sealed class StepWebhookDeliveryTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Change_IsPostedAsJson_AndLoggedAsDelivered()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = 204;
        });
        await receiver.StartAsync(TestContext.Current.CancellationToken);
        var url = receiver.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";

        var options = database.App.Services.GetRequiredService<IOptions<StepRecordsOptions>>().Value;
        options.WebhookUrls.Add(url);
        var org = await CareersOrg.CreateAsync(database.App);
        await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Report}", new { level = 3, effectiveOn = "2024-02-01", rationale = "Tribe scope." });
        await database.App.Services.GetRequiredService<StepWebhookSender>().SendDueAsync(TestContext.Current.CancellationToken);

        var body = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(received.Distinct()))!;
        Assert.Equal("step.recorded", body["event"]!.GetValue<string>());
        Assert.Equal(org.Report, body["personId"]!.GetValue<Guid>());
        Assert.Equal(3, body["level"]!.GetValue<int>());
        var log = await (await org.Hr.GetAsync("/api/careers/steps/webhooks/deliveries")).JsonAsync();
        Assert.Equal("delivered", log[0]!["status"]!.GetValue<string>());
        Assert.Equal(204, log[0]!["lastStatusCode"]!.GetValue<int>());
        await receiver.StopAsync(TestContext.Current.CancellationToken);
    }
}
