using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Stepwise.Client;
using Stepwise.Flags.Evaluation;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// The "done when": a newcomer creates a rollout in the UI, advances it, and a running .NET SDK connected to
/// the real server over a real socket sees the change through the stream (polling is set to an hour so only the stream
/// can deliver it). Works on its own flag in staging, which no other test touches.
/// </summary>
public sealed class RolloutReachesSdkTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string FlagKey = "e2e-sdk-rollout";
    private static readonly EvaluationContext[] Units = [.. Enumerable.Range(0, 2000).Select(i => new EvaluationContext { Attributes = JsonSerializer.SerializeToElement(new { id = $"user-{i}" }) })];

    [Fact]
    public async Task RolloutCreatedAndAdvancedInTheBrowser_ReachesARunningSdkThroughTheStream()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/flags/new");
        await page.GetByLabel("Key").FillAsync(FlagKey);
        await page.GetByLabel("Name").FillAsync("SDK rollout end to end");
        await page.GetByLabel("Default value").FillAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create flag" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SDK rollout end to end" })).ToBeVisibleAsync();

        await page.GotoAsync($"/delivery/flags/{FlagKey}/rollouts/new");
        await page.GetByLabel("Environment").SelectOptionAsync("staging");
        await page.GetByLabel("Value to roll out").FillAsync("true");
        await page.GetByLabel("Stages").FillAsync("5, 20, 50, 99");
        await page.GetByLabel("Minimum hours per stage").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start at 5%" }).ClickAsync();
        await Assertions.Expect(page.Locator(".rollout-summary").First).ToContainTextAsync("Running at 5%");

        await using var sdk = new StepwiseClient(new StepwiseOptions
        {
            BaseUrl = new Uri(browser.BaseUrl),
            ClientKey = "sdk-demo-staging",
            PollInterval = TimeSpan.FromHours(1),
            TrackExposures = false,
            WriteSnapshot = false,
        });
        await sdk.StartAsync(TestContext.Current.CancellationToken);
        await WaitForStreamAsync(sdk);
        var atFive = UnitsWithTheFeature(sdk);
        Assert.InRange(atFive.Count, 40, 170); // 5% of 2,000 is 100
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sdk.PayloadChanged += (_, _) => changed.TrySetResult();

        await page.GetByRole(AriaRole.Link, new() { Name = "Advance…" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Error rate flat at 5%");
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance to 20%" }).ClickAsync();
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        output.WriteLine($"SDK saw the advance {clock.ElapsedMilliseconds} ms after the confirmation was submitted.");

        var atTwenty = UnitsWithTheFeature(sdk);
        Assert.InRange(atTwenty.Count, 330, 480); // 20% of 2,000 is 400
        Assert.Subset(atTwenty, atFive); // monotone: nobody who had it loses it
        Assert.Equal(SyncMode.Streaming, sdk.Status.Mode);
        Assert.False(sdk.Status.IsStale);
    }

    /// <summary>The advance must come after the stream is open, or a poll-free client could miss it.</summary>
    private static async Task WaitForStreamAsync(StepwiseClient sdk)
    {
        for (var i = 0; i < 300 && sdk.Status.Mode != SyncMode.Streaming; i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(SyncMode.Streaming, sdk.Status.Mode);
    }

    private static HashSet<string> UnitsWithTheFeature(StepwiseClient sdk) =>
        [.. Units.Where(u => sdk.IsOn(FlagKey, u)).Select(u => u.Attributes.GetProperty("id").GetString()!)];
}
