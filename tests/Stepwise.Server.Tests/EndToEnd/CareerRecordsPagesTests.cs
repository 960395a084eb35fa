using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

public sealed class CareerRecordsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DataQuality_LeaverStillHoldingAStep_FixLinkClosesIt_AndTheFindingGoes()
    {
        var page = await browser.SignedInPageAsync("hr@acme.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Grow", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Step data quality" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step data quality", Exact = true })).ToBeVisibleAsync();
        foreach (var title in new[] { "People never assigned a step", "New hires past the onboarding window", "Changed since their last step decision" })
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = title })).ToBeVisibleAsync();

        var leavers = page.GetByRole(AriaRole.Table, new() { Name = "Steps held by people who left" });
        var fix = leavers.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Close the step for ") }).First;
        var name = (await fix.GetAttributeAsync("aria-label"))!["Close the step for ".Length..];
        await fix.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Steps of {name}" })).ToBeVisibleAsync();
        await page.GetByLabel($"Yes, close {name}'s step").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close step" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");

        await page.GotoAsync("/careers/steps/data-quality");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step data quality", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Steps held by people who left" })).Not.ToContainTextAsync(name);
    }

    [Fact]
    public async Task Compensation_ShowsBandChartsWithOverlap_ForHr()
    {
        var page = await browser.SignedInPageAsync("hr@acme.example");
        await page.GotoAsync("/careers/compensation");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bands", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(2, await page.Locator("svg[role=img]").CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "People outside their band" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Survey_AnswerTheOpenFollowUp_ThenSeeResultsWithSmallGroupsHidden()
    {
        var admin = await browser.SignedInPageAsync();
        var users = await admin.Context.APIRequest.GetAsync("/api/users?pageSize=200");
        var list = System.Text.Json.JsonDocument.Parse(await users.TextAsync()).RootElement;
        var items = list.ValueKind == System.Text.Json.JsonValueKind.Array ? list : list.GetProperty("items");
        var email = items.EnumerateArray().First(u => u.GetProperty("personId").ValueKind == System.Text.Json.JsonValueKind.String).GetProperty("email").GetString()!;

        var page = await browser.SignedInPageAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = "Grow", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Growth pulse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Answer the follow-up 1" })).ToBeVisibleAsync();
        var items2 = page.GetByRole(AriaRole.Group);
        for (var i = 0; i < await items2.CountAsync(); i++)
            await items2.Nth(i).GetByLabel("Agree", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answers" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("stored without your name");
        await Assertions.Expect(page.GetByText("You have answered the current round.")).ToBeVisibleAsync();
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Survey results" });
        await Assertions.Expect(results).ToContainTextAsync("Everyone");
        await Assertions.Expect(results).ToContainTextAsync("Management makes its expectations clear");
        await Assertions.Expect(results).ToContainTextAsync("hidden");
        await Assertions.Expect(results).ToContainTextAsync(" pp");
    }
}
