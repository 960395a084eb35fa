using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Organization;

namespace Stepwise.Delivery.Flags;

/// <summary>Read models for flags, rollouts and experiments, shared by the API and the pages.</summary>
public sealed class FlagReader(StepwiseDb db)
{
    public async Task<Page<FlagSummary>> FlagsAsync(string? search, bool includeArchived, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Flags.AsNoTracking().Where(f => includeArchived || !f.Archived);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(f => f.Key.Contains(term) || f.Name.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var flags = await query.OrderBy(f => f.Key).Skip((page - 1) * pageSize).Take(pageSize).Include(f => f.Environments).ToListAsync(ct);
        var ids = flags.Select(f => f.Id).ToList();
        var environments = await EnvironmentsAsync(ct);
        var owners = await OwnerNamesAsync(flags, ct);
        var rollouts = await db.RolloutPlans.AsNoTracking().Where(p => ids.Contains(p.FlagId) && p.Status != RolloutStatus.RolledBack).ToListAsync(ct);
        var experiments = await db.Experiments.AsNoTracking().Where(e => ids.Contains(e.FlagId) && e.Status == ExperimentStatus.Running).ToListAsync(ct);
        var items = flags.Select(f => new FlagSummary(
            f.Id, f.Key, f.Name, f.ValueType, Json.Parse(f.DefaultValue), f.OwnerUnitId, f.OwnerUnitId is { } o ? owners.GetValueOrDefault(o) : null, f.Archived,
            environments.Select(e =>
            {
                var setting = f.Environments.FirstOrDefault(s => s.EnvironmentId == e.Id);
                var rollout = rollouts.Where(p => p.FlagId == f.Id && p.EnvironmentId == e.Id).OrderByDescending(p => p.CreatedAt).FirstOrDefault();
                var experiment = experiments.FirstOrDefault(x => x.FlagId == f.Id && x.EnvironmentId == e.Id);
                return new FlagEnvironmentState(e.Key, setting?.Enabled ?? false, setting?.Rules.Count ?? 0,
                    rollout is null ? null : RolloutLabel(rollout), experiment?.Key);
            }).ToList(),
            f.UpdatedAt)).ToList();
        return new Page<FlagSummary>(items, page, pageSize, total);
    }

    public async Task<FlagDetails?> FlagAsync(string key, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().Include(f => f.Environments).FirstOrDefaultAsync(f => f.Key == key, ct);
        if (flag is null) return null;
        var environments = await EnvironmentsAsync(ct);
        var owners = await OwnerNamesAsync([flag], ct);
        var rollouts = await db.RolloutPlans.AsNoTracking().Where(p => p.FlagId == flag.Id).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.FlagId == flag.Id).OrderByDescending(e => e.CreatedAt).ToListAsync(ct);
        var layers = await LayerKeysAsync(ct);
        return new FlagDetails(
            flag.Id, flag.Key, flag.Name, flag.Description, flag.ValueType, Json.Parse(flag.DefaultValue), flag.OwnerUnitId,
            flag.OwnerUnitId is { } o ? owners.GetValueOrDefault(o) : null, flag.Archived, flag.CreatedAt, flag.UpdatedAt,
            environments.Select(e =>
            {
                var setting = flag.Environments.FirstOrDefault(s => s.EnvironmentId == e.Id);
                return new FlagEnvironmentDetails(e.Key, e.Name, setting?.Enabled ?? false,
                    (setting?.Rules ?? []).Select(r => new TargetingRuleView(r.Id, r.Description, Json.ParseOptional(r.Condition), r.Segments, Json.Parse(r.Value), r.Coverage, r.HashAttribute)).ToList(),
                    rollouts.Where(p => p.EnvironmentId == e.Id).Select(p => ToView(p, flag.Key, e.Key)).ToList(),
                    experiments.Where(x => x.EnvironmentId == e.Id).Select(x => ToSummary(x, flag.Key, e.Key, layers)).ToList())
                {
                    KillSwitchHistory = setting?.KillSwitchHistory ?? [],
                };
            }).ToList())
        {
            Surface = flag.Surface,
        };
    }

