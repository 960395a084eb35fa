using System.Text.RegularExpressions;

namespace Stepwise.Governance;

public enum DiffGranularity { Word, Line }

public enum DiffOperation { Equal, Inserted, Deleted }

public sealed record DiffSegment(DiffOperation Operation, string Text);

/// <summary>
/// A longest-common-subsequence diff over words (with their following whitespace) or lines. Sections are short,
/// so the quadratic table is cheap; past <see cref="MaxTokens"/> tokens a section is shown as replaced whole.
/// Concatenating the Equal and Deleted segments gives the old text back, Equal and Inserted the new one.
/// </summary>
public static partial class TextDiff
{
    public const int MaxTokens = 4000;

    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[^\n]*\n|[^\n]+")]
    private static partial Regex LinePattern();

    public static IReadOnlyList<DiffSegment> Compute(string before, string after, DiffGranularity granularity)
    {
        var pattern = granularity == DiffGranularity.Word ? WordPattern() : LinePattern();
        var a = pattern.Matches(before).Select(m => m.Value).ToArray();
        var b = pattern.Matches(after).Select(m => m.Value).ToArray();
        if (a.Length > MaxTokens || b.Length > MaxTokens)
            return Merge([new(DiffOperation.Deleted, before), new(DiffOperation.Inserted, after)]);

        // lengths[i, j] = LCS length of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);

        var segments = new List<DiffSegment>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { segments.Add(new(DiffOperation.Equal, a[x])); x++; y++; }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y])) segments.Add(new(DiffOperation.Inserted, b[y++]));
            else segments.Add(new(DiffOperation.Deleted, a[x++]));
        }
        return Merge(segments);
    }

    private static List<DiffSegment> Merge(IEnumerable<DiffSegment> segments)
    {
        var merged = new List<DiffSegment>();
        foreach (var s in segments.Where(s => s.Text.Length > 0))
        {
            if (merged.Count > 0 && merged[^1].Operation == s.Operation) merged[^1] = s with { Text = merged[^1].Text + s.Text };
            else merged.Add(s);
        }
        return merged;
    }
}
