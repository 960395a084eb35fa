using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;

namespace Stepwise.Events.Analysis;

/// <summary>
/// Analyses an experiment from the event store: the generated SQL computes per-variation sufficient statistics
/// where the events are, and Stepwise.Stats turns them into SRM, effects with intervals, CUPED, always-valid
/// p-values, guardrail non-inferiority and the recommendation.
/// </summary>
public sealed class ExperimentAnalysisService(StepwiseDb db, EventStoreProvider stores, TimeProvider time)
{
    public const int MaxMetrics = 50;

    public async Task<Outcome<ExperimentAnalysisResult>> AnalyzeAsync(string experimentKey, AnalysisRequest request, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == experimentKey, ct);
        if (experiment is null) return Outcome<ExperimentAnalysisResult>.NotFound($"No experiment '{experimentKey}'.");
        var environment = await db.Environments.AsNoTracking().FirstAsync(e => e.Id == experiment.EnvironmentId, ct);

        var errors = new FieldErrors();
        var successKeys = (request.Metrics ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
        var guardrailKeys = (request.Guardrails ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().Except(successKeys).ToList();
        var keys = successKeys.Concat(guardrailKeys).ToList();
        if (keys.Count > MaxMetrics) errors.Add("metrics", $"At most {MaxMetrics} metrics can be analysed at once.");
        var catalogue = await db.Metrics.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, ct);
        foreach (var key in keys.Where(k => !catalogue.ContainsKey(k))) errors.Add(successKeys.Contains(key) ? "metrics" : "guardrails", $"No metric '{key}' in the catalogue.");
        foreach (var key in guardrailKeys.Where(k => catalogue.TryGetValue(k, out var m) && m.GuardrailMargin is null))
            errors.Add("guardrails", $"Metric '{key}' has no guardrail margin; set one in the catalogue to use it as a guardrail.");
        if (request.PlannedUnits is <= 0) errors.Add("plannedUnits", "'plannedUnits' must be positive.");
        if (request.Alpha is { } a && a is <= 0 or >= 0.5) errors.Add("alpha", "'alpha' must be between 0 and 0.5.");
        if (errors.Any) return Outcome<ExperimentAnalysisResult>.Invalid(errors);

        var metrics = keys.Select(k => catalogue[k]).ToList();
        var subject = new AnalysisSubject(experiment.Key, environment.Id, environment.Key,
            experiment.Variations.Select(v => new SubjectVariation(v.Key, v.Weight)).ToList());
        var measured = await MeasureAsync(subject, metrics, successKeys, time.GetUtcNow(), ct);
        return Report(measured, request.PlannedUnits, request.Alpha ?? 0.05);
    }

