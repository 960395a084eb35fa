using System.Text;
using Stepwise.Cli.Analyze;
using Stepwise.Stats;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

public sealed class ExperimentCsvReaderTests
{
    [Fact]
    public void Read_AccumulatesEveryVariantAndMetric()
    {
        var csv = Read("\uFEFFvariant,unit_id,x_pre,x,flag\r\nA,1,1,2,0\r\nB,2,2,5,1\r\nA,3,3,4,1\r\n\r\nB,4,4,9,1\r\n");

        Assert.Equal(4, csv.Rows);
        Assert.Equal(["A", "B"], csv.Accumulator.Variants);
        Assert.Equal(["x", "flag"], csv.Layout.Metrics);
        Assert.Equal([true, false], csv.Layout.HasCovariate);
        var data = csv.Accumulator.ToData();
        Assert.Equal([2L, 2L], data.UnitCounts);
        Assert.Equal(CoMoments.FromValues([2.0, 4.0], [1.0, 3.0]), data.Metrics[0].ByVariant[0]);
        Assert.Equal(CoMoments.FromValues([5.0, 9.0], [2.0, 4.0]), data.Metrics[0].ByVariant[1]);
        Assert.False(data.Metrics[0].IsBinary);
        Assert.True(data.Metrics[1].IsBinary);
    }

    [Fact]
    public void Read_QuoteLeftOpenFor64Megabytes_IsReportedWhereItOpens()
    {
        var head = Encoding.UTF8.GetBytes("unit_id,variant,revenue\nu1,control,1\nu2,\"multi\nline\",2\nu3,treatment,\"3\n");
        var bytes = new byte[head.Length + (65 << 20)];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'x');

        var error = Assert.Throws<CsvInputException>(() => ExperimentCsvReader.Read(new MemoryStream(bytes)));

        Assert.Equal((5L, 3), (error.Line, error.Column));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TinyReads_GiveTheSameStatisticsAsOneRead()
    {
        var text = ExperimentData.Generate(23, 3_000, [("control", 1), ("treatment", 1)]);

        var whole = Read(text).Accumulator.ToData();
        var trickled = ExperimentCsvReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), 7)).Accumulator.ToData();

        Assert.Equal(whole.Variants, trickled.Variants);
        Assert.Equal(whole.UnitCounts, trickled.UnitCounts);
        for (int m = 0; m < whole.Metrics.Count; m++)
        {
            Assert.Equal(whole.Metrics[m].ByVariant, trickled.Metrics[m].ByVariant);
        }
    }

    [Fact]
    public void Read_WideHeaderAfterAByteOrderMark_KeepsEveryMetric()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"m{i}").ToList();
        var values = string.Join(",", names.Select((_, i) => i));
        var csv = Read($"\uFEFFunit_id,variant,{string.Join(",", names)}\nu1,control,{values}\nu2,treatment,{values}\n");

        Assert.Equal(names, csv.Layout.Metrics);
        Assert.Equal(199.0, csv.Accumulator.ToData().Metrics[199].ByVariant[1].MeanY);
    }

    [Fact]
    public void Read_RecordLongerThanTheBuffer_GrowsIt()
    {
        var longId = new string('x', 3 << 20);
        var csv = Read($"unit_id,variant,y\n\"{longId}\",control,1\nu2,treatment,2\nu3,control,3\n");

        Assert.Equal(3, csv.Rows);
    }

    [Fact]
    public void Read_ReportsProgressUpToTheFileSize()
    {
        var bytes = Encoding.UTF8.GetBytes(ExperimentData.Generate(2, 40_000, [("control", 1), ("treatment", 1)]));
        var reports = new List<long>();

        ExperimentCsvReader.Read(new MemoryStream(bytes), reports.Add);

        Assert.True(reports.Count > 1);
        Assert.Equal(bytes.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    private static ExperimentCsv Read(string text) => ExperimentCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>Returns at most a few bytes per read, so every record crosses read boundaries.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
