using FsCheck.Xunit;
using Stepwise.Careers.Reports;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class TenureTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2022-03-01", "2024-12-31", 33)]
    [InlineData("2024-01-15", "2024-12-31", 11)]
    [InlineData("2024-01-31", "2024-02-29", 0)]
    [InlineData("2024-01-31", "2024-03-31", 2)]
    [InlineData("2024-05-15", "2024-05-15", 0)]
    public void Months_CountsCompletedMonths(string since, string date, int expected) =>
        Assert.Equal(expected, Tenure.Months(D(since), D(date)));

    [Fact]
    public void Median_IsWeightedByCount_AndAveragesTheMiddlePair()
    {
        Assert.Null(Tenure.MedianMonths([]));
        Assert.Equal(14.8, Tenure.MedianMonths([(351, 1), (549, 1)]));
        // 1, 1, 1, 100: the middle pair is 1 and 1.
        Assert.Equal(Math.Round(1 / Tenure.DaysPerMonth, 1), Tenure.MedianMonths([(100, 1), (1, 3)]));
        Assert.Equal(Math.Round(100 / Tenure.DaysPerMonth, 1), Tenure.MedianMonths([(100, 3), (1, 2)]));
    }

    [Property]
    public bool Months_GrowWithTheLaterDate(DateTime since, ushort days)
    {
        var start = DateOnly.FromDateTime(since.Date);
        if (start.DayNumber + days + 40 > DateOnly.MaxValue.DayNumber) return true;
        var date = start.AddDays(days);
        return Tenure.Months(start, date) <= Tenure.Months(start, date.AddDays(40)) && Tenure.Months(start, date) <= days / 28 + 1;
    }

    [Fact]
    public void Buckets_CoverEveryMonthOnce()
    {
        for (var m = 0; m < 200; m++)
            Assert.Single(Tenure.Buckets, b => m >= b.Min && (b.Max is null || m < b.Max));
    }
}