    public async Task<RolloutView?> RolloutAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.RolloutPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return null;
        var flag = await db.Flags.AsNoTracking().Where(f => f.Id == plan.FlagId).Select(f => f.Key).FirstAsync(ct);
        var env = await db.Environments.AsNoTracking().Where(e => e.Id == plan.EnvironmentId).Select(e => e.Key).FirstAsync(ct);
        return ToView(plan, flag, env);
    }

    public async Task<Page<ExperimentSummary>> ExperimentsAsync(ExperimentStatus? status, string? environment, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Experiments.AsNoTracking();
        if (status is { } s) query = query.Where(e => e.Status == s);
        if (environment is not null) query = query.Where(e => db.Environments.Any(env => env.Id == e.EnvironmentId && env.Key == environment));
        var total = await query.CountAsync(ct);
        var experiments = await query.OrderByDescending(e => e.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var flags = await FlagKeysAsync(experiments.Select(e => e.FlagId), ct);
        var environments = (await EnvironmentsAsync(ct)).ToDictionary(e => e.Id, e => e.Key);
        var layers = await LayerKeysAsync(ct);
        return new Page<ExperimentSummary>(
            experiments.Select(e => ToSummary(e, flags[e.FlagId], environments[e.EnvironmentId], layers)).ToList(), page, pageSize, total);
    }

    public async Task<ExperimentDetails?> ExperimentAsync(string key, CancellationToken ct)
    {
        var e = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key, ct);
        if (e is null) return null;
        var flag = await db.Flags.AsNoTracking().Where(f => f.Id == e.FlagId).Select(f => f.Key).FirstAsync(ct);
        var env = await db.Environments.AsNoTracking().Where(x => x.Id == e.EnvironmentId).Select(x => x.Key).FirstAsync(ct);
        var layers = await LayerKeysAsync(ct);
        var holdouts = (await db.Holdouts.AsNoTracking().ToListAsync(ct)).Where(h => h.Covers(e)).Select(h => h.Key).ToList();
        return new ExperimentDetails(
            e.Id, e.Key, e.Name, e.Hypothesis, flag, env, e.Status,
            e.Variations.Select(v => new VariationView(v.Key, v.Name, Json.Parse(v.Value), v.Weight)).ToList(),
            e.HashAttribute, e.Coverage, e.LayerId is { } l ? layers.GetValueOrDefault(l) : null, e.LayerShare, e.RangeStart, e.RangeEnd,
            Json.ParseOptional(e.Condition), holdouts, e.CreatedAt, e.StartedAt, e.StoppedAt);
    }

    internal async Task<List<DeliveryEnvironment>> EnvironmentsAsync(CancellationToken ct) =>
        await db.Environments.AsNoTracking().OrderBy(e => e.SortOrder).ToListAsync(ct);

    internal static RolloutView ToView(RolloutPlan p, string flag, string environment) => new(
        p.Id, flag, environment, Json.Parse(p.Value), p.Status, p.Stages, p.CurrentStage, p.CurrentShare, p.Holdback, p.HoldbackReleased,
        p.MinimumStageDuration.TotalHours, p.StageStartedAt, p.StageStartedAt is { } started && p.Status == RolloutStatus.Running && !p.IsLastStage ? started + p.MinimumStageDuration : null,
        p.HashAttribute, Json.ParseOptional(p.Condition), p.History, p.Guard, p.AwaitingApproval);

    internal static ExperimentSummary ToSummary(Experiment e, string flag, string environment, IReadOnlyDictionary<Guid, string> layers) => new(
        e.Id, e.Key, e.Name, flag, environment, e.Status, e.LayerId is { } l ? layers.GetValueOrDefault(l) : null, e.RangeStart, e.RangeEnd, e.TrafficShare);

    internal static string RolloutLabel(RolloutPlan p) => p.Status switch
    {
        RolloutStatus.Draft => "draft",
        RolloutStatus.Released => p.HoldbackReleased ? "released to all" : $"released, {DeliveryValidation.Percent(p.Holdback)} held back",
        _ => $"{p.Status.ToString().ToLowerInvariant()} at {DeliveryValidation.Percent(p.CurrentShare)}",
    };

    private async Task<Dictionary<Guid, string>> FlagKeysAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Flags.AsNoTracking().Where(f => list.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Key, ct);
    }

    private async Task<Dictionary<Guid, string>> LayerKeysAsync(CancellationToken ct) =>
        await db.Layers.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Key, ct);

    private async Task<Dictionary<Guid, string>> OwnerNamesAsync(IEnumerable<Flag> flags, CancellationToken ct)
    {
        var ids = flags.Where(f => f.OwnerUnitId is not null).Select(f => f.OwnerUnitId!.Value).Distinct().ToList();
        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}
