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
    /// <param name="seed">The seed.</param>
    /// <param name="seedHash"><c>Fnv1a.Hash(seed)</c>, computed once per rule: version 2 hashes the seed first.</param>
    /// <param name="asciiValue">The unit id.</param>
    /// <param name="version">Hash version.</param>
    /// <param name="bucket">The bucket in [0, 1).</param>
    internal static bool TryHashAscii(ReadOnlySpan<char> seed, uint seedHash, ReadOnlySpan<byte> asciiValue, int version, out double bucket)
    {
        switch (version)
        {
            case 1:
                bucket = Fnv1a.Append(Fnv1a.AppendAscii(Fnv1a.OffsetBasis, asciiValue), seed) % 1000 / 1000d;
                return true;
            case 2:
                bucket = SecondRound(Fnv1a.AppendAscii(seedHash, asciiValue));
                return true;
            default:
                bucket = 0;
                return false;
        }
    }

    /// <summary>Version 2's second round: FNV-1a of the first hash's decimal digits, to four decimals.</summary>
    private static double SecondRound(uint first)
    {
        // Digits most significant first, each from its own division by a constant: the divisions do not depend on
        // one another, so only the FNV multiply chain is sequential (formatting right to left would chain both).
        var hash = Fnv1a.OffsetBasis;
        if (first >= 1_000_000_000)
        {
            hash = Digit(hash, first / 1_000_000_000);
        }
        if (first >= 100_000_000)
        {
            hash = Digit(hash, first / 100_000_000 % 10);
        }
        if (first >= 10_000_000)
        {
            hash = Digit(hash, first / 10_000_000 % 10);
        }
        if (first >= 1_000_000)
        {
            hash = Digit(hash, first / 1_000_000 % 10);
        }
        if (first >= 100_000)
        {
            hash = Digit(hash, first / 100_000 % 10);
        }
        if (first >= 10_000)
        {
            hash = Digit(hash, first / 10_000 % 10);
        }
        if (first >= 1_000)
        {
            hash = Digit(hash, first / 1_000 % 10);
        }
        if (first >= 100)
        {
            hash = Digit(hash, first / 100 % 10);
        }
        if (first >= 10)
        {
            hash = Digit(hash, first / 10 % 10);
        }
        hash = Digit(hash, first % 10);
        return hash % 10000 / 10000d;
    }

    private static uint Digit(uint hash, uint digit) => Fnv1a.AppendAscii(hash, (byte)('0' + digit));

    /// <summary>Allocation-free form of <see cref="Hash(string, string, int)"/>; false for an unknown version.</summary>
    public static bool TryHash(ReadOnlySpan<char> seed, ReadOnlySpan<char> value, int version, out double bucket) =>
        TryHash(seed, Fnv1a.Hash(seed), value, version, out bucket);

    /// <summary><see cref="TryHash(ReadOnlySpan{char}, ReadOnlySpan{char}, int, out double)"/> with the seed's hash precomputed.</summary>
    internal static bool TryHash(ReadOnlySpan<char> seed, uint seedHash, ReadOnlySpan<char> value, int version, out double bucket)
    {
        switch (version)
        {
            case 1:
                var v1 = Fnv1a.Append(Fnv1a.Hash(value), seed);
                bucket = v1 % 1000 / 1000d;
                return true;
            case 2:
                bucket = SecondRound(Fnv1a.Append(seedHash, value));
                return true;
            default:
                bucket = 0;
                return false;
        }
    }
}
