using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Organization;

namespace Stepwise.Delivery.Lifecycle;

/// <summary>Read models of features for the API and the pages: the list, one feature's story, the organization's investment and the standing cost.</summary>
public sealed class FeatureReader(StepwiseDb db, TimeProvider time)
{
    public const int DefaultStaleAfterDays = 30;

    public async Task<IReadOnlyList<FeatureSummary>> ListAsync(FeaturePhase? phase, Guid? unitId, string? search, CancellationToken ct)
    {
        var query = db.Features.AsNoTracking();
        if (phase is { } p) query = query.Where(f => f.Phase == p);
        if (unitId is { } u) query = query.Where(f => f.OwnerUnitId == u);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(f => f.Key.Contains(term) || f.Name.ToLower().Contains(term));
        }
        var features = await query.OrderBy(f => f.Key).Take(1000).ToListAsync(ct);
        var units = await UnitNamesAsync(ct);
        return [.. features.Select(f => new FeatureSummary(f.Key, f.Name, f.OwnerUnitId, units.GetValueOrDefault(f.OwnerUnitId, "?"), f.Phase, f.PhaseSince,
            f.HypothesisStatement, f.SuccessMetrics.Count, f.FlagKeys))];
    }

    public async Task<FeatureDetails?> DetailsAsync(string key, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking().AsSplitQuery().Include(f => f.Decisions).Include(f => f.Investments).Include(f => f.Allocations)
            .FirstOrDefaultAsync(f => f.Key == key, ct);
        if (feature is null) return null;
        var unitName = await db.Units.Where(u => u.Id == feature.OwnerUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "?";
        var headcount = await HeadcountAsync([feature.OwnerUnitId], ct);
        var decisions = feature.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id)
            .Select(d => new DecisionView(d.Id, d.Kind, d.FromPhase, d.ToPhase, d.Rationale, d.Evidence, d.MeasuredEffect, d.DecidedBy, d.DecidedAt)).ToList();
        return new FeatureDetails(feature.Key, feature.Name, feature.Summary, feature.OwnerUnitId, unitName, feature.Phase, feature.PhaseSince, feature.CreatedAt,
            feature.FirstValueAt, feature.FullReleaseAt,
            new HypothesisView(feature.HypothesisStatement, feature.SuccessMetrics, feature.GuardrailMetrics),
            await FlagsAsync(feature.FlagKeys, ct), decisions,
            [.. feature.Allocations.OrderBy(a => a.From).Select(a => new AllocationView(a.Id, a.Share, a.From, a.To))],
            Investment(feature, headcount));
    }

    /// <summary>
    /// The experiments run on the feature's flags, oldest first, each with a link to its analysis that already asks for the
    /// feature's own hypothesis metrics (those the catalogue knows; guardrails only where it has a margin for them).
    /// </summary>
    public async Task<IReadOnlyList<FeatureExperimentView>> ExperimentsAsync(string featureKey, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking().FirstOrDefaultAsync(f => f.Key == featureKey, ct);
        if (feature is null || feature.FlagKeys.Count == 0) return [];
        var flags = await db.Flags.AsNoTracking().Where(f => feature.FlagKeys.Contains(f.Key)).ToDictionaryAsync(f => f.Id, f => f.Key, ct);
        var flagIds = flags.Keys.ToList();
        var experiments = await db.Experiments.AsNoTracking().Where(e => flagIds.Contains(e.FlagId)).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        if (experiments.Count == 0) return [];
        var wanted = feature.SuccessMetrics.Select(m => m.MetricKey).Concat(feature.GuardrailMetrics.Select(m => m.MetricKey)).ToList();
        var catalogue = await db.Metrics.AsNoTracking().Where(m => wanted.Contains(m.Key)).ToDictionaryAsync(m => m.Key, m => m.GuardrailMargin, ct);
        var query = feature.SuccessMetrics.Where(m => catalogue.ContainsKey(m.MetricKey)).Select(m => $"metric={Uri.EscapeDataString(m.MetricKey)}")
            .Concat(feature.GuardrailMetrics.Where(m => catalogue.GetValueOrDefault(m.MetricKey) is not null).Select(m => $"guardrail={Uri.EscapeDataString(m.MetricKey)}"))
            .ToList();
        var suffix = query.Count == 0 ? "" : "?" + string.Join('&', query.Append("run=1"));
        return [.. experiments.Select(e => new FeatureExperimentView(e.Key, e.Name, flags[e.FlagId], e.Status, e.StartedAt, e.StoppedAt,
            $"/delivery/experiments/{Uri.EscapeDataString(e.Key)}/analysis{suffix}"))];
    }

    /// <summary>The feature that lists the experiment's flag, if any: an experiment's page says which bet it is measuring.</summary>
    public async Task<FeatureLinkView?> OfExperimentAsync(string experimentKey, CancellationToken ct)
    {
        var flag = await db.Experiments.AsNoTracking().Where(e => e.Key == experimentKey)
            .Join(db.Flags.AsNoTracking(), e => e.FlagId, f => f.Id, (e, f) => f.Key).FirstOrDefaultAsync(ct);
        if (flag is null) return null;
        // Flag keys are a JSON list: matched in memory so both providers behave the same.
        var features = await db.Features.AsNoTracking().Where(f => f.Phase != FeaturePhase.Removed).OrderBy(f => f.CreatedAt)
            .Select(f => new { f.Key, f.Name, f.FlagKeys }).ToListAsync(ct);
        return features.Where(f => f.FlagKeys.Contains(flag)).Select(f => new FeatureLinkView(f.Key, f.Name)).FirstOrDefault();
    }

    /// <summary>Person-weeks per phase, summed per tribe (the unit above the owning squad), over every feature.</summary>
    public async Task<OrgInvestmentView> OrgInvestmentAsync(CancellationToken ct)
    {
        var features = await db.Features.AsNoTracking().AsSplitQuery().Include(f => f.Decisions).Include(f => f.Investments).Include(f => f.Allocations).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Kind, u.ParentId }).ToDictionaryAsync(u => u.Id, ct);
        var headcount = await HeadcountAsync([.. features.Select(f => f.OwnerUnitId).Distinct()], ct);
        var byUnit = new Dictionary<Guid, Dictionary<FeaturePhase, double>>();
        var totals = Enum.GetValues<FeaturePhase>().ToDictionary(p => p, _ => 0.0);
        foreach (var feature in features)
        {
            var group = feature.OwnerUnitId;
            for (var depth = 0; units.TryGetValue(group, out var unit) && unit.Kind != UnitKind.Tribe && unit.ParentId is { } parent && depth < 32; depth++) group = parent;
            if (!units.TryGetValue(group, out var found) || found.Kind != UnitKind.Tribe) group = feature.OwnerUnitId;
            var phases = byUnit.TryGetValue(group, out var existing) ? existing : byUnit[group] = Enum.GetValues<FeaturePhase>().ToDictionary(p => p, _ => 0.0);
            foreach (var week in Investment(feature, headcount).Weeks)
            {
                phases[week.Phase] += week.PersonWeeks;
                totals[week.Phase] += week.PersonWeeks;
            }
        }
        var rows = byUnit.Select(e => new UnitPhaseInvestment(e.Key, units.TryGetValue(e.Key, out var u) ? u.Name : "?",
                e.Value.ToDictionary(p => p.Key, p => Math.Round(p.Value, 1))))
            .OrderByDescending(r => r.Total).ThenBy(r => r.UnitName, StringComparer.Ordinal).ToList();
        return new OrgInvestmentView(rows, totals.ToDictionary(t => t.Key, t => Math.Round(t.Value, 1)), features.Count);
    }

    /// <summary>
    /// Standing cost: rollouts released to everyone more than <paramref name="staleAfterDays"/> days ago whose flag still ships,
    /// and maintained features whose measured value falls short of the effect their hypothesis said was worth having.
    /// </summary>
    public async Task<MaintenanceView> MaintenanceAsync(int staleAfterDays, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var released = await (from plan in db.RolloutPlans.AsNoTracking()
                              join flag in db.Flags.AsNoTracking() on plan.FlagId equals flag.Id
                              join environment in db.Environments.AsNoTracking() on plan.EnvironmentId equals environment.Id
                              where plan.Status == RolloutStatus.Released && !flag.Archived
                              select new { flag.Key, flag.Name, Environment = environment.Key, plan.StageStartedAt }).ToListAsync(ct);
        var features = await db.Features.AsNoTracking().Include(f => f.Decisions).ToListAsync(ct);
        var featureOfFlag = features.Where(f => f.Phase != FeaturePhase.Removed).SelectMany(f => f.FlagKeys.Select(k => (Flag: k, f.Key)))
            .GroupBy(x => x.Flag).ToDictionary(g => g.Key, g => g.First().Key);
        var stale = new List<StaleFlag>();
        foreach (var plan in released)
        {
            // Released = the last stage is live; it has been since that stage started.
            if (plan.StageStartedAt is not { } at) continue;
            var days = (int)(now - at).TotalDays;
            if (days >= staleAfterDays) stale.Add(new StaleFlag(plan.Key, plan.Name, plan.Environment, at, days, featureOfFlag.GetValueOrDefault(plan.Key)));
        }
        var units = await UnitNamesAsync(ct);
        var unjustified = new List<UnjustifiedFeature>();
        foreach (var feature in features.Where(f => f.Phase == FeaturePhase.MaintainIt))
        {
            var owner = units.GetValueOrDefault(feature.OwnerUnitId, "?");
            var minimum = feature.SuccessMetrics.FirstOrDefault()?.MinimumEffect;
            var measured = feature.Decisions.OrderBy(d => d.DecidedAt).LastOrDefault(d => d.MeasuredEffect is not null)?.MeasuredEffect;
            if (measured is null)
                unjustified.Add(new UnjustifiedFeature(feature.Key, feature.Name, owner, feature.Phase, "No measured value was recorded at any gate.", null, minimum));
            else if (minimum is { } m && measured < m)
                unjustified.Add(new UnjustifiedFeature(feature.Key, feature.Name, owner, feature.Phase,
                    $"Measured {DeliveryValidation.Percent(measured.Value)} on {feature.SuccessMetrics[0].MetricKey}, below the {DeliveryValidation.Percent(m)} the hypothesis called worth having.", measured, m));
        }
        return new MaintenanceView(staleAfterDays, [.. stale.OrderByDescending(s => s.Days)], unjustified);
    }

    private InvestmentView Investment(Feature feature, IReadOnlyDictionary<Guid, List<(DateOnly From, DateOnly? To)>> headcount)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = DateOnly.FromDateTime(feature.CreatedAt.UtcDateTime);
        var end = feature.Phase == FeaturePhase.Removed ? DateOnly.FromDateTime(feature.PhaseSince.UtcDateTime) : today;
        var phases = new List<PhaseChange> { new(feature.CreatedAt, FeaturePhase.ThinkIt) };
        phases.AddRange(feature.Decisions.OrderBy(d => d.DecidedAt).Where(d => d.ToPhase != d.FromPhase).Select(d => new PhaseChange(d.DecidedAt, d.ToPhase)));
        var memberships = headcount.GetValueOrDefault(feature.OwnerUnitId) ?? [];
        var weeks = InvestmentCalculator.Weekly(start, end, phases, feature.Investments.ToDictionary(e => e.WeekStart, e => e.PersonWeeks), feature.Allocations,
            week => memberships.Count(m => m.From <= week && (m.To is null || m.To > week)));
        var firstValueWeek = feature.FirstValueAt is { } first ? InvestmentCalculator.WeekOf(DateOnly.FromDateTime(first.UtcDateTime)) : (DateOnly?)null;
        var releaseWeek = feature.FullReleaseAt is { } full ? InvestmentCalculator.WeekOf(DateOnly.FromDateTime(full.UtcDateTime)) : (DateOnly?)null;
        return new InvestmentView(weeks,
            Math.Round(weeks.Sum(w => w.PersonWeeks), 2),
            Math.Round(weeks.Where(w => firstValueWeek is null || w.WeekStart < firstValueWeek).Sum(w => w.PersonWeeks), 2),
            Math.Round(weeks.Where(w => releaseWeek is null || w.WeekStart < releaseWeek).Sum(w => w.PersonWeeks), 2),
            feature.FirstValueAt is { } reached ? Math.Round((reached - feature.CreatedAt).TotalDays, 1) : null);
    }

    private async Task<IReadOnlyDictionary<Guid, List<(DateOnly From, DateOnly? To)>>> HeadcountAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking().Where(m => unitIds.Contains(m.UnitId)).Select(m => new { m.UnitId, m.From, m.To }).ToListAsync(ct);
        return rows.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Select(r => (r.From, r.To)).ToList());
    }

    private async Task<IReadOnlyList<FeatureFlagView>> FlagsAsync(List<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var flags = await db.Flags.AsNoTracking().Where(f => keys.Contains(f.Key)).Select(f => new { f.Id, f.Key, f.Name, f.Archived }).ToListAsync(ct);
        var ids = flags.Select(f => f.Id).ToList();
        var production = await (from plan in db.RolloutPlans.AsNoTracking()
                                join environment in db.Environments.AsNoTracking() on plan.EnvironmentId equals environment.Id
                                where ids.Contains(plan.FlagId) && environment.Key == DeliveryEnvironment.Production
                                select plan).ToListAsync(ct);
        return [.. keys.Select(key =>
        {
            var flag = flags.FirstOrDefault(f => f.Key == key);
            if (flag is null) return new FeatureFlagView(key, false, null, false, null, null);
            var plan = production.Where(p => p.FlagId == flag.Id).OrderByDescending(p => p.CreatedAt).FirstOrDefault();
            return new FeatureFlagView(key, true, flag.Name, flag.Archived, plan?.Status.ToString(), plan?.CurrentShare);
        })];
    }

    private async Task<Dictionary<Guid, string>> UnitNamesAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
}
