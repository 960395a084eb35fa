using Xunit;
using System.Text;
using Stepwise.Organization.Csv;

namespace Stepwise.Tests.Organization;

public sealed class CsvTableTests
{
    [Fact]
    public void Read_UnknownAndMissingColumns_AreReportedOnTheHeader()
    {
        var errors = new List<CsvError>();
        CsvTable.Read("people.csv", "email,nmae\na@b.c,Ann\n", ["email", "name"], [], errors);
        Assert.Contains(errors, e => e is { Line: 1, Column: 2 } && e.Message.Contains("Unknown column 'nmae'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("Missing required column 'name'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_HeaderAfterBlankLines_IsReportedOnItsOwnLine()
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", "\n\nkey,colour\nx,red\n", ["key"], [], errors);
        Assert.Equal((3, 2, "colour"), (Assert.Single(errors).Line, errors[0].Column, errors[0].Field));
        Assert.Equal(4, Assert.Single(table.Rows).Line);
    }

    [Fact]
    public void Read_RowWithTooManyFields_NamesItsLine()
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", "key,name\nx,X\ny,Y,extra\n", ["key", "name"], [], errors);
        Assert.Single(table.Rows);
        Assert.Equal(3, Assert.Single(errors).Line);
    }

    [Fact]
    public void Read_QuotedNewline_KeepsPhysicalLineNumbers()
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", "key,name\nx,\"two\nlines\"\ny,Y\n", ["key", "name"], [], errors);
        Assert.Empty(errors);
        Assert.Equal([2, 4], table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_BlankLinesAndQuotedNewlines_KeepEveryRowOnItsOwnLine()
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", "\uFEFFkey,name\r\n\r\nx,\"two\r\nlines\"\r\n\n\ny,Y\nz,Z", ["key", "name"], [], errors);
        Assert.Empty(errors);
        Assert.Equal([3, 7, 8], table.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("key,name\nx,X\ny,\"Y\nz,Z\nw,W\n", 3, 2, "name")]
    [InlineData("key,name\nx,X\ny,\"Y", 3, 2, "name")]
    [InlineData("key,name\n\nx,\"X\nx\"\n\"y,\"\"Y\"\",Z\n", 5, 1, "key")]
    [InlineData("key,name\nx,\"two\nlines\",\"open\nz,Z\n", 3, 3, null)]
    public void Read_UnclosedQuote_IsReportedWhereItOpens(string text, int line, int column, string? field)
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", text, ["key", "name"], [], errors);
        var error = Assert.Single(errors);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal(field, error.Field);
        Assert.DoesNotContain(table.Rows, r => r.Line >= line);
    }

    [Fact]
    public void Read_UnclosedQuoteInTheHeader_IsTheOnlyError()
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", "key,\"name\nx,X\n", ["key", "name"], [], errors);
        var error = Assert.Single(errors);
        Assert.Equal((1, 2, null), (error.Line, error.Column, error.Field));
        Assert.Empty(table.Rows);
    }

    [Theory]
    [InlineData("key,name\nx,X\ny,Y\"a\nz,Z\n", "inside an unquoted field")]
    [InlineData("key,name\nx,X\ny,\"Y\"a\nz,Z\n", "follows the closing")]
    public void Read_StrayQuote_IsReportedAtItsCell_AndTheRowIsStillRead(string text, string message)
    {
        var errors = new List<CsvError>();
        var table = CsvTable.Read("units.csv", text, ["key", "name"], [], errors);
        var error = Assert.Single(errors);
        Assert.Equal((3, 2, "name"), (error.Line, error.Column, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal([2, 3, 4], table.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("a,b,c\n", null, 0)]
    [InlineData("a,\"b,\"\"c\"\"\"\r\n", null, 0)]
    [InlineData("a,\"b\nc\",\"d\ne", 1, 3)]
    [InlineData("\"\"\"", 0, 1)]
    [InlineData("a,b\"", 0, 2)]
    public void Find_LocatesTheQuoteThatGoesWrong(string raw, int? lineOffset, int field)
    {
        var problem = CsvQuoting.Find(raw);
        Assert.Equal(lineOffset, problem?.LineOffset);
        if (problem is not null) Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void TryDecode_InvalidUtf8_ReportsLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("email,name\nann@x.io,Ann\nbob@x.io,B").Concat(new byte[] { 0xE9, 0x0A }).ToArray();
        Assert.False(Utf8Text.TryDecode(bytes, out _, out var at));
        Assert.Equal((3, 11), at);
    }
}
