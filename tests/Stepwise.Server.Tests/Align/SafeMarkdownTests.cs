using Stepwise.Align.Rfcs;
using Stepwise.Server.Components.Align.Rfcs;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>RFC text is untrusted: no raw HTML and no script links reach the page; sections split at "##" with stable ids.</summary>
public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    public void HostileMarkdown_RendersHarmlessly(string markdown, string mustNotAppear) =>
        Assert.DoesNotContain(mustNotAppear, SafeMarkdown.Render(markdown).Value, StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void OrdinaryMarkdown_KeepsItsLinksAndStructure()
    {
        var html = SafeMarkdown.Render("## Why\n\nSee [the lesson](/learn/lessons) and [docs](https://example.org).\n\n- one\n- two").Value;
        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/learn/lessons\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>two</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_SplitAtSecondLevelHeadings_WithUniqueIds_AndJoinBack()
    {
        var sections = RfcMarkdown.Sections("Intro line.\n\n## Motivation\n\nWhy.\n\n## Motivation\n\nAgain.\n\n### Detail stays inside\n");
        Assert.Equal(["summary", "motivation", "motivation-2"], sections.Select(s => s.Id));
        Assert.Contains("### Detail stays inside", sections[2].Text, StringComparison.Ordinal);
        Assert.Equal(sections, RfcMarkdown.Sections(RfcMarkdown.Join(sections)));
    }
}
