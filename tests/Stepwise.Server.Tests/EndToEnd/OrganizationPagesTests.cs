using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

public sealed class OrganizationPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_BrowseOrgToAUnit_ThenOpenAPersonsHistory()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Organization", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organization" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Listener Experience", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Listener Experience" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Members on")).ToBeVisibleAsync();

        await page.GotoAsync("/org/people?search=jun.neumann");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jun Neumann" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Transitions, newest first" });
        await Assertions.Expect(timeline).ToContainTextAsync("Hired");
        await Assertions.Expect(timeline).ToContainTextAsync("Joined");
    }

    [Fact]
    public async Task UnitPage_AsOfAnEarlierDate_ShowsThatDatesMembers()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Platform", Exact = true }).ClickAsync();
        // The org browser has its own date form: wait for the unit page before using its form.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Platform Tribe" })).ToBeVisibleAsync();
        await page.GetByLabel("As of", new() { Exact = true }).FillAsync("2025-01-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Members on 15 January 2025")).ToBeVisibleAsync();
        Assert.Contains("asOf=2025-01-15", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvDryRun_WithErrors_ListsFileLineAndColumn_AndWritesNothing()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/org/import");
        // The file is handed to the browser from memory: nothing to clean up on disk.
        await page.Locator("#people").SetInputFilesAsync(new FilePayload
        {
            Name = "people.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("email,name,employment_start\nnot-an-email,Nobody,2024-02-30\n"),
        });
        await Assertions.Expect(page.GetByLabel("Dry run: check the files without writing anything")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing was imported");
        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Errors" });
        await Assertions.Expect(errors).ToContainTextAsync("people.csv:2:1");
        await Assertions.Expect(errors).ToContainTextAsync("people.csv:2:3");
    }

    [Fact]
    public async Task WrongPassword_StaysOnSignInWithAnError()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("admin@acme.example");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
    }
}
