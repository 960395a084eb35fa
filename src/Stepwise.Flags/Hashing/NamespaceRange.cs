namespace Stepwise.Flags.Hashing;

/// <summary>
/// A slice of an exclusive namespace (GrowthBook's <c>[id, start, end]</c>): units hash into the namespace once,
/// and only those landing in [<see cref="Start"/>, <see cref="End"/>) may enter the experiment.
/// </summary>
/// <param name="Id">Namespace id; all experiments sharing it share one hash.</param>
/// <param name="Start">Inclusive start of the slice.</param>
/// <param name="End">Exclusive end of the slice.</param>
public sealed record NamespaceRange(string Id, double Start, double End)
{
    /// <summary>The hash seed GrowthBook derives from the namespace id.</summary>
    internal string Seed { get; } = "__" + Id;
}