    /// <summary>
    /// Runs the exposure and statistics queries for any exposure key (an experiment, or a rollout stage with
    /// <see cref="AnalysisSubject.Since"/>): the sufficient statistics, before any test is applied.
    /// </summary>
    public async Task<MeasuredSubject> MeasureAsync(AnalysisSubject subject, IReadOnlyList<ProductMetric> metrics, IReadOnlyCollection<string> successKeys,
        DateTimeOffset asOf, CancellationToken ct)
    {
        var store = stores.Get();
        var scope = new AnalysisScope(subject.EnvironmentId, subject.Key, metrics, asOf.UtcDateTime, subject.Since?.UtcDateTime);
        var clock = Stopwatch.StartNew();
        var (query, health, statistics, exposureSql) = await QueryAsync(store, stores.States, scope, ct);
        var statisticsSql = query.Sql;
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var variations = subject.Variations;
        var data = ToExperimentData(query, variations.Select(v => v.Key).ToList(), metrics, successKeys, statistics);
        var exposures = variations.Select((v, i) =>
        {
            var h = health.FirstOrDefault(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture) == i);
            return new VariationExposure(i, v.Key, h is null ? 0 : Convert.ToInt64(h[1], CultureInfo.InvariantCulture),
                h is null ? 0 : Convert.ToInt64(h[2], CultureInfo.InvariantCulture), data.UnitCounts[i], v.Weight);
        }).ToList();
        return new MeasuredSubject(subject, metrics, asOf, store.Dialect.Name, data, exposures, statisticsSql, exposureSql, elapsed);
    }

    /// <summary>
    /// The exposure-health and statistics rows: from the store's per-unit state when it has one that covers
    /// <see cref="AnalysisScope.End"/>, else from the raw events (same numbers up to the order of additions).
    /// </summary>
    public static async Task<(AnalysisQuery Query, IReadOnlyList<object?[]> Health, IReadOnlyList<object?[]> Statistics, string ExposureSql)> QueryAsync(
        IEventStore store, IAnalysisStateStore? states, AnalysisScope scope, CancellationToken ct)
    {
        if (states is not null)
        {
            var state = new AnalysisState(store.Dialect, scope);
            var stateQuery = new AnalysisQuery(store.Dialect, scope, state);
            var stateHealth = AnalysisQuery.ExposureHealth(state, store.Dialect);
            if (await states.QueryStateAsync(state, scope.End, [stateHealth, stateQuery.Sql], ct) is { } rows)
                return (stateQuery, rows[0], rows[1], stateHealth);
        }
        var query = new AnalysisQuery(store.Dialect, scope);
        var exposureSql = AnalysisQuery.ExposureHealth(store.Dialect, scope);
        var health = await store.QueryAsync(exposureSql, ct);
        var statistics = await store.QueryAsync(query.Sql, ct);
        return (query, health, statistics, exposureSql);
    }

    /// <summary>Applies Stepwise.Stats to measured statistics: SRM, effects, always-valid intervals, guardrails, decision.</summary>
    public static Outcome<ExperimentAnalysisResult> Report(MeasuredSubject measured, long? plannedUnits, double alpha)
    {
        var variations = measured.Subject.Variations;
        var exposures = measured.Exposures;
        var planned = plannedUnits ?? Math.Max(1000, exposures.Sum(e => e.Analysed));
        ExperimentReport report;
        try
        {
            report = ExperimentAnalysis.Analyze(measured.Data, new AnalysisOptions
            {
                Control = variations[0].Key,
                Alpha = alpha,
                Weights = variations.ToDictionary(v => v.Key, v => v.Weight),
                AlwaysValidPlannedUnits = planned,
            });
        }
        catch (ArgumentException e)
        {
            return Outcome<ExperimentAnalysisResult>.Invalid("experiment", e.Message);
        }
        var byName = measured.Metrics.ToDictionary(m => m.Key);
        return new ExperimentAnalysisResult(
            measured.Subject.Key, measured.Subject.EnvironmentKey, measured.AsOf, measured.Store, alpha, report.AlwaysValid, planned,
            exposures.Sum(e => e.Units), exposures.Sum(e => e.MultipleVariations), exposures,
            ExperimentAnalysisResult.Finite(report.Srm.PValue), report.Srm.IsMismatch,
            report.Results.Select(r => ExperimentAnalysisResult.View(r, byName[r.Metric])).ToList(),
            report.Decisions.Select(d => new DecisionView(d.Variant, d.Recommendation.ToString(), d.Reasons)).ToList(),
            measured.StatisticsSql, measured.ExposureSql, measured.QueryMilliseconds);
    }

    /// <summary>Maps the statistics query's rows to Stepwise.Stats input.</summary>
    public static ExperimentData ToExperimentData(AnalysisQuery query, IReadOnlyList<string> variations, IReadOnlyList<ProductMetric> metrics,
        IReadOnlyCollection<string> successKeys, IReadOnlyList<object?[]> rows)
    {
        var (units, sums) = query.Read(rows, variations.Count);
        var data = new List<MetricData>();
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var moments = variations.Select((_, v) =>
            {
                var s = sums[v][m];
                return CoMoments.FromSums(s.Units, s.SumY, s.SumX, s.SumYY, s.SumXX, s.SumXY);
            }).ToList();
            data.Add(new MetricData(Definition(metric, successKeys.Contains(metric.Key)), moments,
                metric.Kind is MetricKind.Conversion or MetricKind.Retention));
        }
        return new ExperimentData(variations, units, data);
    }

    public static MetricDefinition Definition(ProductMetric metric, bool success) => new(metric.Key)
    {
        Type = metric.Kind switch
        {
            MetricKind.Conversion or MetricKind.Retention => MetricType.Proportion,
            MetricKind.Sum => MetricType.Mean,
            _ => MetricType.Ratio,
        },
        Role = success ? MetricRole.Success : MetricRole.Guardrail,
        PreferredDirection = metric.Direction,
        HasCovariate = metric.UsesCuped,
        NonInferiorityMargin = success ? null : metric.GuardrailMargin,
        MarginType = MarginType.Relative,
    };
}
