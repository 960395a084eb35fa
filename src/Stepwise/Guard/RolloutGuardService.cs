using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;
using Stepwise.Delivery.Rollouts;
using Stepwise.Events.Analysis;
using Stepwise.Events.Metrics;
using Stepwise.Identity;

namespace Stepwise.Guard;

/// <summary>
/// Guarded rollouts: the guard plan of a rollout, the analysis of its current stage (units in the rollout against units
/// not in it, exposures since the stage started), and the check that pauses, rolls back, advances or asks for approval.
/// Every change to the rollout goes through <see cref="RolloutService"/>, so the payload, the live update and the audit
/// entry happen exactly as when a person clicks.
/// </summary>
public sealed class RolloutGuardService(
    StepwiseDb db, DeliveryPermissions permissions, RolloutService rollouts, ExperimentAnalysisService analysis,
    Events.Storage.EventStoreProvider stores, GuardNotifications notifications, TimeProvider time)
{
    public const string ActorName = "Stepwise guard";
    public const string InRollout = "in-rollout";
    public const string NotInRollout = "not-in-rollout";

    /// <summary>The identity the guard acts as: an administrator that is clearly not a person.</summary>
    public static readonly ClaimsPrincipal Actor = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, ActorName), new Claim(ClaimTypes.Role, Roles.Admin)], "stepwise-guard"));

    public async Task<Outcome<RolloutGuard>> SetGuardAsync(ClaimsPrincipal user, Guid id, GuardRequest request, CancellationToken ct)
    {
        var plan = await db.RolloutPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Outcome<RolloutGuard>.NotFound("No such rollout plan.");
        var guard = new RolloutGuard
        {
            SuccessMetrics = (request.SuccessMetrics ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList(),
            Guardrails = (request.Guardrails ?? []).Where(g => g is not null).Select(g => g with { MetricKey = g.MetricKey?.Trim() ?? "" }).ToList(),
            Alpha = request.Alpha ?? 0.05,
            Power = request.Power ?? 0.8,
            AutoAdvance = request.AutoAdvance ?? false,
            OnHarm = request.OnHarm ?? GuardHarmAction.RollBack,
            Completion = request.Completion ?? StageCompletion.Both,
            HoldbackDays = request.HoldbackDays ?? 14,
            AutoReleaseHoldback = request.AutoReleaseHoldback ?? false,
        };
        var errors = await ValidateAsync(guard, request, ct);
        if (errors.Any) return Outcome<RolloutGuard>.Invalid(errors);
        var flag = await db.Flags.AsNoTracking().FirstAsync(f => f.Id == plan.FlagId, ct);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<RolloutGuard>.Forbidden(FlagService.NotYours(flag));
        if (plan.Status is RolloutStatus.RolledBack || plan.HoldbackReleased)
            return Outcome<RolloutGuard>.Conflict("The rollout is over; there is nothing left to guard.");
        plan.Guard = guard;
        await db.SaveChangesAsync(ct);
        return guard;
    }

    private async Task<FieldErrors> ValidateAsync(RolloutGuard guard, GuardRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var keys = guard.SuccessMetrics.Concat(guard.Guardrails.Select(g => g.MetricKey)).Distinct().ToList();
        var catalogue = await db.Metrics.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        if (guard.SuccessMetrics.Count > 20) errors.Add("successMetrics", "At most 20 success metrics.");
        if (guard.Guardrails.Count > 20) errors.Add("guardrails", "At most 20 guardrails.");
        foreach (var key in guard.SuccessMetrics.Where(k => !catalogue.ContainsKey(k))) errors.Add("successMetrics", $"No metric '{key}' in the catalogue.");
        for (var i = 0; i < guard.Guardrails.Count; i++)
        {
            var g = guard.Guardrails[i];
            if (!catalogue.TryGetValue(g.MetricKey, out var metric)) errors.Add($"guardrails[{i}].metricKey", $"No metric '{g.MetricKey}' in the catalogue.");
            else if (g.Margin is { } margin && (double.IsNaN(margin) || margin <= 0 || margin > 1)) errors.Add($"guardrails[{i}].margin", "A margin is a relative change in (0, 1].");
            else if (g.Margin is null && metric.GuardrailMargin is null) errors.Add($"guardrails[{i}].margin", $"Metric '{g.MetricKey}' has no guardrail margin in the catalogue; give one here.");
            else if (guard.SuccessMetrics.Contains(g.MetricKey)) errors.Add($"guardrails[{i}].metricKey", $"'{g.MetricKey}' is already a success metric.");
        }
        if (guard.Guardrails.Select(g => g.MetricKey).Distinct().Count() != guard.Guardrails.Count) errors.Add("guardrails", "Each guardrail appears once.");
        if (double.IsNaN(guard.Alpha) || guard.Alpha <= 0 || guard.Alpha >= 0.5) errors.Add("alpha", "'alpha' must be between 0 and 0.5.");
        if (double.IsNaN(guard.Power) || guard.Power < 0.5 || guard.Power > 0.99) errors.Add("power", "'power' must be between 0.5 and 0.99.");
        if (guard.HoldbackDays is < 0 or > RolloutGuard.MaxHoldbackDays) errors.Add("holdbackDays", $"'holdbackDays' must be between 0 and {RolloutGuard.MaxHoldbackDays}.");
        if (request.OnHarm is { } onHarm && !Enum.IsDefined(onHarm)) errors.Add("onHarm", "'onHarm' is Pause or RollBack.");
        if (request.Completion is { } completion && !Enum.IsDefined(completion)) errors.Add("completion", "'completion' is Sample, Duration or Both.");
        return errors;
    }

    /// <summary>The current stage's analysis and what the guard would do now, without doing it.</summary>
    public async Task<Outcome<RolloutAnalysisView>> AnalyzeAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.RolloutPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Outcome<RolloutAnalysisView>.NotFound("No such rollout plan.");
        return await AnalyzePlanAsync(plan, time.GetUtcNow(), ct);
    }

    /// <summary>Runs the guard on one rollout now (the same check the schedule makes), for the rollout's owners.</summary>
    public async Task<Outcome<SnapshotView>> CheckAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var plan = await db.RolloutPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Outcome<SnapshotView>.NotFound("No such rollout plan.");
        var flag = await db.Flags.AsNoTracking().FirstAsync(f => f.Id == plan.FlagId, ct);
        if (!await permissions.CanEditFlagAsync(user, flag, ct)) return Outcome<SnapshotView>.Forbidden(FlagService.NotYours(flag));
        if (plan.Guard is null) return Outcome<SnapshotView>.Conflict("The rollout has no guard plan; set one first.");
        var snapshot = await GuardAsync(plan.Id, ct);
        return snapshot is null ? Outcome<SnapshotView>.Conflict("The rollout is not live; there is nothing to check.") : SnapshotView.From(snapshot);
    }

    /// <summary>One check of one guarded rollout: analyse, decide, act through <see cref="RolloutService"/>, notify, store the snapshot.</summary>
    public async Task<AnalysisSnapshot?> GuardAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.RolloutPlans.AsNoTracking().FirstAsync(p => p.Id == id, ct);
        if (plan.Guard is null || !(plan.Status == RolloutStatus.Running || (plan.Status == RolloutStatus.Released && !plan.HoldbackReleased))) return null;
        var now = time.GetUtcNow();
        var view = await AnalyzePlanAsync(plan, now, ct);
        if (!view.Succeeded) return null;
        var result = view.Value!;
        var verdict = result.Verdict;
        var reason = $"Guard: {verdict.Reason}";
        var request = new RolloutActionRequest(plan.CurrentStage, reason, null);
        var stops = verdict.Kind is GuardVerdictKind.Pause or GuardVerdictKind.RollBack;
        // A pause or rollback is announced in the same save as the change itself (the rollout step's save).
        if (stops) await notifications.NotifyAsync(plan, result.Flag, verdict, ct);
        Outcome<RolloutView>? step = verdict.Kind switch
        {
            GuardVerdictKind.Pause => await rollouts.PauseAsync(Actor, plan.Id, request, ct),
            GuardVerdictKind.RollBack => await rollouts.RollBackAsync(Actor, plan.Id, request, ct),
            GuardVerdictKind.Advance => await rollouts.AdvanceAsync(Actor, plan.Id,
                request with { Override = plan.StageStartedAt + plan.MinimumStageDuration > now ? true : null }, ct),
            GuardVerdictKind.ReleaseHoldback => await rollouts.ReleaseHoldbackAsync(Actor, plan.Id, request, ct),
            _ => null,
        };
        var action = verdict.Kind.ToString();
        if (step is { Succeeded: false })
        {
            action = $"{verdict.Kind}Refused";
            if (stops) notifications.Discard(); // the change did not happen, so neither does its announcement
        }

        var tracked = await db.RolloutPlans.FirstAsync(p => p.Id == plan.Id, ct);
        var approval = verdict.Kind is GuardVerdictKind.AwaitApproval or GuardVerdictKind.HoldbackDue ? verdict.Reason : null;
        var newlyAwaiting = approval is not null && tracked.AwaitingApproval is null;
        tracked.AwaitingApproval = approval;
        var snapshot = SnapshotRecorder.Rollout(plan, result, now, action, verdict.Reason);
        var previous = await db.AnalysisSnapshots.AsNoTracking().Where(s => s.RolloutPlanId == plan.Id).OrderByDescending(s => s.AsOf)
            .Select(s => s.GuardAction).FirstOrDefaultAsync(ct);
        var notify = verdict.Kind switch
        {
            GuardVerdictKind.AwaitApproval or GuardVerdictKind.HoldbackDue => newlyAwaiting,
            GuardVerdictKind.Alert => previous != action,
            _ => false,
        };
        if (notify) await notifications.NotifyAsync(plan, result.Flag, verdict, ct);
        db.AnalysisSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        return snapshot;
    }

    internal async Task<Outcome<RolloutAnalysisView>> AnalyzePlanAsync(RolloutPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().Where(f => f.Id == plan.FlagId).Select(f => f.Key).FirstAsync(ct);
        var environment = await db.Environments.AsNoTracking().FirstAsync(e => e.Id == plan.EnvironmentId, ct);
        var problems = new List<string>();
        var guard = plan.Guard;
        var (start, end) = plan.IncludedRange;
        var share = end - start;
        var stage = Math.Max(0, plan.CurrentStage);
        ExperimentAnalysisResult? result = null;
        long? required = null;
        double? perDay = null;
        long units = 0;
        if (!plan.IsLive || plan.CurrentStage < 0) problems.Add("The rollout is not live; there are no stage exposures to analyse.");
        else if (plan.HoldbackReleased || share >= 1) problems.Add("Everyone has the value; there is no one left to compare with.");
        else
        {
            var metrics = await MetricsAsync(guard, problems, ct);
            var subject = new AnalysisSubject(plan.AnalysisKey, environment.Id, environment.Key,
                [new SubjectVariation(NotInRollout, 1 - share), new SubjectVariation(InRollout, share)], plan.StageStartedAt);
            var measured = await analysis.MeasureAsync(subject, metrics, guard?.SuccessMetrics ?? [], now, ct);
            units = measured.Exposures.Sum(e => e.Analysed);
            var margins = metrics.Where(m => guard?.Guardrails.Any(g => g.MetricKey == m.Key) == true).ToDictionary(m => m.Key, m => m.GuardrailMargin!.Value);
            required = StageSample.Required(measured.Data, margins, guard?.Alpha ?? 0.05, guard?.Power ?? 0.8);
            var elapsedDays = plan.StageStartedAt is { } started ? (now - started).TotalDays : 0;
            perDay = elapsedDays > 0 ? units / elapsedDays : null;
            var report = ExperimentAnalysisService.Report(measured, Math.Max(required ?? 0, Math.Max(1000, units)), guard?.Alpha ?? 0.05);
            if (report.Succeeded) result = report.Value;
            else problems.AddRange(report.Messages);
        }

        var verdict = guard is null
            ? new GuardVerdict(GuardVerdictKind.Hold, "No guard plan: this rollout advances only by hand.")
            : result is null && plan.Status == RolloutStatus.Running
                ? new GuardVerdict(GuardVerdictKind.Hold, string.Join(" ", problems))
                : GuardRule.Decide(Check(plan, guard, result, units, required, now));
        var daysToSample = required is { } r && perDay is > 0 ? Math.Max(0, (r - units) / perDay.Value) : (double?)null;
        return new RolloutAnalysisView(plan.Id, flag, environment.Key, stage, share, plan.StageStartedAt, guard, required, perDay, daysToSample,
            verdict, result, problems);
    }

    private static GuardCheck Check(RolloutPlan plan, RolloutGuard guard, ExperimentAnalysisResult? result, long units, long? required, DateTimeOffset now)
    {
        var rows = result?.Results ?? [];
        GuardMetricOutcome Outcome(MetricResultView r) => new(r.Metric, r.Outcome, r.RelativeEffect);
        return new GuardCheck(plan.Status, plan.HoldbackReleased, guard, result?.SrmMismatch ?? false, result?.SrmPValue,
            rows.Where(r => r.Role == "Guardrail").Select(Outcome).ToList(), rows.Where(r => r.Role == "Success").Select(Outcome).ToList(),
            units, required, plan.StageStartedAt is { } s ? now - s : TimeSpan.Zero, plan.MinimumStageDuration,
            plan.ReleasedAt is { } released ? now - released : null);
    }

    /// <summary>
    /// The guard's metrics from the catalogue with the plan's margins, and CUPED switched off: in a later stage the units
    /// in the rollout had the value before the stage began, so their pre-period is already treated and would bias the adjustment.
    /// </summary>
    private async Task<List<ProductMetric>> MetricsAsync(RolloutGuard? guard, List<string> problems, CancellationToken ct)
    {
        if (guard is null) return [];
        var keys = guard.SuccessMetrics.Concat(guard.Guardrails.Select(g => g.MetricKey)).Distinct().ToList();
        var catalogue = await db.Metrics.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        var metrics = new List<ProductMetric>();
        foreach (var key in keys)
        {
            if (!catalogue.TryGetValue(key, out var metric))
            {
                problems.Add($"Metric '{key}' is no longer in the catalogue.");
                continue;
            }
            var margin = guard.Guardrails.FirstOrDefault(g => g.MetricKey == key)?.Margin ?? metric.GuardrailMargin;
            metric.CupedPrePeriodDays = 0;
            metric.GuardrailMargin = guard.Guardrails.Any(g => g.MetricKey == key) ? margin : null;
            metrics.Add(metric);
        }
        return metrics;
    }

    /// <summary>Measured overlap of a running or stopped experiment with everything else running in its environment.</summary>
    public async Task<Outcome<OverlapView>> ExperimentOverlapAsync(string key, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct);
        if (experiment is null) return Outcome<OverlapView>.NotFound($"No experiment '{key}'.");
        return await OverlapAsync(experiment.Key, experiment.EnvironmentId, ct);
    }

    /// <summary>Measured overlap of an exposure key with every other running experiment and rollout in its environment.</summary>
    public async Task<OverlapView> OverlapAsync(string key, Guid environmentId, CancellationToken ct)
    {
        var store = stores.Get();
        var sql = OverlapQuery.Sql(store.Dialect, environmentId, key, time.GetUtcNow().UtcDateTime);
        var unitsSql = $"SELECT COUNT(DISTINCT unit_id) FROM event_exposures WHERE environment_id = {store.Dialect.Uuid(environmentId)} AND experiment = {SqlDialect.Text(key)}";
        var rows = await store.QueryAsync(sql, ct);
        var total = await store.QueryAsync(unitsSql, ct) is [var first, ..] ? Convert.ToInt64(first[0] ?? 0L, CultureInfo.InvariantCulture) : 0;
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.EnvironmentId == environmentId && e.Status == ExperimentStatus.Running)
            .ToDictionaryAsync(e => e.Key, e => e.Name, ct);
        var live = await db.RolloutPlans.AsNoTracking().Where(p => p.EnvironmentId == environmentId
                && (p.Status == RolloutStatus.Running || p.Status == RolloutStatus.Paused || p.Status == RolloutStatus.Released))
            .Join(db.Flags, p => p.FlagId, f => f.Id, (p, f) => new { p.Id, f.Key }).ToListAsync(ct);
        var rolloutNames = live.ToDictionary(p => $"rollout-{p.Id:N}", p => $"{p.Key} rollout");
        var others = new List<OverlapRow>();
        foreach (var row in rows)
        {
            var other = (string)row[0]!;
            var shared = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
            var share = total == 0 ? 0 : (double)shared / total;
            if (experiments.TryGetValue(other, out var name)) others.Add(new OverlapRow(other, "experiment", name, shared, share));
            else if (rolloutNames.TryGetValue(other, out var rollout)) others.Add(new OverlapRow(other, "rollout", rollout, shared, share));
        }
        return new OverlapView(key, total, others, sql);
    }
}
