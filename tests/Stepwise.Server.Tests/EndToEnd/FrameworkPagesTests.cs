using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Stepwise.Careers.Framework;
using Stepwise.Data;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>The career framework pages on the demo data: the map, a suggestion through two approvals, and publishing.</summary>
public sealed class FrameworkPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Suggestion_ApprovedByTwoOthers_IsAppliedAndPublished()
    {
        var editors = await EditorEmailsAsync();
        var author = await browser.SignedInPageAsync(editors[0]);
        await author.GetByRole(AriaRole.Link, new() { Name = "Grow", Exact = true }).First.ClickAsync();
        await author.GetByRole(AriaRole.Link, new() { Name = "Career framework", Exact = true }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = "Technology career steps" })).ToBeVisibleAsync();
        var map = author.GetByRole(AriaRole.Table, new() { Name = "Characteristics by step" });
        await Assertions.Expect(map.GetByRole(AriaRole.Columnheader)).ToHaveCountAsync(5);
        await Assertions.Expect(map.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(5);
        await author.GetByRole(AriaRole.Link, new() { Name = "Impact, step 3: details and examples" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = "What is expected" })).ToBeVisibleAsync();

        await author.GetByRole(AriaRole.Link, new() { Name = "Suggest a change to this cell in the draft" }).ClickAsync();
        var text = author.GetByLabel("New text");
        await Assertions.Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("several squads"));
        await text.FillAsync("Your work changes results across several squads or a whole tribe, and you can show how.\n\nExamples:\n- Leads one shared service where three squads were building their own.");
        await author.GetByLabel("Why").FillAsync("Ask for evidence of the effect.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Status)).ToContainTextAsync("needs approvals");
        var mine = author.Locator(".suggestion[data-section='impact.3']");
        await Assertions.Expect(mine).ToContainTextAsync("Approvals: 0 of 2");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot approve your own suggestion");

        foreach (var approver in editors.Skip(1).Take(2))
        {
            var page = await browser.SignedInPageAsync(approver);
            await page.GotoAsync("/careers/framework/default/draft");
            var suggestion = page.Locator(".suggestion[data-section='impact.3']");
            await suggestion.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("approval was recorded");
        }

        await author.GotoAsync("/careers/framework/default/draft");
        await Assertions.Expect(mine).ToContainTextAsync("Approvals: 2 of 2");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Apply to the draft" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Status)).ToContainTextAsync("applied to the draft");

        var hr = await browser.SignedInPageAsync("hr@acme.example");
        await hr.GotoAsync("/careers/framework/default/draft");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await hr.GetByLabel("Minor: clarifications, same expectations").CheckAsync();
        await hr.GetByLabel("Release notes").FillAsync("Impact at step 3 asks for evidence.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Publish the new version" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Technology career steps" })).ToContainTextAsync("v1.2.0");
        await Assertions.Expect(hr.GetByRole(AriaRole.Table, new() { Name = "Characteristics by step" })).ToContainTextAsync("and you can show how");

        await hr.GotoAsync("/careers/framework/default/diff?from=1.1.0&to=1.2.0");
        var changed = hr.Locator(".diff-section[data-section='impact.3']");
        await Assertions.Expect(changed.Locator("ins")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(changed.Locator("del")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(changed).ToContainTextAsync("you can show how");
    }

    [Fact]
    public async Task MasteryAndPrintPages_ShowEveryDiscipline()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/careers/framework/default/mastery");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mastery by discipline" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Backend engineering" })).ToBeVisibleAsync();
        await page.GotoAsync("/careers/framework/default/print");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Growing people" })).ToBeVisibleAsync();
    }

    /// <summary>The demo editing group's accounts, in the order they were seeded.</summary>
    private async Task<List<string>> EditorEmailsAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var document = await db.GovernedDocuments.AsNoTracking().SingleAsync(d => d.Kind == FrameworkSections.Kind && d.Key == CareerFramework.DefaultKey);
        var emails = await db.Users.AsNoTracking().Where(u => u.PersonId != null && document.EditorPersonIds.Contains(u.PersonId.Value))
            .Select(u => new { u.PersonId, u.Email }).ToListAsync();
        return [.. document.EditorPersonIds.Select(p => emails.Single(e => e.PersonId == p).Email!)];
    }
}
