using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// The feature lifecycle pages against the demo: a feature's whole story on one screen, starting a feature and taking
/// it through a gate in the browser, a second decider caught by the phase check, and the maintenance view.
/// </summary>
public sealed class FeaturePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFeaturePage_TellsTheWholeStory()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ship", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Features", Exact = true }).First.ClickAsync();
        var board = page.GetByRole(AriaRole.List, new() { Name = "Features by phase" });
        await Assertions.Expect(board).ToContainTextAsync("Guided onboarding tour");
        await board.GetByRole(AriaRole.Link, new() { Name = "Guided onboarding tour" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guided onboarding tour", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".phase-steps [aria-current='step']")).ToHaveTextAsync("Maintain it");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Investment over time" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".feature-figures")).ToContainTextAsync("days");
        var decisions = page.GetByRole(AriaRole.List, new() { Name = "Gate decisions, oldest first" });
        await Assertions.Expect(decisions.Locator("> li")).ToHaveCountAsync(4);
        await Assertions.Expect(decisions).ToContainTextAsync("measured +4.1%");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "onboarding-tour" })).ToBeVisibleAsync();
        await PageShots.SaveAsync(page, "feature-story");
    }

    [Fact]
    public async Task AFeaturePage_ListsItsRetrospectives_AndFinishedFeaturesWithoutOneAreFlaggedInLearn()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/features/learned-ranking");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Retrospectives of this feature" })).ToContainTextAsync("Search ranking model v2");
        await page.GotoAsync("/learn/missing");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Translated lyrics");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("feature stopped");
    }

    [Fact]
    public async Task StartAFeature_AdvanceItThroughAGate_AndASecondDeciderIsStopped()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/features/new");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("e2e-saved-searches");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Saved searches");
        await page.GetByLabel("Owning unit").SelectOptionAsync(new SelectOptionValue { Label = "Search (Squad)" });
        await page.GetByLabel("Hypothesis").FillAsync("Letting people save a search will bring them back more often.");
        await page.GetByLabel("Success metric 1 metric").FillAsync("search-success-top3");
        await page.GetByLabel("Success metric 1 minimum effect").FillAsync("3");
        await page.GetByLabel("Guardrail 1 metric").FillAsync("search-latency-p95");
        await page.GetByLabel("Guardrail 1 direction").SelectOptionAsync("Decrease");
        await page.GetByLabel("Guardrail 1 margin").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start in Think it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Feature started in Think it");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "≥ 3%" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Advance to Build it…" }).ClickAsync();
        var second = await (await browser.SignedInPageAsync()).Context.NewPageAsync();
        await second.GotoAsync(page.Url);

        await page.GetByLabel("Rationale").FillAsync("Eight of ten interviewees repeat the same searches every week.");
        await page.GetByLabel("Evidence 1 kind").SelectOptionAsync("Research");
        await page.GetByLabel("Evidence 1 title").FillAsync("Search interviews");
        await page.GetByLabel("Evidence 1 link").FillAsync("https://wiki.example/search-interviews");
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance to Build it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Decision recorded");
        await Assertions.Expect(page.Locator(".phase-steps [aria-current='step']")).ToHaveTextAsync("Build it");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Search interviews" })).ToBeVisibleAsync();

        await second.GetByLabel("Rationale").FillAsync("Same idea, clicked later");
        await second.GetByRole(AriaRole.Button, new() { Name = "Advance to Build it" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("someone decided meanwhile");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Gate decisions, oldest first" }).Locator("> li")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task BadInput_OnTheNewFeatureForm_ShowsFieldErrors()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/features/new");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("Not A Key");
        await page.GetByLabel("Success metric 1 metric").FillAsync("checkout-conversion");
        await page.GetByLabel("Success metric 1 minimum effect").FillAsync("-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start in Think it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await Assertions.Expect(page.Locator("[data-field='name']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field='hypothesis.successMetrics']")).ToContainTextAsync("minimumEffect");
    }

    [Fact]
    public async Task Maintenance_ShowsTheLongReleasedFlag_AndTheFeatureThatFellShort()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/features/maintenance");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "onboarding-tour" })).ToContainTextAsync("guided-onboarding");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("below the 3% the hypothesis called worth having");
        await page.GotoAsync("/features/investment");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Stacked bars of person-weeks per phase for each tribe" })).ToBeVisibleAsync();
        await PageShots.SaveAsync(page, "investment-by-phase");
    }

    [Fact]
    public async Task TheCollisionGuard_BlocksTheDemoUpsellTest_UntilSomeoneAcknowledgesWithAReason()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/experiments/basket-upsell-test?confirm=start");
        var warning = page.GetByRole(AriaRole.Region, new() { Name = "Collisions" });
        await Assertions.Expect(warning).ToContainTextAsync("new-checkout rollout");
        await Assertions.Expect(warning).ToContainTextAsync("both change surface 'checkout'");
        await PageShots.SaveAsync(page, "collision-guard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start the experiment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("acknowledge the collisions with a reason");
        await page.GetByLabel("Start anyway: I acknowledge the collisions").CheckAsync();
        await page.GetByLabel("Reason (required to start anyway, recorded)").FillAsync("Upsell sits below the basket; checkout team agreed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the experiment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("started");
    }

    [Fact]
    public async Task TheDemoEvents_GiveAWinner_AndAnSrmTheAnalysisRefusesToTrust()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/experiments/checkout-button-test/analysis?metric=checkout-conversion&metric=order-value&guardrail=payment-errors");
        await PageShots.SaveAsync(page, "demo-analysis");
        var recommendation = page.Locator("section[aria-labelledby='decision-title']");
        await Assertions.Expect(recommendation).ToContainTextAsync("ship it");
        await PageShots.SaveAsync(page, "demo-analysis");

        await page.GotoAsync("/delivery/experiments/express-pay-test/analysis?metric=checkout-conversion&guardrail=payment-errors");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Sample ratio mismatch" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheExperimentPagesAnalysisLink_StartsFromTheHypothesisMetrics_OrShowsExposureHealthAlone()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/delivery/experiments/two-step-tour-test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis from events" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analysis of two-step-tour-test" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#analysis-defaults")).ToContainTextAsync("metrics of the feature's hypothesis");
        await Assertions.Expect(page.Locator("section[aria-labelledby='decision-title']")).ToContainTextAsync("ship it");
        Assert.NotEmpty(await page.Locator("#analysis-metrics option:checked").AllInnerTextsAsync());

        // Every metric deselected and analysed: the exposures alone, which still show the sample-ratio mismatch.
        await page.GotoAsync("/delivery/experiments/express-pay-test/analysis?run=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exposure health" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#analysis-defaults")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#analysis-no-metrics")).ToContainTextAsync("only the exposures were analysed");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Sample ratio mismatch" })).ToBeVisibleAsync();
    }
}
