using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// A DUHB in the browser against the demo: HR writes one and asks for review, an administrator endorses it and turns its bet
/// into a feature, which starts in Think it with the bet's hypothesis and points back to the DUHB.
/// </summary>
public sealed class DuhbPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WriteADuhb_EndorseIt_AndTurnItsBetIntoAFeature()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Listeners skip the radio tab {suffix}";
        var author = await browser.SignedInPageAsync("hr@acme.example");
        await author.GotoAsync("/align/duhbs");
        // The demo thread: the tribe's DUHB whose bet became the guided onboarding tour, and a journey team's DUHB in review.
        var index = author.GetByRole(AriaRole.Table, new() { Name = "DUHBs" });
        await Assertions.Expect(index).ToContainTextAsync("Card-less listeners drop out at checkout");
        await index.GetByRole(AriaRole.Link, new() { Name = "New listeners get lost in their first session" }).ClickAsync();
        await Assertions.Expect(author.GetByLabel("What became of this bet")).ToContainTextAsync("Guided onboarding tour");
        await PageShots.SaveAsync(author, "align-duhb-demo");
        await author.GotoAsync("/align/duhbs");
        await author.GetByRole(AriaRole.Link, new() { Name = "Write a DUHB" }).ClickAsync();
        await author.Locator("#duhb-title").FillAsync(title);
        await author.Locator("#duhb-unit").SelectOptionAsync(new SelectOptionValue { Label = "Listener Experience (Tribe)" });
        await author.Locator("#duhb-points").FillAsync("Radio tab opens per week | 1200 | | https://analytics.example/radio");
        await author.Locator("#duhb-understanding").FillAsync("Few listeners find the radio tab at all.");
        await author.Locator("#duhb-hypotheses").FillAsync("Putting radio on the home feed doubles its use.");
        await author.Locator("#bet-title-0").FillAsync($"Radio on home {suffix}");
        await author.Locator("#bet-squad-0").SelectOptionAsync(new SelectOptionValue { Label = "Home Feed" });
        await author.Locator("#bet-statement-0").FillAsync("Radio stations on the home feed will raise weekly radio listening.");
        await author.Locator("#bet-success-0").FillAsync("retention-d7 increase 0.1");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Table, new() { Name = "Data points" })).ToContainTextAsync("1200");
        await author.GetByRole(AriaRole.Button, new() { Name = "Ask for review" }).ClickAsync();
        await Assertions.Expect(author.Locator("#duhb-state")).ToHaveTextAsync("In review");
        var url = author.Url;

        var admin = await browser.SignedInPageAsync();
        await admin.GotoAsync(url);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Endorse" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#endorsements")).ToContainTextAsync("Endorsed by Demo Administrator");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Turn this bet into a feature" }).ClickAsync();
        await Assertions.Expect(admin.GetByLabel("Feature key")).ToHaveValueAsync($"radio-on-home-{suffix}");
        await PageShots.SaveAsync(admin, "align-duhb-convert");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the feature" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Radio on home {suffix}" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("Radio stations on the home feed will raise weekly radio listening.")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("#duhb-origin")).ToContainTextAsync(title);
        await Assertions.Expect(admin.GetByText("Think it").First).ToBeVisibleAsync();

        await admin.GotoAsync(url);
        await Assertions.Expect(admin.GetByLabel("What became of this bet")).ToContainTextAsync("Think it");
        await PageShots.SaveAsync(admin, "align-duhb");
    }
}
