using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// The guarded rollouts of the demo in the browser: the automatic rollback with its reason, the cumulative effect chart,
/// the rollout that advanced by itself, and the experiment analysis over time with its measured overlap.
/// </summary>
public sealed class GuardPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheDemoRollback_IsShownWithItsReason_AndTheCumulativeEffect()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/flags/lyrics-translation");
        await page.GetByText("Earlier plans (1 rolled back)").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Guard and analysis" }).First.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("lyrics-translation");
        await Assertions.Expect(page.Locator("#rollout-status")).ToHaveTextAsync("rolled back");
        var history = page.GetByRole(AriaRole.List, new() { Name = "Rollout history, newest first" });
        await Assertions.Expect(history.Locator("> li").First).ToContainTextAsync("by Stepwise guard");
        await Assertions.Expect(history.Locator("> li").First).ToContainTextAsync("Guardrail significantly harmed: playback-start-ms");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Cumulative relative effect on Playback start time (ms, mean per start) over time, with its always-valid interval" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator(".guard-action", new() { HasText = "rolled back" })).ToHaveCountAsync(1);
        await Screenshot(page, "guarded-rollback");
    }

    [Fact]
    public async Task TheDemoAdvance_WasMadeByTheGuard()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/flags/max-upload-mb");
        await page.GetByRole(AriaRole.Link, new() { Name = "Guard and analysis" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#rollout-status")).ToHaveTextAsync("released");
        var history = page.GetByRole(AriaRole.List, new() { Name = "Rollout history, newest first" });
        await Assertions.Expect(history.Locator("> li", new() { HasText = "by Stepwise guard" })).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#guard-plan")).ToContainTextAsync("advance automatically");
    }

    [Fact]
    public async Task TheExperimentAnalysis_ShowsTheEffectOverTime_AndMeasuredOverlap()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/experiments/checkout-button-test/analysis?metric=checkout-conversion&guardrail=payment-errors");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cumulative effect over time" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cumulative-effect[data-metric='checkout-conversion'] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Measured overlap with other running tests" })).ToBeVisibleAsync();
        await Screenshot(page, "experiment-over-time");
    }

    /// <summary>Saved only when STEPWISE_SCREENSHOTS names a folder, for looking at the pages by eye.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STEPWISE_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
