using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// Align in the browser against the demo: reorder the company's priorities with a reason and find it in the history,
/// follow a company WIG down to a tribe WIG's scoreboard, and see the work that serves no priority.
/// </summary>
public sealed class AlignPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReorderPriorities_FollowTheGoalTree_AndFindUnalignedWork()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Align", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Priorities", Exact = true })).ToBeVisibleAsync();
        await page.Locator("a[href='/align/priorities/acme']").ClickAsync();

        var stack = page.GetByRole(AriaRole.List, new() { NameRegex = new System.Text.RegularExpressions.Regex("priorities in rank order$") });
        await Assertions.Expect(stack.GetByRole(AriaRole.Listitem).First).ToContainTextAsync("Reliability listeners can count on");
        await page.GetByLabel("Why? (kept in the history with your change)").FillAsync("Failed payments doubled after the price change.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move A checkout that gets out of the way up" }).ClickAsync();
        await Assertions.Expect(stack.GetByRole(AriaRole.Listitem).Nth(1)).ToContainTextAsync("A checkout that gets out of the way");
        var history = page.GetByRole(AriaRole.Table, new() { Name = "History" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Failed payments doubled after the price change.");
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("from 3 to 2");
        await PageShots.SaveAsync(page, "align-priorities");

        await page.GetByRole(AriaRole.Link, new() { Name = "Goals", Exact = true }).First.ClickAsync();
        var tree = page.GetByRole(AriaRole.List, new() { Name = "Goal tree" });
        await Assertions.Expect(tree).ToContainTextAsync("Grow paying listeners");
        await tree.GetByRole(AriaRole.Link, new() { Name = "Keep new listeners" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "7-day retention of new listeners: readings against the line to target" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("From 38% to 45% by")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Run onboarding experiments every week" })).ToBeVisibleAsync();
        await PageShots.SaveAsync(page, "align-scoreboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Work by priority" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Work serving no priority" })).ToContainTextAsync("Dark mode");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Work serving Grow paying listeners" })).ToContainTextAsync("Guided onboarding tour");
        await PageShots.SaveAsync(page, "align-work");
    }
}
