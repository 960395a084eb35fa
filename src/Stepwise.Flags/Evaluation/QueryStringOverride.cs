namespace Stepwise.Flags.Evaluation;

/// <summary>GrowthBook's URL override: <c>?experimentKey=2</c> forces variation 2 (for QA links).</summary>
public static class QueryStringOverride
{
    /// <summary>The forced variation for <paramref name="experimentKey"/> in <paramref name="url"/>, if valid.</summary>
    public static int? Get(string experimentKey, string? url, int numVariations)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }
        var query = url.AsSpan();
        var question = query.IndexOf('?');
        if (question < 0)
        {
            return null;
        }
        query = query[(question + 1)..];
        // Like JavaScript's url.split("?")[1]: the query ends at the next '?', and the fragment is dropped.
        var end = query.IndexOfAny('?', '#');
        if (end >= 0)
        {
            query = query[..end];
        }
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (!name.SequenceEqual(experimentKey))
            {
                continue;
            }
            // First match decides, parsed like JavaScript's parseInt (leading digits).
            var variation = equals < 0 ? null : ParseLeadingInteger(pair[(equals + 1)..]);
            return variation is { } v && v >= 0 && v < numVariations ? v : null;
        }
        return null;
    }

    private static int? ParseLeadingInteger(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            text = text[1..];
        }
        var digits = 0;
        long value = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]) && value < int.MaxValue)
        {
            value = (value * 10) + (text[digits] - '0');
            digits++;
        }
        if (digits == 0)
        {
            return null;
        }
        return (int)Math.Clamp(negative ? -value : value, int.MinValue, int.MaxValue);
    }
}
