using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// The delivery pages against the demo data. The fixture's server is shared by these tests, so each one works
/// on a flag or environment no other test here changes: new-checkout in production, new-checkout in staging,
/// legacy-export in staging, and a draft experiment that is never created.
/// </summary>
public sealed class DeliveryPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string ProductionKey = "sdk-demo-production";
    private const string StagingKey = "sdk-demo-staging";

    [Fact]
    public async Task AdvanceRollout_ThroughTheConfirmation_ShowsTheNextStage_AndWidensThePayloadRange()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ship", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Feature flags" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "new-checkout", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New checkout flow" })).ToBeVisibleAsync();
        var summary = page.Locator(".rollout-summary").First;
        await Assertions.Expect(summary).ToContainTextAsync("Running at 25%: stage 4 of 6");
        var before = await RolloutRangeAsync(page, ProductionKey, "new-checkout");
        Assert.Equal([0.01, 0.26], before);

        await page.GetByRole(AriaRole.Link, new() { Name = "Advance…" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("Conversion and error rates flat at 25%");
        // The demo's stage has run past its minimum; if the clock says otherwise the page asks for the override.
        var overrideWait = page.GetByLabel("Override the minimum stage duration");
        if (await overrideWait.IsVisibleAsync()) await overrideWait.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance to 50%" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("advanced to the next stage");
        await Assertions.Expect(summary).ToContainTextAsync("Running at 50%: stage 5 of 6");
        await Assertions.Expect(page.Locator(".stage-step[aria-current='step']")).ToContainTextAsync("50%");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Rollout history, newest first" }).First)
            .ToContainTextAsync("Conversion and error rates flat at 25%");
        var after = await RolloutRangeAsync(page, ProductionKey, "new-checkout", r => r[1] > 0.3);
        Assert.Equal([0.01, 0.51], after);
    }

    [Fact]
    public async Task AdvanceBeforeTheMinimumDuration_NeedsOverrideAndReason_AndASecondSubmitIsRefused()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/flags/new-checkout?env=staging");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start at 50%" }).ClickAsync();
        var summary = page.Locator(".rollout-summary").First;
        await Assertions.Expect(summary).ToContainTextAsync("Running at 50%: stage 1 of 2");

        await page.GetByRole(AriaRole.Link, new() { Name = "Advance…" }).ClickAsync();
        var confirmUrl = page.Url;
        // A second tab confirms the same step later, as a double submit or a colleague would.
        var second = await page.Context.NewPageAsync();
        await second.GotoAsync(confirmUrl);

        await Assertions.Expect(page.Locator(".confirm-step")).ToContainTextAsync("override the minimum duration and say why");
        await page.GetByLabel("Override the minimum stage duration").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance to 99%" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='reason']")).ToContainTextAsync("Say why");
        await Assertions.Expect(summary).ToContainTextAsync("stage 1 of 2");

        await page.GetByLabel("Reason").FillAsync("Staging soak is enough for this change");
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance to 99%" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Released at 99%");

        await second.GetByLabel("Override the minimum stage duration").CheckAsync();
        await second.GetByLabel("Reason").FillAsync("Clicked again");
        await second.GetByRole(AriaRole.Button, new() { Name = "Advance to 99%" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("The rollout moved meanwhile");
        await Assertions.Expect(second.Locator(".rollout-summary").First).ToContainTextAsync("Released at 99%");
    }

    [Fact]
    public async Task OverlapPage_ShowsZeroForTheTwoCheckoutLayerExperiments()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/overlap?environment=production");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Running in production" })).ToBeVisibleAsync();

        var cell = page.Locator("td[data-pair='checkout-button-test|express-pay-test']");
        await Assertions.Expect(cell).ToContainTextAsync("0%");
        await Assertions.Expect(cell).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("exclusive"));
        await Assertions.Expect(cell).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("layer 'checkout'"));
        // Experiments in different layers do share units: the matrix says how many.
        await Assertions.Expect(page.Locator("td[data-pair='checkout-button-test|search-ranking-v2']")).Not.ToContainTextAsync("0%");

        var pairs = page.GetByRole(AriaRole.Table, new() { Name = "Overlapping pairs" });
        await Assertions.Expect(pairs.GetByRole(AriaRole.Row).Filter(new() { HasText = "checkout-button-test × express-pay-test" }))
            .ToContainTextAsync("0%");
    }

    [Fact]
    public async Task NewExperiment_WithWeightsNotAddingUp_ShowsTheFieldError_AndCreatesNothing()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/experiments/new");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("e2e-uneven-weights");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Uneven weights");
        await page.GetByLabel("Flag", new() { Exact = true }).SelectOptionAsync("checkout-button-color");
        await page.GetByLabel("Environment", new() { Exact = true }).SelectOptionAsync("staging");
        await page.GetByLabel("Variation 1 value").FillAsync("blue");
        await page.GetByLabel("Variation 2 value").FillAsync("green");
        await page.GetByLabel("Variation 2 weight %").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create experiment" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='variations']")).ToContainTextAsync("Variation weights must sum to 1");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        Assert.EndsWith("/delivery/experiments/new", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Variation 2 weight %")).ToHaveValueAsync("40");

        await page.GotoAsync("/delivery/experiments/e2e-uneven-weights");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Experiment not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task KillSwitch_InStaging_NeedsTheFlagKey_ThenServesTheOffValue()
    {
        var page = await browser.SignedInPageAsync();
        Assert.Equal("true", (await FeatureAsync(page, StagingKey, "legacy-export")).GetProperty("defaultValue").GetRawText());
        await page.GotoAsync("/delivery/flags/legacy-export");
        await page.GetByRole(AriaRole.Link, new() { Name = "Staging" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Turn off (kill switch)…" }).ClickAsync();

        var confirmKey = page.GetByLabel("Type the flag key");
        await confirmKey.FillAsync("legacy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off in Staging" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='confirmKey']")).ToContainTextAsync("Type 'legacy-export' exactly");
        Assert.Equal("true", (await FeatureAsync(page, StagingKey, "legacy-export")).GetProperty("defaultValue").GetRawText());

        await confirmKey.FillAsync("legacy-export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off in Staging" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kill switch thrown");
        await Assertions.Expect(page.Locator("#kill-switch")).ToContainTextAsync("killed");

        var feature = await FeatureAsync(page, StagingKey, "legacy-export", f => f.GetProperty("defaultValue").ValueKind == JsonValueKind.False);
        Assert.Equal(JsonValueKind.False, feature.GetProperty("defaultValue").ValueKind);
        Assert.False(feature.TryGetProperty("rules", out _));
        // Other environments keep their own switch.
        Assert.Equal("true", (await FeatureAsync(page, "sdk-demo-development", "legacy-export")).GetProperty("defaultValue").GetRawText());
    }

    /// <summary>
    /// One flag's entry in an environment's SDK payload. The payload is recompiled before a write returns, so the
    /// first read normally sees the change; <paramref name="until"/> allows a short wait anyway.
    /// </summary>
    private static async Task<JsonElement> FeatureAsync(IPage page, string clientKey, string flag, Func<JsonElement, bool>? until = null)
    {
        JsonElement feature = default;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var response = await page.APIRequest.GetAsync($"/api/features/{clientKey}");
            Assert.True(response.Ok, $"GET /api/features/{clientKey} answered {response.Status}");
            using var payload = JsonDocument.Parse(await response.TextAsync());
            feature = payload.RootElement.GetProperty("features").GetProperty(flag).Clone();
            if (until is null || until(feature)) break;
            await Task.Delay(250);
        }
        return feature;
    }

    /// <summary>The hash range [start, end) the flag's rollout rule gives the value to.</summary>
    private static async Task<double[]> RolloutRangeAsync(IPage page, string clientKey, string flag, Func<double[], bool>? until = null)
    {
        static double[] RangeOf(JsonElement feature) =>
            feature.GetProperty("rules").EnumerateArray().Where(r => r.GetProperty("id").GetString()!.StartsWith("rollout-", StringComparison.Ordinal))
                .Select(r => r.GetProperty("range").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6)).ToArray()).Single();
        var feature = await FeatureAsync(page, clientKey, flag, until is null ? null : f => until(RangeOf(f)));
        return RangeOf(feature);
    }
}
