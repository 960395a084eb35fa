using System.Text.RegularExpressions;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Search;

/// <summary>
/// Orders the candidates a full-text match found, the same way on both databases: a BM25-style score where a word is worth
/// more when it is rarer among the candidates, repeated, or in the title, and less in a long text. Scoring a bounded
/// candidate list here is what keeps a search fast when a common word matches a large part of the repository.
/// </summary>
public static partial class Relevance
{
    public static List<SearchDocument> Order(IReadOnlyList<SearchDocument> candidates, IReadOnlyList<string> words, bool lastIsPrefix)
    {
        if (candidates.Count == 0 || words.Count == 0) return [.. candidates];
        var stems = words.Select((w, i) => lastIsPrefix && i == words.Count - 1 ? w : Stem(w)).ToArray();
        var docs = candidates.Select(d => (Doc: d, Title: Tokens(d.Title), Body: Tokens(d.Body))).ToList();
        var averageLength = Math.Max(1, docs.Average(d => d.Title.Count + d.Body.Count));
        var frequencies = stems.Select(s => docs.Count(d => d.Title.Concat(d.Body).Any(t => t.StartsWith(s, StringComparison.Ordinal)))).ToArray();
        double Score((SearchDocument Doc, List<string> Title, List<string> Body) d)
        {
            var length = d.Title.Count + d.Body.Count;
            var score = 0.0;
            for (var i = 0; i < stems.Length; i++)
            {
                var f = 2 * d.Title.Count(t => t.StartsWith(stems[i], StringComparison.Ordinal)) + d.Body.Count(t => t.StartsWith(stems[i], StringComparison.Ordinal));
                if (f == 0) continue;
                var idf = Math.Log(1 + (double)docs.Count / (1 + frequencies[i]));
                score += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * length / averageLength));
            }
            return score;
        }
        return [.. docs.Select(d => (d.Doc, Score: Score(d))).OrderByDescending(x => x.Score).ThenByDescending(x => x.Doc.Id).Select(x => x.Doc)];
    }

    /// <summary>A crude stem (the databases stem properly; this only has to recognise their matches): drop a common ending.</summary>
    internal static string Stem(string word)
    {
        foreach (var ending in (string[])["ing", "ed", "es", "s", "ly"])
            if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal)) return word[..^ending.Length];
        return word;
    }

    private static List<string> Tokens(string text) => [.. WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant())];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
