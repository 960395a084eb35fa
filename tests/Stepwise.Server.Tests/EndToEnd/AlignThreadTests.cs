using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>
/// The demo thread a newcomer follows, walked by clicking links only, as an ordinary employee: the company priority, the
/// work serving it, the tribe's WIG, the DUHB behind it, the feature its bet became, that feature's experiment and its
/// result, the lesson the team wrote down, and the RFC the lesson prompted.
/// </summary>
public sealed partial class AlignThreadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Lesson = "Pairing design and data science from day one kept the tour short.";

    [Fact]
    public async Task ANewcomer_FollowsOnePriority_AllTheWayToTheRfcItsLessonPrompted()
    {
        var page = await browser.SignedInPageAsync("jun.neumann@acme.example");

        // The company's priorities: "Grow paying listeners" is second since reliability moved above it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Align", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Acme Music", Exact = true }).ClickAsync();
        var stack = page.GetByRole(AriaRole.List, new() { Name = "Acme Music priorities in rank order" });
        await Assertions.Expect(stack.GetByRole(AriaRole.Listitem).Nth(1)).ToContainTextAsync("Grow paying listeners");
        await page.GetByRole(AriaRole.Link, new() { Name = "What serves Grow paying listeners" }).ClickAsync();

        // What serves it: the WIGs, the DUHB and the feature, under the priority's rank.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2. Grow paying listeners" })).ToBeVisibleAsync();
        var work = page.GetByRole(AriaRole.List, new() { Name = "Work serving Grow paying listeners" });
        await Assertions.Expect(work).ToContainTextAsync("Guided onboarding tour");
        await work.GetByRole(AriaRole.Link, new() { Name = "Keep new listeners" }).ClickAsync();

        // The tribe's WIG: from where to where by when, and the DUHB that reads its data.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keep new listeners", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("From 38% to 45% by")).ToBeVisibleAsync();
        await PageShots.SaveAsync(page, "thread-wig");
        await page.GetByRole(AriaRole.List, new() { Name = "DUHBs behind this goal" })
            .GetByRole(AriaRole.Link, new() { Name = "New listeners get lost in their first session" }).ClickAsync();

        // The DUHB: its bet became the guided onboarding tour, now maintained.
        var fate = page.GetByLabel("What became of this bet");
        await Assertions.Expect(fate).ToContainTextAsync("Became Guided onboarding tour");
        await Assertions.Expect(fate).ToContainTextAsync("now in Maintain it");
        await Assertions.Expect(fate).ToContainTextAsync(Lesson);
        await PageShots.SaveAsync(page, "thread-duhb");
        await fate.GetByRole(AriaRole.Link, new() { Name = "Guided onboarding tour" }).ClickAsync();

        // The feature, and the experiment on its flags.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guided onboarding tour", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Experiments of this feature" })
            .GetByRole(AriaRole.Link, new() { Name = "Two-step onboarding tour" }).ClickAsync();

        // Its result: the two-step tour keeps more new listeners to day seven; the guardrail holds.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analysis of two-step-tour-test" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("two-step: ship it");
        var retention = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Seven-day retention" });
        await Assertions.Expect(retention).ToContainTextAsync(RelativeGain());
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Listening time per unit" })).ToContainTextAsync("NonInferior");
        await PageShots.SaveAsync(page, "thread-experiment");
        await page.Locator("#analysis-feature").GetByRole(AriaRole.Link, new() { Name = "Guided onboarding tour" }).ClickAsync();

        // Back on the feature: what was learned, from the retrospective about its rollout.
        var lessons = page.GetByRole(AriaRole.List, new() { Name = "Lessons from this feature" });
        await Assertions.Expect(lessons).ToContainTextAsync("New listeners value finding their first playlist more than learning every feature.");
        await lessons.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Lesson }).GetByRole(AriaRole.Link).ClickAsync();

        // The retrospective: the lesson, and the RFC it prompted.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Onboarding tour rollout" })).ToBeVisibleAsync();
        var lesson = page.GetByRole(AriaRole.List, new() { Name = "Lessons", Exact = true }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = Lesson });
        await Assertions.Expect(lesson).ToContainTextAsync("RFC-0001");
        await PageShots.SaveAsync(page, "thread-retrospective");
        await lesson.GetByRole(AriaRole.Link, new() { Name = "RFC-0001: A data scientist in every bet from Think it" }).ClickAsync();

        // The RFC: its title, its state, and the way back to the lesson.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "RFC-0001: A data scientist in every bet from Think it" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rfc-state")).ToHaveTextAsync("In discussion");
        await Assertions.Expect(page.Locator("#rfc-lesson")).ToContainTextAsync(Lesson);
        await Assertions.Expect(page.Locator("#rfc-lesson").GetByRole(AriaRole.Link, new() { Name = "Onboarding tour rollout" })).ToBeVisibleAsync();
        await PageShots.SaveAsync(page, "thread-rfc");
    }

    /// <summary>A positive relative effect such as "+10.43%" (the exact figure moves a little with the time the demo was seeded).</summary>
    [GeneratedRegex(@"\+\d+(\.\d+)?% \(\+")]
    private static partial Regex RelativeGain();
}
