using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Stepwise.Cli.Analyze;
using Xunit;

namespace Stepwise.Cli.Tests.Analyze;

public sealed class Utf8NumberTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData("+3.25", 3.25)]
    [InlineData(".5", 0.5)]
    [InlineData("7.", 7.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("123456789012345", 123456789012345.0)]
    [InlineData("1234567890123456789", 1234567890123456789.0)]
    [InlineData("0.000000000000000000000000001", 1e-27)]
    [InlineData("1.5e3", 1500.0)]
    [InlineData("2E-2", 0.02)]
    [InlineData(" 4.5 ", 4.5)]
    [InlineData("00012.50", 12.5)]
    public void TryParse_Numbers(string text, double expected)
    {
        Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("12abc")]
    [InlineData("0x10")]
    public void TryParse_NotNumbers(string text)
    {
        Assert.False(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void TryParse_NonFinite_ParsesForTheCallerToReject(string text)
    {
        Assert.True(Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double value));
        Assert.False(double.IsFinite(value));
    }

    /// <summary>The fast path must give exactly the double the BCL parser gives, in every notation.</summary>
    [Property(MaxTest = 2000)]
    public bool TryParse_AgreesWithDoubleParse(NormalFloat number, byte decimals)
    {
        double x = number.Get;
        string[] texts =
        [
            x.ToString("R", CultureInfo.InvariantCulture),
            x.ToString("F" + (decimals % 12).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            (x / 1000).ToString("0.##########", CultureInfo.InvariantCulture),
            x.ToString("E6", CultureInfo.InvariantCulture),
        ];
        return texts.All(text => Utf8Number.TryParse(Encoding.UTF8.GetBytes(text), out double parsed)
            && parsed.Equals(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
    }
}
