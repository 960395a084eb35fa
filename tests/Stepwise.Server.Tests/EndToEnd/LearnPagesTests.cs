using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// A team runs a retrospective in the browser from start to close, against the demo server: anonymous notes, a vote,
/// grouping, a lesson and an action, closing; then the lesson is found in search and in the company feed, and the open
/// action greets the team when its next retrospective opens. The Lyrics squad is used because the demo gives it no retrospectives.
/// </summary>
public sealed partial class LearnPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TeamRunsARetrospective_LessonsReachSearchAndFeed_AndOpenActionsComeBack()
    {
        var word = "karaoke" + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Learn", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retrospectives", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a retrospective" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync($"Lyrics sync {word}");
        await page.GetByLabel("Owning team").SelectOptionAsync(new SelectOptionValue { Label = "Lyrics (squad)" });
        await page.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "failed" });
        await page.GetByLabel("Tags (comma separated)").FillAsync("lyrics, sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the retrospective" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Lyrics sync {word}" })).ToBeVisibleAsync();
        var retroUrl = page.Url;

        await AddNoteAsync(page, "went wrong", "Release notes came after the release");
        await AddNoteAsync(page, "went well", "Design review caught the contrast bug");
        var wrong = page.GetByRole(AriaRole.List, new() { Name = "went wrong" });
        await Assertions.Expect(wrong).ToContainTextAsync("Release notes came after the release");
        // Anonymous: nothing on the note says who wrote it.
        await Assertions.Expect(wrong).Not.ToContainTextAsync("admin@acme.example");

        await page.GetByRole(AriaRole.Button, new() { Name = "Vote for: Release notes came after the release" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your vote was counted");
        await Assertions.Expect(wrong.GetByLabel("1 votes")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Vote for: Release notes came after the release" })).ToHaveCountAsync(0);

        await page.GetByLabel("Note", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Release notes came after the release" });
        await page.GetByLabel("Group", new() { Exact = true }).FillAsync("Communication");
        await page.GetByRole(AriaRole.Button, new() { Name = "Group", Exact = true }).ClickAsync();
        await Assertions.Expect(wrong).ToContainTextAsync("Communication");

        await page.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Label = "perception of customers" });
        await page.GetByLabel("Lesson", new() { Exact = true }).FillAsync($"Listeners sing along offline more than we assumed {word}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the lesson" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Lessons" })).ToContainTextAsync("perception of customers");

        await page.GetByLabel("Action", new() { Exact = true }).FillAsync($"Write release notes before shipping {word}");
        await page.GetByLabel("Owner").FillAsync("Lyrics product owner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#retro-actions")).ToContainTextAsync($"Write release notes before shipping {word}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Close…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the retrospective" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The retrospective is closed");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add the note" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/learn/search?q={word}");
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Assertions.Expect(results).ToContainTextAsync("Listeners sing along offline more than we assumed");
        await page.GotoAsync("/learn/search?about=" + Uri.EscapeDataString($"A new offline lyrics feature for listeners who sing along {word}"));
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Related lessons" })).ToContainTextAsync("sing along offline");

        await page.GotoAsync("/learn/feed");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Company feed" })).ToContainTextAsync($"more than we assumed {word}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my feed address" }).ClickAsync();
        var feedUrl = await page.Locator("code.feed-url").InnerTextAsync();
        var atom = await (await page.APIRequest.GetAsync(feedUrl)).TextAsync();
        Assert.Contains($"more than we assumed {word}", atom, StringComparison.Ordinal);
        Assert.Contains("http://www.w3.org/2005/Atom", atom, StringComparison.Ordinal);

        await page.GotoAsync("/learn/new");
        await page.GetByLabel("Title").FillAsync($"Lyrics next {word}");
        await page.GetByLabel("Owning team").SelectOptionAsync(new SelectOptionValue { Label = "Lyrics (squad)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the retrospective" }).ClickAsync();
        var carried = page.GetByRole(AriaRole.Region, new() { Name = "Still open from earlier retrospectives" });
        await Assertions.Expect(carried).ToContainTextAsync($"Write release notes before shipping {word}");
        await carried.GetByRole(AriaRole.Button, new() { Name = $"Mark done: Write release notes before shipping {word}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Still open from earlier retrospectives" })).ToHaveCountAsync(0);
        Assert.Matches(RetroUrl(), retroUrl);
    }

    private static async Task AddNoteAsync(IPage page, string kind, string text)
    {
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Your note").FillAsync(text);
        await Assertions.Expect(page.GetByLabel("Anonymous (your name is not stored)")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your note was added");
    }

    [GeneratedRegex("/learn/retrospectives/[0-9a-f-]{36}$")]
    private static partial Regex RetroUrl();
}
