using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>
/// An RFC in the browser: the administrator proposes one and opens it to the organization, a colleague approves it and
/// raises a blocking concern, and the author sees why it cannot move on — with no way to lift someone else's concern.
/// </summary>
public sealed class RfcPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ProposeDiscussApprove_AndABlockingConcernHoldsIt()
    {
        var title = $"Quiet hours for deploys {Guid.NewGuid():N}"[..36];
        var author = await browser.SignedInPageAsync();
        await author.GotoAsync($"{browser.BaseUrl}/align/rfcs");
        await Assertions.Expect(author.GetByRole(AriaRole.Table, new() { Name = "RFCs" })).ToContainTextAsync("A data scientist in every bet from Think it");
        // A full page load, so no enhanced-navigation patch can land after the fields are filled.
        await author.GotoAsync($"{browser.BaseUrl}/align/rfcs/new");
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Propose an RFC" })).ToBeVisibleAsync();
        await author.GetByLabel("Title").FillAsync(title);
        await author.GetByLabel("Proposal (Markdown)").FillAsync("No production deploys after 16:00 on Fridays.\n\n## Motivation\n\nThree of the last five incidents began late on a Friday.\n");
        await Assertions.Expect(author.GetByLabel("Title")).ToHaveValueAsync(title);
        await author.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Assertions.Expect(author.Locator("#rfc-state")).ToHaveTextAsync("Draft");
        await author.GetByLabel("Discuss with").SelectOptionAsync(new SelectOptionValue { Label = "the whole organization" });
        await author.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(author.Locator("#rfc-state")).ToHaveTextAsync("In discussion");
        await Assertions.Expect(author.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Approve") })).ToHaveCountAsync(0);
        var rfcUrl = author.Url;

        var colleague = await browser.SignedInPageAsync(await ColleagueEmailAsync());
        await colleague.GotoAsync(rfcUrl);
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Approve revision 1" }).ClickAsync();
        await Assertions.Expect(colleague.GetByRole(AriaRole.List, new() { Name = "Approvals" })).ToContainTextAsync("revision 1");
        await colleague.GetByLabel("Raise a concern").FillAsync("Friday evening is when the US team deploys.");
        await colleague.GetByLabel("Blocking: hold the RFC until I lift it").CheckAsync();
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Raise" }).ClickAsync();
        await Assertions.Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Lift my concern" })).ToBeVisibleAsync();

        await author.ReloadAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Note)).ToContainTextAsync("blocking concern");
        await Assertions.Expect(author.GetByRole(AriaRole.List, new() { Name = "Concerns" })).ToContainTextAsync("Friday evening is when the US team deploys.");
        await Assertions.Expect(author.GetByRole(AriaRole.Button, new() { Name = "Lift my concern" })).ToHaveCountAsync(0);
        await author.GetByRole(AriaRole.Button, new() { Name = "Start final comment period" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 of the 2 approvals");
        await PageShots.SaveAsync(author, "align-rfc");
    }

    private async Task<string> ColleagueEmailAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Stepwise.Data.StepwiseDb>();
        return await db.Users.Where(u => u.PersonId != null).OrderByDescending(u => u.Email).Select(u => u.Email!).FirstAsync(TestContext.Current.CancellationToken);
    }
}
