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
    public void TryDecode_InvalidUtf8_ReportsLineAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("email,name\nann@x.io,Ann\nbob@x.io,B").Concat(new byte[] { 0xE9, 0x0A }).ToArray();
        Assert.False(Utf8Text.TryDecode(bytes, out _, out var at));
        Assert.Equal((3, 11), at);
    }
}
