using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Experiments;

/// <summary>
/// Experiments: defined as drafts, then started (which allocates their range in an exclusive layer and is
/// refused when it would overlap a running experiment there) and stopped.
/// </summary>
public sealed class ExperimentService(StepwiseDb db, DeliveryPermissions permissions, FlagReader reader, Collisions.CollisionGuard collisions, TimeProvider time)
{
    public const int MaxVariations = 20;

    public async Task<Outcome<ExperimentDetails>> CreateAsync(ClaimsPrincipal user, CreateExperimentRequest request, CancellationToken ct)
    {
        var key = DeliveryValidation.NormalizeKey(request.Key);
        var errors = new FieldErrors().Key("key", key).Require("name", request.Name, 200).Limit("hypothesis", request.Hypothesis, 4000)
            .Attribute("hashAttribute", request.HashAttribute).Share("coverage", request.Coverage, allowZero: false)
            .Share("layerShare", request.LayerShare, allowZero: false).Share("rangeStart", request.RangeStart);
        if (key.Length > 0 && await db.Experiments.AnyAsync(e => e.Key == key, ct)) errors.Add("key", $"An experiment with key '{key}' already exists.");
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == (request.Flag ?? ""), ct);
        if (flag is null) errors.Add("flag", request.Flag is null ? "'flag' is required." : $"No flag '{request.Flag}'.");
        var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == (request.Environment ?? ""), ct);
        if (env is null) errors.Add("environment", request.Environment is null ? "'environment' is required." : $"No environment '{request.Environment}'.");
        var layer = request.Layer is null ? null : await db.Layers.AsNoTracking().FirstOrDefaultAsync(l => l.Key == request.Layer, ct);
        if (request.Layer is not null && layer is null) errors.Add("layer", $"No layer '{request.Layer}'.");
        if (layer is null && (request.LayerShare is not null || request.RangeStart is not null))
            errors.Add("layerShare", "'layerShare' and 'rangeStart' apply only to an experiment placed in a layer.");
        var layerShare = request.LayerShare ?? 1;
        if (request.RangeStart is { } start && start + layerShare > 1 + DeliveryValidation.Tolerance)
            errors.Add("rangeStart", $"A range of {DeliveryValidation.Percent(layerShare)} starting at {start} runs past the end of the layer.");
        if (request.RangeStart is not null && request.LayerShare is null)
            errors.Add("layerShare", "Give 'layerShare' (the width of the range) together with 'rangeStart'.");
        if (layer is not null && env is not null && request.RangeStart is { } wantedStart)
        {
            var wanted = (wantedStart, Math.Min(1, wantedStart + layerShare));
            var running = await db.Experiments.AsNoTracking()
                .Where(e => e.LayerId == layer.Id && e.EnvironmentId == env!.Id && e.Status == ExperimentStatus.Running).ToListAsync(ct);
            foreach (var other in running.Where(o => LayerAllocator.Overlaps((o.RangeStart ?? 0, o.RangeEnd ?? 0), wanted)))
                errors.Add("rangeStart", $"The range {wanted.wantedStart:0.###}–{wanted.Item2:0.###} overlaps running experiment '{other.Key}' ({other.RangeStart:0.###}–{other.RangeEnd:0.###}) in layer '{layer.Key}'.");
        }
        var condition = errors.Condition("condition", request.Condition);
        var variations = flag is null ? [] : CheckVariations(flag, request.Variations, errors);
        if (errors.Any) return Outcome<ExperimentDetails>.Invalid(errors);
        if (!await permissions.CanEditFlagAsync(user, flag!, ct)) return Outcome<ExperimentDetails>.Forbidden(FlagService.NotYours(flag!));

        var now = time.GetUtcNow();
        db.Experiments.Add(new Experiment
        {
            Id = Guid.CreateVersion7(now), Key = key, Name = request.Name!.Trim(), Hypothesis = string.IsNullOrWhiteSpace(request.Hypothesis) ? null : request.Hypothesis.Trim(),
            FlagId = flag!.Id, EnvironmentId = env!.Id, Variations = variations, HashAttribute = request.HashAttribute ?? "id", Condition = condition,
            Coverage = request.Coverage ?? 1, LayerId = layer?.Id, LayerShare = layerShare,
            RangeStart = request.RangeStart, RangeEnd = request.RangeStart is { } s ? Math.Min(1, s + layerShare) : null,
            Status = ExperimentStatus.Draft, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return (await reader.ExperimentAsync(key, ct))!;
    }

    /// <summary>Weights are shares that sum to 1; keys are unique; values fit the flag's type.</summary>
    private static List<ExperimentVariation> CheckVariations(Flag flag, IReadOnlyList<VariationRequest>? requests, FieldErrors errors)
    {
        var list = requests ?? [];
        if (list.Count is < 2 or > MaxVariations)
        {
            errors.Add("variations", $"An experiment has between 2 and {MaxVariations} variations; got {list.Count}.");
            return [];
        }
        var weights = list.Select(v => v.Weight ?? 1.0 / list.Count).ToList();
        var result = new List<ExperimentVariation>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var v = list[i];
            var key = DeliveryValidation.NormalizeKey(v.Key);
            errors.Key($"variations[{i}].key", key).Limit($"variations[{i}].name", v.Name, 200).Share($"variations[{i}].weight", weights[i]);
            if (key.Length > 0 && !keys.Add(key)) errors.Add($"variations[{i}].key", $"Variation key '{key}' is used twice.");
            var value = errors.Value($"variations[{i}].value", flag.ValueType, v.Value);
            if (value is not null) result.Add(new ExperimentVariation(key, string.IsNullOrWhiteSpace(v.Name) ? key : v.Name.Trim(), value, weights[i]));
        }
        var sum = weights.Sum();
        if (Math.Abs(sum - 1) > 1e-6) errors.Add("variations", $"Variation weights must sum to 1; they sum to {sum:0.######}.");
        return result;
    }

    public async Task<Outcome<ExperimentDetails>> StartAsync(ClaimsPrincipal user, string key, CancellationToken ct) =>
        await StartAsync(user, key, new StartExperimentRequest(null, null), ct);

    public async Task<Outcome<ExperimentDetails>> StartAsync(ClaimsPrincipal user, string key, StartExperimentRequest request, CancellationToken ct)
    {
        if (request.Reason is { Length: > 1000 }) return Outcome<ExperimentDetails>.Invalid("reason", "'reason' is at most 1000 characters.");
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Key == key, ct);
        if (experiment is null) return Outcome<ExperimentDetails>.NotFound($"No experiment '{key}'.");
        var flag = await db.Flags.AsNoTracking().FirstAsync(f => f.Id == experiment.FlagId, ct);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<ExperimentDetails>.Forbidden(FlagService.NotYours(flag));
        if (experiment.Status != ExperimentStatus.Draft)
            return Outcome<ExperimentDetails>.Conflict($"Only a draft can start; '{key}' is {experiment.Status.ToString().ToLowerInvariant()}.");
        if (await db.Experiments.AnyAsync(e => e.FlagId == experiment.FlagId && e.EnvironmentId == experiment.EnvironmentId && e.Status == ExperimentStatus.Running, ct))
            return Outcome<ExperimentDetails>.Conflict($"'{flag.Key}' already runs an experiment in this environment.");
        if (await db.RolloutPlans.AnyAsync(p => p.FlagId == experiment.FlagId && p.EnvironmentId == experiment.EnvironmentId
                && (p.Status == RolloutStatus.Running || p.Status == RolloutStatus.Paused || p.Status == RolloutStatus.Released), ct))
            return Outcome<ExperimentDetails>.Conflict($"'{flag.Key}' has a live rollout in this environment; an experiment on it would be confounded.");
        if (await collisions.CheckAsync(await collisions.ForExperimentAsync(experiment, ct), request.AcknowledgeCollisions == true, request.Reason, "experiment", key, experiment.EnvironmentId, user, ct) is { } collision)
            return Outcome<ExperimentDetails>.Conflict(collision);

        if (experiment.LayerId is { } layerId)
        {
            var taken = (await db.Experiments.AsNoTracking()
                    .Where(e => e.LayerId == layerId && e.EnvironmentId == experiment.EnvironmentId && e.Status == ExperimentStatus.Running && e.Id != experiment.Id)
                    .ToListAsync(ct))
                .Select(e => (Key: e.Key, Range: (e.RangeStart ?? 0, e.RangeEnd ?? 0))).ToList();
            if (experiment.RangeStart is { } start)
            {
                var wanted = (start, experiment.RangeEnd ?? start);
                var clash = taken.FirstOrDefault(t => LayerAllocator.Overlaps(t.Range, wanted));
                if (clash.Key is not null)
                    return Outcome<ExperimentDetails>.Conflict(
                        $"The range {wanted.start:0.###}–{wanted.Item2:0.###} overlaps running experiment '{clash.Key}' ({clash.Range.Item1:0.###}–{clash.Range.Item2:0.###}) in this layer.");
            }
            else if (LayerAllocator.FirstFit(taken.Select(t => t.Range), experiment.LayerShare) is { } range)
            {
                (experiment.RangeStart, experiment.RangeEnd) = range;
            }
            else
            {
                return Outcome<ExperimentDetails>.Conflict(
                    $"The layer has no free range of {DeliveryValidation.Percent(experiment.LayerShare)}; {DeliveryValidation.Percent(LayerAllocator.Free(taken.Select(t => t.Range)))} is free. Stop an experiment or ask for less.");
            }
        }
        experiment.Status = ExperimentStatus.Running;
        experiment.StartedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await reader.ExperimentAsync(key, ct))!;
    }

    public async Task<Outcome<ExperimentDetails>> StopAsync(ClaimsPrincipal user, string key, CancellationToken ct)
    {
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Key == key, ct);
        if (experiment is null) return Outcome<ExperimentDetails>.NotFound($"No experiment '{key}'.");
        var flag = await db.Flags.AsNoTracking().FirstAsync(f => f.Id == experiment.FlagId, ct);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<ExperimentDetails>.Forbidden(FlagService.NotYours(flag));
        if (experiment.Status != ExperimentStatus.Running)
            return Outcome<ExperimentDetails>.Conflict($"Only a running experiment can stop; '{key}' is {experiment.Status.ToString().ToLowerInvariant()}.");
        experiment.Status = ExperimentStatus.Stopped;
        experiment.StoppedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await reader.ExperimentAsync(key, ct))!;
    }
}
