using Stepwise.Api;
using Stepwise.Learn;
using Stepwise.Learn.Model;
using Stepwise.Learn.Retrospectives;
using Xunit;

namespace Stepwise.Tests.Learn;

public sealed class LearnValidationTests
{
    [Theory]
    [InlineData("customerPerception", LessonSource.CustomerPerception)]
    [InlineData("customer-perception", LessonSource.CustomerPerception)]
    [InlineData("YOURSELF", LessonSource.Yourself)]
    public void Parse_AcceptsNamesInAnyCase(string text, LessonSource expected) =>
        Assert.Equal(expected, new FieldErrors().Parse<LessonSource>("source", text));

    [Theory]
    [InlineData("astrology")]
    [InlineData("2")]
    [InlineData("")]
    public void Parse_RefusesUnknownValues_NamingTheAllowedOnes(string text)
    {
        var errors = new FieldErrors();
        Assert.Null(errors.Parse<LessonSource>("source", text));
        Assert.Contains("productUnderstanding", Assert.Single(errors.All).Value[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_AreLowercasedDeduplicatedAndChecked()
    {
        var errors = new FieldErrors();
        Assert.Equal(["launch", "mobile"], errors.Tags(["Launch", "mobile", "launch"]));
        Assert.False(errors.Any);
        errors.Tags(["no spaces"]);
        Assert.True(errors.Any);
    }

    [Fact]
    public void Markdown_EscapesTableCellsAndHtml()
    {
        var retro = new RetrospectiveDetails(Guid.NewGuid(), "A <b>title</b>", SubjectKind.Project, null, Guid.NewGuid(), "Squad", RetroOutcome.Failed,
            RetroStatus.Closed, false, new DateOnly(2026, 1, 2), ["x"], null, [], [], [],
            [new ActionView(Guid.NewGuid(), Guid.NewGuid(), "t", "Fix a | b\nthen c", "Me", null, ActionStatus.Open, default, null)], [], default, null, false);
        var markdown = RetroExport.Markdown(retro);
        Assert.Contains("# A &lt;b>title&lt;/b>", markdown, StringComparison.Ordinal);
        Assert.Contains("| Fix a \\| b<br>then c | Me |", markdown, StringComparison.Ordinal);
        var html = RetroExport.Html(retro);
        Assert.Contains("A &lt;b&gt;title&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }
}
