using System.Text.Json;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Experiments;

/// <summary>Per-variation metadata of an experiment.</summary>
/// <param name="Key">Stable variation key reported in results (defaults to the index).</param>
/// <param name="Name">Human-readable variation name.</param>
/// <param name="Passthrough">A passthrough variation (e.g. a holdout's control) enrolls the unit but lets
/// feature evaluation continue to the next rule.</param>
public sealed record VariationMeta(string? Key, string? Name, bool Passthrough)
{
    internal static VariationMeta Parse(JsonElement meta, List<string> errors)
    {
        var reader = new FieldReader(meta, "meta", errors);
        return new VariationMeta(reader.String("key"), reader.String("name"), reader.Boolean("passthrough") ?? false);
    }
}
