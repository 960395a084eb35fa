using System.Globalization;

namespace Stepwise.Flags.Hashing;

/// <summary>
/// GrowthBook's bucketing hash: maps (seed, unit id) to a number in [0, 1).
/// Version 1 hashes <c>value + seed</c> to three decimals; version 2 re-hashes the decimal string of
/// <c>fnv(seed + value)</c> to four decimals, which removes v1's correlation between experiments.
/// </summary>
public static class GrowthBookHash
{
    /// <summary>Returns the bucket for <paramref name="value"/>, or null for an unknown hash version.</summary>
    public static double? Hash(string seed, string value, int version) =>
        TryHash(seed, value, version, out var bucket) ? bucket : null;

    /// <summary>Hashes a unit id given as ASCII UTF-8 (straight from the attribute JSON, no transcoding).</summary>
    internal static bool TryHashAscii(ReadOnlySpan<char> seed, ReadOnlySpan<byte> asciiValue, int version, out double bucket)
    {
        switch (version)
        {
            case 1:
                bucket = Fnv1a.Append(Fnv1a.AppendAscii(Fnv1a.OffsetBasis, asciiValue), seed) % 1000 / 1000d;
                return true;
            case 2:
                bucket = SecondRound(Fnv1a.AppendAscii(Fnv1a.Hash(seed), asciiValue));
                return true;
            default:
                bucket = 0;
                return false;
        }
    }

    /// <summary>Version 2's second round: FNV-1a of the first hash's decimal digits, to four decimals.</summary>
    private static double SecondRound(uint first)
    {
        Span<char> digits = stackalloc char[10];
        first.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return Fnv1a.Hash(digits[..length]) % 10000 / 10000d;
    }

    /// <summary>Allocation-free form of <see cref="Hash(string, string, int)"/>; false for an unknown version.</summary>
    public static bool TryHash(ReadOnlySpan<char> seed, ReadOnlySpan<char> value, int version, out double bucket)
    {
        switch (version)
        {
            case 1:
                var v1 = Fnv1a.Append(Fnv1a.Hash(value), seed);
                bucket = v1 % 1000 / 1000d;
                return true;
            case 2:
                bucket = SecondRound(Fnv1a.Append(Fnv1a.Hash(seed), value));
                return true;
            default:
                bucket = 0;
                return false;
        }
    }
}
