using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Governance;
using Xunit;

namespace Stepwise.Tests.Governance;

public sealed class TextDiffTests
{
    [Fact]
    public void WordDiff_MarksOnlyTheChangedWords()
    {
        var diff = TextDiff.Compute("You ship small changes.", "You ship small, safe changes.", DiffGranularity.Word);
        Assert.Equal("You ship ", diff[0].Text);
        Assert.Contains(diff, s => s.Operation == DiffOperation.Inserted && s.Text.Contains("safe", StringComparison.Ordinal));
        Assert.Contains(diff, s => s.Operation == DiffOperation.Deleted && s.Text == "small ");
    }

    [Fact]
    public void LineDiff_KeepsUnchangedLinesWhole()
    {
        var diff = TextDiff.Compute("one\ntwo\nthree", "one\n2\nthree", DiffGranularity.Line);
        Assert.Equal([DiffOperation.Equal, DiffOperation.Inserted, DiffOperation.Deleted, DiffOperation.Equal], diff.Select(d => d.Operation));
        Assert.Equal("one\n", diff[0].Text);
    }

    /// <summary>Equal and deleted segments rebuild the old text; equal and inserted ones the new text.</summary>
    [Property(MaxTest = 300)]
    public Property Diff_RebuildsBothTexts(NonNull<string> before, NonNull<string> after, bool byLine)
    {
        var granularity = byLine ? DiffGranularity.Line : DiffGranularity.Word;
        var diff = TextDiff.Compute(before.Get, after.Get, granularity);
        var old = string.Concat(diff.Where(s => s.Operation != DiffOperation.Inserted).Select(s => s.Text));
        var @new = string.Concat(diff.Where(s => s.Operation != DiffOperation.Deleted).Select(s => s.Text));
        return (old == before.Get && @new == after.Get).ToProperty();
    }
}
