using System.Text.RegularExpressions;

namespace Stepwise.Learn.Search;

/// <summary>
/// Turns what someone typed into a full-text query that cannot be a syntax error: only words survive, and each provider
/// gets them in its own syntax (FTS5 quoted terms, PostgreSQL tsquery lexemes).
/// </summary>
public static partial class SearchQuery
{
    private static readonly HashSet<string> StopWords =
    [
        "the", "and", "for", "with", "that", "this", "from", "have", "was", "were", "are", "our", "not", "but", "into", "when", "what",
        "will", "would", "should", "could", "about", "they", "them", "their", "there", "then", "than", "which", "been", "also", "more",
        "new", "all", "any", "can", "its", "out", "how", "who", "why", "you", "your", "one", "use", "using", "make",
    ];

    public static IReadOnlyList<string> Words(string? text) =>
        [.. WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length <= 40).Distinct().Take(12)];

    /// <summary>The distinctive words of a longer text (a feature's description): no stop words or short words, at most six.</summary>
    public static IReadOnlyList<string> Keywords(string? text, int max = MaxKeywords) =>
        [.. WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length >= 4 && w.Length <= 40 && !StopWords.Contains(w))
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Length).Select(g => g.Key).Take(max)];

    public const int MaxKeywords = 6;

    /// <summary>All words must match; the last one may be the start of a word (search as you type).</summary>
    public static string Fts5All(IReadOnlyList<string> words) =>
        string.Join(" ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));

    public static string Fts5Any(IReadOnlyList<string> words) => string.Join(" OR ", words.Select(w => $"\"{w}\""));

    public static string TsAll(IReadOnlyList<string> words) =>
        string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*" : w));

    public static string TsAny(IReadOnlyList<string> words) => string.Join(" | ", words);

    /// <summary>Documents with at least two of the words: far fewer than "any of them" when some words are common.</summary>
    public static string Fts5AnyTwo(IReadOnlyList<string> words) =>
        words.Count < 2 ? Fts5Any(words) : string.Join(" OR ", Pairs(words).Select(p => $"(\"{p.A}\" \"{p.B}\")"));

    public static string TsAnyTwo(IReadOnlyList<string> words) =>
        words.Count < 2 ? TsAny(words) : string.Join(" | ", Pairs(words).Select(p => $"({p.A} & {p.B})"));

    private static IEnumerable<(string A, string B)> Pairs(IReadOnlyList<string> words) =>
        words.SelectMany((a, i) => words.Skip(i + 1).Select(b => (a, b)));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
