using System.Text.Json;
using Stepwise.Flags.Hashing;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Experiments;

/// <summary>
/// Keeps only units whose hash (with its own seed) falls in one of <see cref="Ranges"/>: the general form of
/// namespaces, used for mutually exclusive experiments and holdouts.
/// </summary>
public sealed class BucketFilter
{
    private BucketFilter(string? attribute, string seed, int hashVersion, BucketRange[] ranges)
    {
        Attribute = attribute;
        HashKey = AttributeKey.Of(attribute);
        Seed = seed;
        HashVersion = hashVersion;
        Ranges = ranges;
    }

    /// <summary>The attribute hashed (defaults to <c>id</c>).</summary>
    public string? Attribute { get; }

    /// <summary>The hash seed shared by all experiments of one exclusive layer.</summary>
    public string Seed { get; }

    /// <summary>Hash version (defaults to 2 for filters).</summary>
    public int HashVersion { get; }

    /// <summary>Accepted hash ranges.</summary>
    public IReadOnlyList<BucketRange> Ranges { get; }

    internal AttributeKey HashKey { get; }

    internal static BucketFilter Parse(JsonElement filter, List<string> errors)
    {
        var reader = new FieldReader(filter, "filter", errors);
        var seed = reader.String("seed");
        if (seed is null)
        {
            errors.Add("filter: 'seed' is required");
        }
        return new BucketFilter(reader.String("attribute"), seed ?? "", reader.Integer("hashVersion") ?? 2, reader.Ranges("ranges") ?? []);
    }

    internal bool Accepts(double bucket)
    {
        foreach (var range in Ranges)
        {
            if (range.Contains(bucket))
            {
                return true;
            }
        }
        return false;
    }
}
