using System.Net;
using Microsoft.AspNetCore.Hosting;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;
using static Stepwise.Server.Tests.Events.EventsTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary>A full queue refuses at once with 429 and Retry-After instead of buffering without bound.</summary>
public sealed class EventsOverloadTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task QueueFull_Is429_WithRetryAfter()
    {
        await using var app = database.App.WithWebHostBuilder(b => b.UseSetting("Events:MaxPendingEvents", "0"));
        var key = await ClientKeyAsync(await database.App.AdminAsync());
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = ApiJson.Raw($$"""{"events":[{{Metric("u-1", "m", 1, TimeProvider.System.GetUtcNow()).ToJsonString()}}]}"""),
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key) },
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
    }
}
