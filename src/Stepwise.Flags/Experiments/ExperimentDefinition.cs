using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Hashing;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Experiments;

/// <summary>
/// An experiment (GrowthBook <c>Experiment</c>), parsed and pre-compiled once: its condition tree, bucket
/// ranges and attribute keys are ready before the first evaluation. Immutable and thread-safe.
/// </summary>
public sealed partial class ExperimentDefinition
{
    /// <summary>Members a feature rule copies into its experiment, in GrowthBook's order (also the echo order).</summary>
    private static readonly string[] RuleMembers =
    [
        "coverage", "weights", "hashAttribute", "fallbackAttribute", "disableStickyBucketing", "bucketVersion",
        "minBucketVersion", "namespace", "meta", "ranges", "name", "phase", "seed", "hashVersion", "filters", "condition",
    ];

    private static readonly string[] StandaloneMembers = [.. RuleMembers, "active", "status", "force", "parentConditions"];

    private readonly KeyValuePair<string, JsonElement>[] _echo;

    /// <summary>Experiment key (tracking key; for a feature rule, defaults to the feature id).</summary>
    public string Key { get; }

    /// <summary>Variation values.</summary>
    public IReadOnlyList<JsonElement> Variations { get; }

    /// <summary>Traffic split; invalid weights fall back to equal weights.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>Share of eligible units included (default 1).</summary>
    public double? Coverage { get; }

    /// <summary>Explicit variation ranges; when set, coverage and weights are ignored.</summary>
    public IReadOnlyList<BucketRange>? Ranges { get; }

    /// <summary>Targeting condition.</summary>
    public Condition? Condition { get; }

    /// <summary>Prerequisite features.</summary>
    public IReadOnlyList<ParentCondition>? ParentConditions => ParentConditionArray;

    /// <summary>Legacy exclusive namespace slice.</summary>
    public NamespaceRange? Namespace { get; }

    /// <summary>Exclusion filters (take precedence over <see cref="Namespace"/>).</summary>
    public IReadOnlyList<BucketFilter>? Filters => FilterArray;

    /// <summary>Per-variation metadata.</summary>
    public IReadOnlyList<VariationMeta>? Meta { get; }

    /// <summary>Attribute identifying the unit (default <c>id</c>).</summary>
    public string? HashAttribute { get; }

    /// <summary>Attribute used when the hash attribute is missing (only with sticky bucketing).</summary>
    public string? FallbackAttribute { get; }

    /// <summary>Hash version (default 1).</summary>
    public int? HashVersion { get; }

    /// <summary>Hash seed (default the key).</summary>
    public string? Seed { get; }

    /// <summary>Experiment name.</summary>
    public string? Name { get; }

    /// <summary>Experiment phase.</summary>
    public string? Phase { get; }

    /// <summary>False for an inactive experiment.</summary>
    public bool? Active { get; }

    /// <summary>"draft", "running" or "stopped".</summary>
    public string? Status { get; }

    /// <summary>Variation forced for everyone included.</summary>
    public int? Force { get; }

    /// <summary>Sticky-bucket version; raising it re-buckets everyone.</summary>
    public int? BucketVersion { get; }

    /// <summary>Units with a sticky bucket from an older version than this are excluded.</summary>
    public int? MinBucketVersion { get; }

    /// <summary>Opts this experiment out of sticky bucketing.</summary>
    public bool? DisableStickyBucketing { get; }

    /// <summary>Problems found while parsing; an experiment with errors never enrolls anyone.</summary>
    public IReadOnlyList<string> Errors { get; }

    internal AttributeKey HashKey { get; }

    /// <summary>Arrays (not interfaces) so the hot path iterates without allocating an enumerator.</summary>
    internal BucketFilter[]? FilterArray { get; }

    internal ParentCondition[]? ParentConditionArray { get; }

    internal AttributeKey? FallbackKey { get; }

    /// <summary>The ranges used for assignment: explicit ranges, or those derived from coverage and weights.</summary>
    internal BucketRange[] EffectiveRanges { get; }

    /// <summary>True when the experiment parsed without problems.</summary>
    public bool IsValid => Errors.Count == 0;

    internal string EffectiveSeed => Seed is { Length: > 0 } seed ? seed : Key;

    internal int EffectiveHashVersion => HashVersion is { } version and not 0 ? version : 1;

    /// <summary>This experiment's sticky assignment key (<c>key__bucketVersion</c>).</summary>
    internal string StickyKey { get; }

    /// <summary>Sticky keys of versions below <see cref="MinBucketVersion"/>: units holding one are excluded.</summary>
    internal string[] BlockedStickyKeys { get; }
}
