using System.Collections.Frozen;
using Stepwise.Delivery.Model;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;

namespace Stepwise.Delivery.Payload;

/// <summary>
/// One environment's compiled payload: the exact bytes served to SDKs, their ETag, and an evaluator over the
/// same payload for server-side (OFREP) evaluation. Immutable; replaced as a whole when anything changes.
/// </summary>
public sealed class PayloadSnapshot
{
    private readonly TaskCompletionSource _superseded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PayloadSnapshot(Guid environmentId, string environment, byte[] json, string etag, string featuresHash, DateTimeOffset dateUpdated,
        FeaturePayload payload, FrozenDictionary<string, CompiledFlag> flags)
    {
        EnvironmentId = environmentId;
        Environment = environment;
        Json = json;
        ETag = etag;
        FeaturesHash = featuresHash;
        DateUpdated = dateUpdated;
        Payload = payload;
        Evaluator = new FlagEvaluator(payload);
        Flags = flags;
        OrderedFlags = [.. flags.Values.OrderBy(f => f.Key, StringComparer.Ordinal)];
    }

    public Guid EnvironmentId { get; }
    public string Environment { get; }

    /// <summary>The GrowthBook-shaped payload, UTF-8.</summary>
    public byte[] Json { get; }

    /// <summary>A strong validator, quoted as HTTP wants it.</summary>
    public string ETag { get; }

    internal string FeaturesHash { get; }
    public DateTimeOffset DateUpdated { get; }
    public FeaturePayload Payload { get; }
    public FlagEvaluator Evaluator { get; }

    /// <summary>What OFREP needs beyond the payload: type, kill switch, which rules split traffic.</summary>
    public FrozenDictionary<string, CompiledFlag> Flags { get; }

    /// <summary>The flags by key, sorted once here so bulk evaluation does not sort on every request.</summary>
    public IReadOnlyList<CompiledFlag> OrderedFlags { get; }

    /// <summary>Completes when a newer snapshot of this environment replaces this one (streams wait on it).</summary>
    public Task Superseded => _superseded.Task;

    internal void MarkSuperseded() => _superseded.TrySetResult();
}

/// <summary>Per-flag facts for remote evaluation: reasons and whether a unit key is needed.</summary>
public sealed record CompiledFlag(string Key, FlagValueType ValueType, bool Enabled, FrozenSet<string> SplitRules, bool NeedsUnitKey, int RuleCount);
