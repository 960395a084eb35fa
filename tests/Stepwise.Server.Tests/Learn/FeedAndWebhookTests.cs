using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Learn;

/// <summary>The server with webhook retries in milliseconds instead of seconds, so a test can watch several attempts.</summary>
public sealed class FastWebhookDatabase : DatabaseFixture
{
    protected override Task<(DatabaseProvider, string)> CreateDatabaseAsync() =>
        Task.FromResult((DatabaseProvider.Sqlite, SqliteDatabase.ConnectionString()));

    protected override StepwiseApp CreateApp(DatabaseProvider provider, string connection) => new FastWebhookApp(provider, connection);

    private sealed class FastWebhookApp(DatabaseProvider provider, string connection) : StepwiseApp(provider, connection)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Learn:WebhookPollInterval", "00:00:00.050");
            builder.UseSetting("Learn:WebhookFirstRetryDelay", "00:00:00.050");
            builder.UseSetting("Learn:WebhookMaxAttempts", "3");
        }
    }
}

/// <summary>The company feed as Atom, and chat webhooks delivered to a real local HTTP listener with retries.</summary>
public sealed class FeedAndWebhookTests(FastWebhookDatabase database) : IClassFixture<FastWebhookDatabase>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task AtomFeed_IsValidAtom_WithClosedLessonsAndFailPosts_AndNeedsItsToken()
    {
        var org = await LearnOrg.CreateAsync(database.App);
        var retro = (await org.RetroAsync("Feed <retro> & co")).Id();
        var lesson = await org.LessonAsync(retro, "team", "Rotate on-call fairly");
        var hiddenRetro = (await org.RetroAsync("Secret", isPrivate: true)).Id();
        var hidden = await org.LessonAsync(hiddenRetro, "team", "Private lesson");
        await org.Member.PostAsync($"/api/learn/retrospectives/{hiddenRetro}/close", null);
        var token = await org.Outsider.PostOkAsync("/api/learn/feed-token", new { });
        var url = new Uri(token["url"]!.GetValue<string>()).PathAndQuery;

        var before = await Feed(url);
        Assert.DoesNotContain(before.Root!.Elements(Atom + "entry"), e => e.Element(Atom + "id")!.Value == $"urn:uuid:{lesson}");
        await org.Member.PostAsync($"/api/learn/retrospectives/{retro}/close", null);
        var post = (await org.Member.PostOkAsync($"/api/learn/units/{org.Squad}/fail-wall", new { whatFailed = "Backups untested", whatWeLearned = "Restore drills monthly" })).Id();

        var feed = await Feed(url);
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        foreach (var required in new[] { "id", "title", "updated" }) Assert.Single(root.Elements(Atom + required));
        Assert.Contains(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        var entries = root.Elements(Atom + "entry").ToList();
        Assert.All(entries, e =>
        {
            foreach (var required in new[] { "id", "title", "updated" }) Assert.Single(e.Elements(Atom + required));
            Assert.NotEmpty(e.Element(Atom + "author")!.Element(Atom + "name")!.Value);
            Assert.True(Uri.IsWellFormedUriString(e.Element(Atom + "id")!.Value, UriKind.Absolute));
            XmlConvert.ToDateTimeOffset(e.Element(Atom + "updated")!.Value, "yyyy-MM-dd'T'HH:mm:ss'Z'");
        });
        var ids = entries.Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Contains($"urn:uuid:{lesson}", ids);
        Assert.Contains($"urn:uuid:{post}", ids);
        Assert.DoesNotContain($"urn:uuid:{hidden}", ids);
        Assert.Contains(entries, e => e.Element(Atom + "title")!.Value.Contains("Feed <retro> & co", StringComparison.Ordinal));

        var anonymous = database.App.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/learn/feed/swf_not-a-token")).StatusCode);
        await org.Outsider.PostOkAsync("/api/learn/feed-token", new { });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Webhooks_RetryWithBackoff_UntilDelivered_OrOutOfAttempts()
    {
        var received = new ConcurrentQueue<(string Path, string Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var listener = builder.Build();
        var flaky = 0;
        listener.MapPost("/flaky", async (HttpRequest request) =>
        {
            received.Enqueue(("/flaky", await new StreamReader(request.Body).ReadToEndAsync()));
            return Interlocked.Increment(ref flaky) <= 2 ? Results.StatusCode(503) : Results.Ok();
        });
        listener.MapPost("/broken", async (HttpRequest request) =>
        {
            received.Enqueue(("/broken", await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.StatusCode(500);
        });
        await listener.StartAsync();
        var address = listener.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var org = await LearnOrg.CreateAsync(database.App);
        await org.Admin.PostOkAsync("/api/learn/webhooks", new { name = "flaky", url = $"{address}/flaky" });
        await org.Admin.PostOkAsync("/api/learn/webhooks", new { name = "broken", url = $"{address}/broken" });
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Member.PostAsJsonAsync("/api/learn/webhooks", new { name = "x", url = "https://example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Admin.PostAsJsonAsync("/api/learn/webhooks", new { name = "x", url = "ftp://example.com" })).StatusCode);
        await org.Member.PostOkAsync($"/api/learn/units/{org.Squad}/fail-wall", new { whatFailed = "The <b>deploy</b> froze", whatWeLearned = "Add a timeout" });

        JsonArray deliveries = [];
        for (var i = 0; i < 400; i++)
        {
            deliveries = [.. (await org.Admin.GetOkAsync("/api/learn/webhooks/deliveries")).AsArray()
                .Where(d => d!["title"]!.GetValue<string>().Contains("deploy", StringComparison.Ordinal)).Select(d => d!.DeepClone())];
            if (deliveries.Count == 2 && deliveries.All(d => d!["state"]!.GetValue<string>() != "pending")) break;
            await Task.Delay(50);
        }
        var ok = deliveries.Single(d => d!["webhook"]!.GetValue<string>() == "flaky")!;
        Assert.Equal("delivered", ok["state"]!.GetValue<string>());
        Assert.Equal(3, ok["attempts"]!.GetValue<int>());
        Assert.Equal(200, ok["lastStatusCode"]!.GetValue<int>());
        var failed = deliveries.Single(d => d!["webhook"]!.GetValue<string>() == "broken")!;
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Equal(3, failed["attempts"]!.GetValue<int>());
        Assert.Contains("500", failed["lastError"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(3, received.Count(r => r.Path == "/flaky"));
        Assert.Equal(3, received.Count(r => r.Path == "/broken"));
        var payload = JsonNode.Parse(received.First().Body)!;
        Assert.Contains("The &lt;b&gt;deploy&lt;/b&gt; froze", payload["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await listener.StopAsync();
    }

    private async Task<XDocument> Feed(string url)
    {
        var response = await database.App.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
