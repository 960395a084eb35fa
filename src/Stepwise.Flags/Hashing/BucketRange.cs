namespace Stepwise.Flags.Hashing;

/// <summary>A half-open interval [<see cref="Start"/>, <see cref="End"/>) of the hash space [0, 1).</summary>
/// <param name="Start">Inclusive lower bound.</param>
/// <param name="End">Exclusive upper bound.</param>
public readonly record struct BucketRange(double Start, double End)
{
    /// <summary>True when <paramref name="bucket"/> lies inside the range.</summary>
    public bool Contains(double bucket) => bucket >= Start && bucket < End;
}
