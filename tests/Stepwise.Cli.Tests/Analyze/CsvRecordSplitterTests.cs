using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Cli.Analyze;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

public sealed class CsvRecordSplitterTests
{
    [Theory]
    [InlineData("a,b,c\n", new[] { "a", "b", "c" }, 6, 1)]
    [InlineData("a,b,c\r\nnext", new[] { "a", "b", "c" }, 7, 1)]
    [InlineData("a,,c,\n", new[] { "a", "", "c", "" }, 6, 1)]
    [InlineData("\"a,1\",\"say \"\"hi\"\"\",\"\"\n", new[] { "a,1", "say \"hi\"", "" }, 22, 1)]
    [InlineData("x,\"two\nlines\"\r\n", new[] { "x", "two\nlines" }, 15, 2)]
    [InlineData("x,\"q\"\ny", new[] { "x", "q" }, 6, 1)]
    public void Split_CompleteRecord(string text, string[] expected, int consumed, int lineBreaks)
    {
        var (fields, used, lines) = SplitOne(text, endOfInput: false);

        Assert.Equal(expected, fields);
        Assert.Equal(consumed, used);
        Assert.Equal(lineBreaks, lines);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("a,\"b\nc")]
    [InlineData("a,\"b\"")]
    [InlineData("a,\"b\"\r")]
    public void Split_IncompleteRecord_AsksForMoreData(string text)
    {
        var status = CsvRecordSplitter.Split(Encoding.UTF8.GetBytes(text), endOfInput: false, new CsvField[8], out _, out _, out _);

        Assert.Equal(SplitStatus.NeedMoreData, status);
    }

    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a,\"b\"", new[] { "a", "b" })]
    [InlineData("a,b\r", new[] { "a", "b" })]
    [InlineData("a,", new[] { "a", "" })]
    public void Split_LastRecordWithoutLineEnd(string text, string[] expected)
    {
        var (fields, used, lines) = SplitOne(text, endOfInput: true);

        Assert.Equal(expected, fields);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), used);
        Assert.Equal(0, lines);
    }

    [Theory]
    [InlineData("a,\"b\nc\",\"d\ne\nf", 1, 3)]
    [InlineData("\"a\"\"\n", 0, 1)]
    [InlineData("a,b,\"", 0, 3)]
    public void Split_UnclosedQuote_IsLocatedAtItsOpeningLineAndField(string text, int lineOffset, int field)
    {
        var error = Assert.Throws<CsvSyntaxException>(() =>
            CsvRecordSplitter.Split(Encoding.UTF8.GetBytes(text), endOfInput: true, new CsvField[8], out _, out _, out _));

        Assert.Equal((lineOffset, field), (error.LineOffset, error.FieldNumber));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_MoreFieldsThanRoom_CountsThemAll()
    {
        var fields = new CsvField[2];

        CsvRecordSplitter.Split("a,b,c,d\n"u8, false, fields, out int count, out _, out _);

        Assert.Equal(4, count);
    }

    /// <summary>Any fields, written the way a CSV writer quotes them, split back into the same fields.</summary>
    [Property(MaxTest = 300)]
    public bool Split_WrittenFields_RoundTrip(NonEmptyArray<string?> generated, bool crlf)
    {
        var original = generated.Get.Select(f => (f ?? "").Replace("\0", "", StringComparison.Ordinal)).ToArray();
        if (original.Length == 1 && original[0].Length == 0) return true;   // a blank line, skipped by the reader
        var line = string.Join(",", original.Select(Quote)) + (crlf ? "\r\n" : "\n") + "next,record\n";

        var (fields, used, _) = SplitOne(line, endOfInput: false);

        return fields.SequenceEqual(original) && line[..(line.Length - "next,record\n".Length)] == Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line), 0, used);
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 || field.StartsWith(' ') ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static (string[] Fields, int Consumed, int LineBreaks) SplitOne(string text, bool endOfInput)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var fields = new CsvField[64];
        var status = CsvRecordSplitter.Split(bytes, endOfInput, fields, out int count, out int consumed, out int lineBreaks);
        Assert.Equal(SplitStatus.Record, status);
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            var content = bytes.AsSpan(fields[i].Start, fields[i].Length);
            var buffer = new byte[content.Length];
            int length = fields[i].HasEscapedQuotes ? CsvRecordSplitter.Unescape(content, buffer) : content.Length;
            if (!fields[i].HasEscapedQuotes) content.CopyTo(buffer);
            result[i] = Encoding.UTF8.GetString(buffer, 0, length);
        }

        return (result, consumed, lineBreaks);
    }
}
