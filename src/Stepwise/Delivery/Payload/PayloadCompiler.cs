using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Flags.Features;

namespace Stepwise.Delivery.Payload;

/// <summary>
/// Compiles the delivery model into one GrowthBook-shaped payload per environment. Per flag, in order:
/// targeting rules (force rules, optionally on a stable percentage), the running experiment (variations with
/// weights, its layer range and holdouts as hash filters), then the live rollout plan (a force rule on the
/// included hash range, which leaves the holdback on the default value, with the <c>exposureKey</c> the SDKs report it under).
/// </summary>
public sealed class PayloadCompiler(StepwiseDb db)
{
    internal sealed record Model(
        List<DeliveryEnvironment> Environments, List<Flag> Flags, Dictionary<string, Segment> Segments, List<Experiment> Experiments,
        List<RolloutPlan> Rollouts, Dictionary<Guid, Layer> Layers, List<Holdout> Holdouts);

    internal async Task<Model> LoadAsync(CancellationToken ct) => new(
        await db.Environments.AsNoTracking().OrderBy(e => e.SortOrder).ToListAsync(ct),
        await db.Flags.AsNoTracking().Where(f => !f.Archived).Include(f => f.Environments).OrderBy(f => f.Key).ToListAsync(ct),
        await db.Segments.AsNoTracking().ToDictionaryAsync(s => s.Key, ct),
        await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).ToListAsync(ct),
        await db.RolloutPlans.AsNoTracking()
            .Where(p => p.Status == RolloutStatus.Running || p.Status == RolloutStatus.Paused || p.Status == RolloutStatus.Released).ToListAsync(ct),
        await db.Layers.AsNoTracking().ToDictionaryAsync(l => l.Id, ct),
        await db.Holdouts.AsNoTracking().Where(h => h.Active).ToListAsync(ct));

    /// <summary>Builds a snapshot for <paramref name="environment"/>, reusing <paramref name="previous"/> when nothing in its features changed.</summary>
    internal static PayloadSnapshot Compile(Model model, DeliveryEnvironment environment, PayloadSnapshot? previous, DateTimeOffset now)
    {
        var features = new ArrayBufferWriter<byte>();
        var compiled = new Dictionary<string, CompiledFlag>(StringComparer.Ordinal);
        using (var writer = new Utf8JsonWriter(features))
        {
            writer.WriteStartObject();
            foreach (var flag in model.Flags)
            {
                writer.WritePropertyName(flag.Key);
                compiled[flag.Key] = WriteFeature(writer, model, environment, flag);
            }
            writer.WriteEndObject();
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(features.WrittenSpan));
        if (previous is not null && previous.FeaturesHash == hash) return previous;

        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", 200);
            writer.WritePropertyName("features");
            writer.WriteRawValue(features.WrittenSpan, skipInputValidation: true);
            writer.WriteString("dateUpdated", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        var json = body.WrittenSpan.ToArray();
        return new PayloadSnapshot(environment.Id, environment.Key, json, $"\"{hash[..32]}\"", hash, now,
            FeaturePayload.Parse(json), compiled.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static CompiledFlag WriteFeature(Utf8JsonWriter writer, Model model, DeliveryEnvironment environment, Flag flag)
    {
        var setting = flag.Environments.FirstOrDefault(s => s.EnvironmentId == environment.Id);
        writer.WriteStartObject();
        if (setting is not { Enabled: true })
        {
            writer.WritePropertyName("defaultValue");
            writer.WriteRawValue(flag.OffValue);
            writer.WriteEndObject();
            return new CompiledFlag(flag.Key, flag.ValueType, false, FrozenSet<string>.Empty, false, 0);
        }
        writer.WritePropertyName("defaultValue");
        writer.WriteRawValue(flag.DefaultValue);
        var splits = new HashSet<string>(StringComparer.Ordinal);
        var count = setting.Rules.Count;
        writer.WriteStartArray("rules");
        foreach (var rule in setting.Rules)
        {
            WriteTargetingRule(writer, model, flag, rule);
            if (rule.Coverage < 1) splits.Add(rule.Id);
        }
        foreach (var experiment in model.Experiments.Where(e => e.FlagId == flag.Id && e.EnvironmentId == environment.Id))
        {
            WriteExperimentRule(writer, model, experiment);
            splits.Add(experiment.Key);
            count++;
        }
        foreach (var plan in model.Rollouts.Where(p => p.FlagId == flag.Id && p.EnvironmentId == environment.Id))
        {
            WriteRolloutRule(writer, plan);
            splits.Add(RolloutRuleId(plan));
            count++;
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return new CompiledFlag(flag.Key, flag.ValueType, true, splits.ToFrozenSet(StringComparer.Ordinal), splits.Count > 0, count);
    }

    public static string RolloutRuleId(RolloutPlan plan) => $"rollout-{plan.Id:N}";

    private static void WriteTargetingRule(Utf8JsonWriter writer, Model model, Flag flag, TargetingRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        WriteCondition(writer, model, rule.Condition, rule.Segments);
        writer.WritePropertyName("force");
        writer.WriteRawValue(rule.Value);
        if (rule.Coverage < 1)
        {
            writer.WriteNumber("coverage", rule.Coverage);
            writer.WriteString("hashAttribute", rule.HashAttribute);
            writer.WriteString("seed", $"{flag.Key}/{rule.Id}");
            writer.WriteNumber("hashVersion", 2);
        }
        writer.WriteEndObject();
    }

    private static void WriteExperimentRule(Utf8JsonWriter writer, Model model, Experiment experiment)
    {
        writer.WriteStartObject();
        writer.WriteString("id", experiment.Key);
        writer.WriteString("key", experiment.Key);
        writer.WriteString("name", experiment.Name);
        WriteCondition(writer, model, experiment.Condition, []);
        writer.WriteStartArray("variations");
        foreach (var v in experiment.Variations) writer.WriteRawValue(v.Value);
        writer.WriteEndArray();
        writer.WriteStartArray("weights");
        foreach (var v in experiment.Variations) writer.WriteNumberValue(v.Weight);
        writer.WriteEndArray();
        writer.WriteNumber("coverage", experiment.Coverage);
        writer.WriteString("hashAttribute", experiment.HashAttribute);
        writer.WriteNumber("hashVersion", 2);
        writer.WriteString("seed", experiment.Key);
        writer.WriteStartArray("meta");
        foreach (var v in experiment.Variations)
        {
            writer.WriteStartObject();
            writer.WriteString("key", v.Key);
            writer.WriteString("name", v.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        var holdouts = model.Holdouts.Where(h => h.Covers(experiment)).ToList();
        var layer = experiment.LayerId is { } id ? model.Layers.GetValueOrDefault(id) : null;
        if (layer is not null || holdouts.Count > 0)
        {
            writer.WriteStartArray("filters");
            if (layer is not null) WriteFilter(writer, $"layer/{layer.Key}", experiment.HashAttribute, experiment.RangeStart ?? 0, experiment.RangeEnd ?? 0);
            foreach (var holdout in holdouts) WriteFilter(writer, $"holdout/{holdout.Key}", holdout.HashAttribute, holdout.Share, 1);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteFilter(Utf8JsonWriter writer, string seed, string attribute, double start, double end)
    {
        writer.WriteStartObject();
        writer.WriteString("seed", seed);
        writer.WriteString("attribute", attribute);
        writer.WriteNumber("hashVersion", 2);
        writer.WriteStartArray("ranges");
        writer.WriteStartArray();
        writer.WriteNumberValue(start);
        writer.WriteNumberValue(end);
        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRolloutRule(Utf8JsonWriter writer, RolloutPlan plan)
    {
        var (start, end) = plan.IncludedRange;
        writer.WriteStartObject();
        writer.WriteString("id", RolloutRuleId(plan));
        if (plan.Condition is not null)
        {
            writer.WritePropertyName("condition");
            writer.WriteRawValue(plan.Condition);
        }
        writer.WritePropertyName("force");
        writer.WriteRawValue(plan.Value);
        writer.WriteStartArray("range");
        writer.WriteNumberValue(start);
        writer.WriteNumberValue(end);
        writer.WriteEndArray();
        writer.WriteString("hashAttribute", plan.HashAttribute);
        writer.WriteString("seed", plan.Seed);
        writer.WriteNumber("hashVersion", 2);
        // Stepwise's SDKs report every unit this rule places, inside (1) or outside (0), under the plan's analysis key.
        writer.WriteString("exposureKey", plan.AnalysisKey);
        writer.WriteEndObject();
    }

    /// <summary>A rule's own condition and its segments' conditions must all hold: joined with $and.</summary>
    private static void WriteCondition(Utf8JsonWriter writer, Model model, string? condition, IReadOnlyList<string> segments)
    {
        var parts = new List<string>();
        if (condition is not null) parts.Add(condition);
        // A segment deleted meanwhile must not widen the audience: an impossible condition takes its place.
        foreach (var key in segments) parts.Add(model.Segments.TryGetValue(key, out var s) ? s.Condition : """{"$not":{}}""");
        if (parts.Count == 0) return;
        writer.WritePropertyName("condition");
        if (parts.Count == 1)
        {
            writer.WriteRawValue(parts[0]);
            return;
        }
        writer.WriteStartObject();
        writer.WriteStartArray("$and");
        foreach (var part in parts) writer.WriteRawValue(part);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
