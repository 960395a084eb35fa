using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Stepwise.Data;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

public sealed class CareerReportsPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Reports_ShowTheDistributionAgainstTheTarget_PromotionsAndCsv_AndThePersonPageShowsSteps()
    {
        var page = await browser.SignedInPageAsync("hr@acme.example");
        await page.GotoAsync("/careers/reports?by=tribe");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Step reports" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("overall-deviation")).ToContainTextAsync("points");
        Assert.True(await page.Locator("svg[role=img] line[data-target]").CountAsync() >= 4, "the target is drawn on the histogram");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Distribution by tribe" });
        await Assertions.Expect(table).ToBeVisibleAsync();
        Assert.True(await table.Locator("tbody tr").CountAsync() >= 2);

        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href");
        var csv = await (await page.Context.APIRequest.GetAsync(href!)).TextAsync();
        Assert.StartsWith("group,people,step", csv, StringComparison.Ordinal);
        var firstTribe = (await table.Locator("tbody tr th").First.TextContentAsync())!.Trim();
        Assert.Contains($"\n{firstTribe},", csv, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Promotions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Promotions per period and tribe" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("rect[data-count]:not([data-count='0'])").CountAsync() >= 2, "promotions in several periods");
        await page.GetByRole(AriaRole.Link, new() { Name = "Time in step" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Time in step" })).ToContainTextAsync("Individual");

        Guid promoted;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            promoted = await db.StepRecords.Where(r => r.PreviousLevel != null && r.Level > r.PreviousLevel).Select(r => r.PersonId).FirstAsync(TestContext.Current.CancellationToken);
        }
        await page.GotoAsync($"/org/people/{promoted}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Career steps" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Step history, newest first" })).ToContainTextAsync("promotion from");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Steps page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Simulation_HrOpens_AManagerEstimates_AndTheHistogramUpdates()
    {
        var hr = await browser.SignedInPageAsync("hr@acme.example");
        await hr.GotoAsync("/careers/simulations");
        await Assertions.Expect(hr.GetByRole(AriaRole.Table, new() { Name = "Simulations" })).ToBeVisibleAsync(); // the demo's open simulation
        await hr.GetByLabel("Name").FillAsync("Autumn what-if");
        await hr.GetByLabel("Population").SelectOptionAsync(new SelectOptionValue { Label = "The whole organization" });
        await hr.GetByRole(AriaRole.Button, new() { Name = "Open simulation" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Heading, new() { Name = "Autumn what-if" })).ToBeVisibleAsync();
        var url = hr.Url;
        var missingBefore = int.Parse((await hr.GetByTestId("missing").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(hr.GetByText("Too few estimates to show yet.")).ToBeVisibleAsync();

        string managerEmail;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            var managers = db.ReportingLines.Where(l => l.To == null).Select(l => (Guid?)l.ManagerId);
            managerEmail = await db.Users.Where(u => u.PersonId != null && managers.Contains(u.PersonId)).OrderBy(u => u.Email).Select(u => u.Email!).FirstAsync(TestContext.Current.CancellationToken);
        }
        var manager = await browser.SignedInPageAsync(managerEmail);
        await manager.GotoAsync(url);
        var mine = manager.GetByRole(AriaRole.Table, new() { Name = "Estimates for your direct reports" });
        await Assertions.Expect(mine).ToBeVisibleAsync();
        await mine.GetByRole(AriaRole.Combobox).First.SelectOptionAsync(new SelectOptionValue { Value = "3" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Save estimates" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Assertions.Expect(manager.GetByTestId("missing")).ToHaveTextAsync((missingBefore - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await hr.ReloadAsync();
        await Assertions.Expect(hr.GetByTestId("missing")).ToHaveTextAsync((missingBefore - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var estimates = hr.GetByRole(AriaRole.Table, new() { Name = "Estimates against the target and today's steps" });
        await Assertions.Expect(estimates.Locator("tr[data-level='3'] td[data-estimates]")).ToHaveTextAsync("1");
        await Assertions.Expect(hr.Locator("svg rect[data-level='3']")).ToHaveAttributeAsync("data-share", "100.0");
    }
}
