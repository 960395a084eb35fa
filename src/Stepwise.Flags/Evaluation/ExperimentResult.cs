using System.Text.Json;

namespace Stepwise.Flags.Evaluation;

/// <summary>The assignment of a unit to an experiment (GrowthBook's <c>Result</c>).</summary>
public sealed class ExperimentResult
{
    /// <summary>True when the unit is in the experiment (false: it got the baseline without being enrolled).</summary>
    public required bool InExperiment { get; init; }

    /// <summary>Index of the assigned variation (0 when not in the experiment).</summary>
    public required int VariationId { get; init; }

    /// <summary>The assigned variation's value.</summary>
    public required JsonElement Value { get; init; }

    /// <summary>True when the assignment came from hashing (not forced).</summary>
    public required bool HashUsed { get; init; }

    /// <summary>The attribute that identified the unit.</summary>
    public required string HashAttribute { get; init; }

    /// <summary>The unit's id as hashed (JavaScript string form; empty when missing).</summary>
    public required string HashValue { get; init; }

    /// <summary>The variation's key (its meta key, or its index).</summary>
    public required string Key { get; init; }

    /// <summary>The feature whose rule ran the experiment, if any.</summary>
    public string? FeatureId { get; init; }

    /// <summary>The variation's name from meta.</summary>
    public string? Name { get; init; }

    /// <summary>The unit's hash in [0, 1) when hashing decided.</summary>
    public double? Bucket { get; init; }

    /// <summary>True for a passthrough variation (feature evaluation continues past it).</summary>
    public bool Passthrough { get; init; }

    /// <summary>True when a stored sticky bucket decided (or blocked) the assignment.</summary>
    public bool StickyBucketUsed { get; init; }
}
