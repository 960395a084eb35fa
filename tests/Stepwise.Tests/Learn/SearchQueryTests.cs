using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Learn.Search;
using Xunit;

namespace Stepwise.Tests.Learn;

public sealed partial class SearchQueryTests
{
    [Fact]
    public void Words_KeepOnlyLettersAndDigits_Lowercased()
    {
        Assert.Equal(["release", "notes", "v2", "or"], SearchQuery.Words("Release \"notes\" (v2) -- OR *"));
        Assert.Empty(SearchQuery.Words("  ()\"* :  "));
        Assert.Equal("\"release\" \"not\"*", SearchQuery.Fts5All(["release", "not"]));
        Assert.Equal("release & not:*", SearchQuery.TsAll(["release", "not"]));
        Assert.Equal("\"a\" OR \"b\"", SearchQuery.Fts5Any(["a", "b"]));
    }

    [Fact]
    public void Keywords_DropStopWordsAndShortWords_AndPreferRepeatedOnes()
    {
        var keywords = SearchQuery.Keywords("We will build the new offline lyrics player; offline mode is what the lyrics team wants");
        Assert.Equal(["offline", "lyrics"], keywords.Take(2));
        Assert.DoesNotContain("the", keywords);
        Assert.DoesNotContain("will", keywords);
        Assert.True(keywords.Count <= 8);
    }

    /// <summary>Whatever is typed, the engines only ever get quoted words (FTS5) or bare lexemes joined by operators (tsquery).</summary>
    [Property(MaxTest = 500)]
    public Property Queries_AreAlwaysWellFormed(NonNull<string> typed)
    {
        var words = SearchQuery.Words(typed.Get);
        var fts = SearchQuery.Fts5All(words);
        var ts = SearchQuery.TsAny(words);
        return (words.Count == 0 ? fts.Length == 0 : Fts5Shape().IsMatch(fts))
            .And(words.Count == 0 || TsShape().IsMatch(ts))
            .And(words.Count <= 12);
    }

    [GeneratedRegex(@"^""[\p{L}\p{N}]+""\*?( ""[\p{L}\p{N}]+""\*?)*$")]
    private static partial Regex Fts5Shape();

    [GeneratedRegex(@"^[\p{L}\p{N}]+( \| [\p{L}\p{N}]+)*$")]
    private static partial Regex TsShape();
}
