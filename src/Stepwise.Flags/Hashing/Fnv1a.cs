namespace Stepwise.Flags.Hashing;

/// <summary>
/// 32-bit FNV-1a over UTF-16 code units. GrowthBook hashes JavaScript strings (<c>charCodeAt</c>), so the
/// unit is a UTF-16 code unit, not a byte: that is what keeps buckets identical across SDKs.
/// </summary>
public static class Fnv1a
{
    /// <summary>The FNV-1a 32-bit offset basis, the hash of the empty string.</summary>
    public const uint OffsetBasis = 0x811C9DC5;

    private const uint Prime = 0x01000193;

    /// <summary>Hashes <paramref name="text"/> from the offset basis.</summary>
    public static uint Hash(ReadOnlySpan<char> text) => Append(OffsetBasis, text);

    /// <summary>Continues a running hash with more text, so concatenations never need to be built.</summary>
    public static uint Append(uint hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash ^= c;
            hash *= Prime;
        }
        return hash;
    }

    /// <summary>Continues a running hash with one ASCII character.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static uint AppendAscii(uint hash, byte ascii) => (hash ^ ascii) * Prime;

    /// <summary>Continues a running hash with ASCII bytes, each of which is its own UTF-16 code unit.</summary>
    internal static uint AppendAscii(uint hash, ReadOnlySpan<byte> ascii)
    {
        foreach (var b in ascii)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
