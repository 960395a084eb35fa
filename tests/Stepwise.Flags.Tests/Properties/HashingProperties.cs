using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Stepwise.Flags.Hashing;

namespace Stepwise.Flags.Tests.Properties;

public sealed class HashingProperties
{
    /// <summary>Values computed by an independent implementation: the same unit gets the same bucket in every process.</summary>
    [Theory]
    [InlineData("checkout", "user-42", 1, 0.911)]
    [InlineData("checkout", "user-42", 2, 0.4884)]
    [InlineData("new-nav", "9f1c2e", 1, 0.111)]
    [InlineData("new-nav", "9f1c2e", 2, 0.1356)]
    [InlineData("", "\U0001F600\u00E9", 1, 0.483)]
    [InlineData("", "\U0001F600\u00E9", 2, 0.4059)]
    [InlineData("pricing", "123", 2, 0.2808)]
    public void Hash_KnownUnit_MatchesReferenceValue(string seed, string unit, int version, double expected) =>
        Assert.Equal(expected, GrowthBookHash.Hash(seed, unit, version)!.Value, 9);

    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 3826002220u)]
    [InlineData("user-42", 39875499u)]
    public void Fnv1a_KnownText_MatchesReferenceValue(string text, uint expected) =>
        Assert.Equal(expected, Fnv1a.Hash(text));

    [Fact]
    public void Hash_UnknownVersion_ReturnsNull() => Assert.Null(GrowthBookHash.Hash("seed", "unit", 3));

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Hash_SameUnitTwice_SameBucketInRange(NonNull<string> seed, NonNull<string> unit, bool v2)
    {
        var version = v2 ? 2 : 1;
        var first = GrowthBookHash.Hash(seed.Get, unit.Get, version)!.Value;
        var again = GrowthBookHash.Hash(new string(seed.Get.AsSpan()), string.Concat(unit.Get), version)!.Value;
        return first == again && first is >= 0 and < 1;
    }

    /// <summary>
    /// 1M sequential ids into 20 equal buckets; the chi-square statistic (19 degrees of freedom) must stay under
    /// 43.82, the critical value at p = 0.001: a fair hash fails this one time in a thousand.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Hash_OneMillionIds_UniformOverTwentyBuckets(int version)
    {
        const int Units = 1_000_000;
        const int Buckets = 20;
        const double Critical = 43.82;
        var counts = new int[Buckets];
        Span<char> id = stackalloc char[16];
        for (var i = 0; i < Units; i++)
        {
            "user-".CopyTo(id);
            i.TryFormat(id[5..], out var digits, default, CultureInfo.InvariantCulture);
            GrowthBookHash.TryHash("uniformity-seed", id[..(5 + digits)], version, out var bucket);
            counts[(int)(bucket * Buckets)]++;
        }
        var expected = (double)Units / Buckets;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < Critical, $"chi-square {chiSquare:F2} >= {Critical} for counts [{string.Join(", ", counts)}]");
    }
}
