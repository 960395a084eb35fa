using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Notifications;
using Stepwise.Server.Tests.Careers;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Notifications;

/// <summary>Notifications reach exactly their recipients, are stored with the change that caused them, and are posted to webhooks.</summary>
public abstract class NotificationsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private async Task NotifyAsync(Func<Notifier, StepwiseDb, Task> send)
    {
        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        await send(scope.ServiceProvider.GetRequiredService<Notifier>(), db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task APersonsNotification_IsInTheirInboxOnly_AndOnlyTheyCanMarkItRead()
    {
        var org = await CareersOrg.CreateAsync(database.App);
        await NotifyAsync((n, db) =>
        {
            n.Notify(db, new NotificationMessage("careers.cycle.finalized", "Your step is final", "Step 2 from 1 March.", "/careers/steps"), [org.Report]);
            return Task.CompletedTask;
        });

        var inbox = await (await org.ReportClient.GetAsync("/api/notifications")).JsonAsync();
        Assert.Equal(1, inbox["unread"]!.GetValue<int>());
        var item = inbox["items"]!.AsArray().Single()!;
        Assert.Equal("Your step is final", item["title"]!.GetValue<string>());
        var id = item.Id();

        Assert.Empty((await (await org.OtherClient.GetAsync("/api/notifications")).JsonAsync())["items"]!.AsArray());
        Assert.Empty((await (await org.Hr.GetAsync("/api/notifications")).JsonAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await org.OtherClient.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(1, (await (await org.ReportClient.GetAsync("/api/notifications")).JsonAsync())["unread"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await org.ReportClient.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        var after = await (await org.ReportClient.GetAsync("/api/notifications?unreadOnly=true")).JsonAsync();
        Assert.Equal(0, after["unread"]!.GetValue<int>());
        Assert.Empty(after["items"]!.AsArray());
    }

    [Fact]
    public async Task ARoleNotification_ReachesEveryHolder_AndReadAllClearsIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var first = await database.App.ClientForAsync($"lead1-{suffix}@test.example", null, Roles.Leadership);
        var second = await database.App.ClientForAsync($"lead2-{suffix}@test.example", null, Roles.Leadership);
        var topic = $"delivery.rollout.paused.{suffix}";
        await NotifyAsync((n, db) => n.NotifyRoleAsync(db, new NotificationMessage(topic, "Rollout paused", "A guardrail was harmed.", null),
            Roles.Leadership, TestContext.Current.CancellationToken));

        foreach (var client in new[] { first, second })
        {
            var inbox = await (await client.GetAsync("/api/notifications")).JsonAsync();
            Assert.Contains(inbox["items"]!.AsArray(), i => i!["topic"]!.GetValue<string>() == topic);
        }
        var marked = await (await first.PostAsync("/api/notifications/read-all", null)).JsonAsync();
        Assert.True(marked["marked"]!.GetValue<int>() >= 1);
        Assert.Equal(0, (await (await first.GetAsync("/api/notifications")).JsonAsync())["unread"]!.GetValue<int>());
        Assert.True((await (await second.GetAsync("/api/notifications")).JsonAsync())["unread"]!.GetValue<int>() >= 1);
    }
}

public sealed class NotificationsTests_Sqlite(SqliteDatabase database) : NotificationsTests<SqliteDatabase>(database);

public sealed class NotificationsTests_Postgres(PostgresDatabase database) : NotificationsTests<PostgresDatabase>(database);

/// <summary>A configured receiver gets each message once as JSON; a failing one is retried and the log says why.</summary>
public sealed class NotificationWebhookTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task Message_IsPostedOnce_AndFailuresAreRetriedWithBackoff()
    {
        var received = new ConcurrentQueue<(string Topic, string Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue((context.Request.Headers["X-Stepwise-Topic"].ToString(), await reader.ReadToEndAsync()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await receiver.StartAsync(TestContext.Current.CancellationToken);
        var url = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";

        var options = database.App.Services.GetRequiredService<IOptions<NotificationsOptions>>().Value;
        options.WebhookUrls.AddRange([url, "http://127.0.0.1:9/unreachable"]);
        options.WebhookPollInterval = TimeSpan.FromHours(1);
        var org = await CareersOrg.CreateAsync(database.App);
        await using (var scope = database.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            scope.ServiceProvider.GetRequiredService<Notifier>().Notify(db,
                new NotificationMessage("careers.cycle.reminder", "Reminder", "Your self-assessment is due.", "/careers"), [org.Report, org.Other]);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await database.App.Services.GetRequiredService<OutboundWebhookSender>().SendDueAsync(TestContext.Current.CancellationToken);

        var (topic, body) = Assert.Single(received);
        Assert.Equal("careers.cycle.reminder", topic);
        Assert.Contains(org.Report.ToString(), body, StringComparison.Ordinal);
        Assert.Contains(org.Other.ToString(), body, StringComparison.Ordinal);
        var admin = await database.App.AdminAsync();
        var log = (await (await admin.GetAsync("/api/notifications/webhooks/deliveries")).JsonAsync()).AsArray();
        Assert.Contains(log, d => d!["url"]!.GetValue<string>() == url && d["status"]!.GetValue<string>() == "delivered");
        var failed = log.First(d => d!["url"]!.GetValue<string>().Contains(":9/", StringComparison.Ordinal))!;
        Assert.Equal("pending", failed["status"]!.GetValue<string>());
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());
        Assert.NotNull(failed["lastError"]);
        Assert.Equal(TimeSpan.FromSeconds(40), OutboundWebhookSender.Backoff(TimeSpan.FromSeconds(10), 3));
    }
}
