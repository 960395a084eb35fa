using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Stepwise.Cli.Tests;

public sealed class StrictUtf8Tests
{
    [Fact]
    public void TryDecode_Bom_IsDropped()
    {
        Assert.True(StrictUtf8.TryDecode([0xEF, 0xBB, 0xBF, (byte)'a'], out var text, out _));
        Assert.Equal("a", text);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xFF }, 1, 2, 1)]
    [InlineData(new byte[] { (byte)'a', (byte)'\n', (byte)'b', (byte)'c', 0xC3 }, 2, 3, 4)] // truncated sequence at the end
    [InlineData(new byte[] { 0xC3, 0xA9, (byte)'x', 0xC0, 0x80 }, 1, 3, 3)] // é counts as one column; overlong NUL
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xED, 0xA0, 0x80 }, 1, 1, 3)] // after the BOM; encoded surrogate
    public void TryDecode_InvalidBytes_ReportsLineColumnAndOffset(byte[] bytes, int line, int column, long offset)
    {
        Assert.False(StrictUtf8.TryDecode(bytes, out _, out var invalid));
        Assert.Equal(line, invalid.Line);
        Assert.Equal(column, invalid.Column);
        Assert.Equal(offset, invalid.ByteOffset);
    }

    [Fact]
    public void TryDecode_ValidText_RoundTrips() =>
        Check.QuickThrowOnFailure(Prop.ForAll(
            Gen.ListOf(Gen.Elements("a", "é", "€", "𝄞", "\n", ",", "\"", " ")).Select(parts => string.Concat(parts)).ToArbitrary(),
            (string text) => StrictUtf8.TryDecode(Encoding.UTF8.GetBytes(text), out var decoded, out _) && decoded == text));

    [Fact]
    public void TryDecode_InvalidByteAfterLines_ReportsItsLine() =>
        Check.QuickThrowOnFailure(Prop.ForAll(
            Gen.Choose(0, 20).ToArbitrary(),
            Gen.Choose(0, 20).ToArbitrary(),
            (int lines, int columns) =>
            {
                var prefix = string.Concat(Enumerable.Repeat("x,y\n", lines)) + new string('é', columns);
                var bytes = Encoding.UTF8.GetBytes(prefix).Append((byte)0xFE).ToArray();
                return !StrictUtf8.TryDecode(bytes, out _, out var invalid)
                    && invalid.Line == lines + 1
                    && invalid.Column == columns + 1;
            }));
}
