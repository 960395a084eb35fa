using System.Globalization;

namespace Stepwise.Cli.Analyze;

/// <summary>Parses decimal numbers straight from UTF-8 bytes, without creating strings.</summary>
internal static class Utf8Number
{
    // 10^0 … 10^22 are exact doubles; beyond that the division below would round twice.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses an invariant-culture number (sign, digits, decimal point, exponent; surrounding spaces
    /// allowed). Returns false when the text is not a number. NaN and infinities parse and are left for
    /// the caller to reject, so it can say why.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value) =>
        TryParsePlainDecimal(text, out value)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// The common case, "-123.4567" with at most 15 significant digits and 22 decimals: the digits form
    /// an integer below 2^53 and 10^decimals is exact, so one IEEE division gives the correctly rounded
    /// result (Clinger's fast path) — the same double the general parser returns, several times faster.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        int significantDigits = 0, decimals = 0, digits = 0;
        bool afterPoint = false;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                digits++;
                if (mantissa != 0 || digit != 0)
                {
                    if (++significantDigits > 15) return false;
                    mantissa = mantissa * 10 + digit;
                }

                if (afterPoint) decimals++;
            }
            else if (text[i] == (byte)'.' && !afterPoint)
            {
                afterPoint = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || decimals >= PowersOfTen.Length) return false;
        double magnitude = mantissa / PowersOfTen[decimals];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
