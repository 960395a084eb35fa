using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Api;
using Stepwise.Careers.Distribution;
using Stepwise.Careers.Steps;
using Stepwise.Careers.Surveys;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Reports;

/// <summary>
/// Step distribution, promotions and time in step, for the scope the viewer may see. Each report is a few grouped
/// queries (counts per step and group come back from the database, never the records), and hides groups too small to
/// be anonymous from everyone but HR.
/// </summary>
public sealed class CareerReportService(StepwiseDb db, ReportScopes scopes, TimeProvider time, IOptions<TargetDistributionOptions> target,
    IOptions<StepRecordsOptions> steps)
{
    public const string NoScope = "Reports show HR, administrators and leadership the organization, tribe leads their tribe and managers their reporting chain.";
    public const int MaxPeriods = 120;
    private const string Root = "";

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The distribution, with <paramref name="by"/> as the API and pages pass it ("tribe", "discipline", "location" or nothing).</summary>
    public async Task<Outcome<DistributionReport>> DistributionAsync(ClaimsPrincipal user, DateOnly? asOf, string? by, CancellationToken ct) =>
        Parse(by, Breakdown.Organization) is { } breakdown
            ? await DistributionAsync(user, asOf, breakdown, ct)
            : Outcome<DistributionReport>.Invalid("by", "'by' must be one of: organization, tribe, discipline, location.");

    public async Task<Outcome<PromotionsReport>> PromotionsAsync(ClaimsPrincipal user, DateOnly? from, DateOnly? to, string? period, CancellationToken ct) =>
        Parse(period, PromotionPeriod.Quarter) is { } p
            ? await PromotionsAsync(user, from, to, p, ct)
            : Outcome<PromotionsReport>.Invalid("period", "'period' must be one of: month, quarter, year.");

    private static T? Parse<T>(string? value, T fallback) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;

    public async Task<Outcome<DistributionReport>> DistributionAsync(ClaimsPrincipal user, DateOnly? asOf, Breakdown by, CancellationToken ct)
    {
        var date = asOf ?? Today;
        if (await scopes.ForAsync(user, date, ct) is not { } scope) return Outcome<DistributionReport>.Forbidden(NoScope);
        var current = StepQueries.On(db, date).Within(db, scope, date);
        var overall = await current.GroupBy(s => s.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var employed = await StepQueries.Employed(db, date).Within(db, scope, date).CountAsync(ct);
        var rows = await GroupRowsAsync(current, by, scope, date, ct);
        var targetShares = target.Value.Target;

        var total = overall.Values.Sum();
        var byGroup = rows.GroupBy(r => r.Key).Select(g => new { g.Key, Name = g.First().Name, Counts = g.ToDictionary(r => r.Level, r => r.Count) })
            .Select(g => new { g.Key, g.Name, g.Counts, People = g.Counts.Values.Sum() }).ToList();
        var visible = Visible(scope, total, byGroup.Select(g => (g.Key, g.People)));
        var groups = byGroup.OrderByDescending(g => g.People).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => visible.Contains(g.Key)
                ? new DistributionGroup(g.Key, g.Name, g.People, false, DistributionComparison.Compare(g.Counts, targetShares))
                : new DistributionGroup(g.Key, g.Name, 0, true, null))
            .ToList();
        var showOverall = visible.Contains(Root);
        return new DistributionReport(date, by, Frame(scope), steps.Value.MaxLevel, target.Value.FlagDeviationPoints, Normalised(targetShares),
            showOverall ? DistributionComparison.Compare(overall, targetShares) : null, showOverall ? Math.Max(0, employed - total) : 0,
            groups, groups.Count(g => g.Hidden));
    }

    public async Task<Outcome<PromotionsReport>> PromotionsAsync(ClaimsPrincipal user, DateOnly? from, DateOnly? to, PromotionPeriod period, CancellationToken ct)
    {
        var end = to ?? Today;
        var months = period switch { PromotionPeriod.Month => 1, PromotionPeriod.Quarter => 3, _ => 12 };
        var start = from ?? PeriodStart(end, months).AddMonths(-months * (period == PromotionPeriod.Year ? 4 : 7));
        if (start > end) return Outcome<PromotionsReport>.Invalid("from", "'from' must not be after 'to'.");
        var periods = Periods(start, end, months);
        if (periods.Count > MaxPeriods) return Outcome<PromotionsReport>.Invalid("period", $"At most {MaxPeriods} periods at once; choose a longer period or a shorter range.");
        if (await scopes.ForAsync(user, end, ct) is not { } scope) return Outcome<PromotionsReport>.Forbidden(NoScope);

        var promotions = db.StepRecords.Where(r => r.PreviousLevel != null && r.Level > r.PreviousLevel && r.EffectiveOn >= start && r.EffectiveOn <= end);
        // The tribe someone was in on the day of their promotion.
        var inTribe = from r in promotions
                      join m in db.Memberships on r.PersonId equals m.PersonId
                      where m.From <= r.EffectiveOn && (m.To == null || m.To > r.EffectiveOn)
                      join u in db.Units on m.UnitId equals u.Id
                      join t in db.Units on (u.Kind == UnitKind.Tribe ? (Guid?)u.Id : u.ParentId) equals (Guid?)t.Id
                      where t.Kind == UnitKind.Tribe
                      select new { r.Id, TribeId = t.Id, r.EffectiveOn };
        inTribe = inTribe.Distinct();
        if (scope.Kind == ScopeKind.Tribes)
        {
            var tribes = scope.TribeIds;
            inTribe = inTribe.Where(x => tribes.Contains(x.TribeId));
            promotions = promotions.Where(r => inTribe.Any(x => x.Id == r.Id));
        }
        else if (scope.Kind == ScopeKind.ReportingChain)
        {
            var people = scope.PersonIds;
            promotions = promotions.Where(r => people.Contains(r.PersonId));
            inTribe = inTribe.Where(x => promotions.Any(r => r.Id == x.Id));
        }

        var totals = await promotions.GroupBy(r => new { r.EffectiveOn.Year, Bucket = (r.EffectiveOn.Month - 1) / months })
            .Select(g => new { g.Key.Year, g.Key.Bucket, Count = g.Count() }).ToListAsync(ct);
        var perTribe = await inTribe.GroupBy(x => new { x.TribeId, x.EffectiveOn.Year, Bucket = (x.EffectiveOn.Month - 1) / months })
            .Select(g => new { g.Key.TribeId, g.Key.Year, g.Key.Bucket, Count = g.Count() }).ToListAsync(ct);

        // Group sizes for the small-group rule: people holding a step at the end of the range.
        var holders = StepQueries.On(db, end).Within(db, scope, end);
        var scopeSize = await holders.CountAsync(ct);
        var tribeSizes = await holders.Join(StepQueries.Tribes(db, end), s => s.PersonId, t => t.PersonId, (s, t) => t.TribeId)
            .GroupBy(t => t).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tribeIds = perTribe.Select(p => p.TribeId).Concat(tribeSizes.Keys).Distinct().ToList();
        if (scope.Kind == ScopeKind.Tribes) tribeIds = [.. tribeIds.Where(scope.TribeIds.Contains)];
        var names = await db.Units.AsNoTracking().Where(u => tribeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var visible = Visible(scope, scopeSize, tribeIds.Select(id => (id.ToString(), tribeSizes.GetValueOrDefault(id))));

        List<PromotionBucket> Buckets(Func<int, int, int> count) =>
            [.. periods.Select(p => new PromotionBucket(Label(p, period), p, count(p.Year, (p.Month - 1) / months)))];
        var byTribe = tribeIds.Where(names.ContainsKey).OrderBy(id => names[id], StringComparer.OrdinalIgnoreCase).Select(id =>
        {
            if (!visible.Contains(id.ToString())) return new PromotionUnit(id, names[id], 0, true, 0, []);
            var buckets = Buckets((y, b) => perTribe.Where(p => p.TribeId == id && p.Year == y && p.Bucket == b).Sum(p => p.Count));
            return new PromotionUnit(id, names[id], tribeSizes.GetValueOrDefault(id), false, buckets.Sum(b => b.Promotions), buckets);
        }).ToList();
        var hidden = !visible.Contains(Root);
        var overall = hidden ? [] : Buckets((y, b) => totals.Where(t => t.Year == y && t.Bucket == b).Sum(t => t.Count));
        return new PromotionsReport(start, end, period, Frame(scope), hidden, overall.Sum(b => b.Promotions), overall, byTribe, byTribe.Count(t => t.Hidden));
    }

    public async Task<Outcome<TimeInStepReport>> TimeInStepAsync(ClaimsPrincipal user, DateOnly? asOf, CancellationToken ct)
    {
        var date = asOf ?? Today;
        if (await scopes.ForAsync(user, date, ct) is not { } scope) return Outcome<TimeInStepReport>.Forbidden(NoScope);
        // A step is held since the latest decision that set it (a re-confirmation at the same step does not restart the clock).
        var rows = await StepQueries.On(db, date).Within(db, scope, date)
            .Select(s => new
            {
                s.Level,
                Since = db.StepRecords.Where(r => r.PersonId == s.PersonId && r.EffectiveOn <= s.EffectiveOn && (r.PreviousLevel == null || r.PreviousLevel != r.Level))
                    .Max(r => (DateOnly?)r.EffectiveOn) ?? s.EffectiveOn,
            })
            .GroupBy(x => new { x.Level, x.Since }).Select(g => new { g.Key.Level, g.Key.Since, Count = g.Count() })
            .ToListAsync(ct);
        var result = new List<TimeInStep>();
        for (var level = StepLevels.Min; level <= steps.Value.MaxLevel; level++)
        {
            var held = rows.Where(r => r.Level == level).Select(r => (Months: Tenure.Months(r.Since, date), Days: date.DayNumber - r.Since.DayNumber, r.Count)).ToList();
            var people = held.Sum(h => h.Count);
            if (!scope.Shows(people))
            {
                result.Add(new TimeInStep(level, StepLevels.Name(level), 0, true, null, []));
                continue;
            }
            var buckets = Tenure.Buckets.Select(b => new TenureBucket(b.Label, b.Min, b.Max,
                held.Where(h => h.Months >= b.Min && (b.Max is null || h.Months < b.Max)).Sum(h => h.Count))).ToList();
            result.Add(new TimeInStep(level, StepLevels.Name(level), people, false, Tenure.MedianMonths(held.Select(h => (h.Days, h.Count))), buckets));
        }
        return new TimeInStepReport(date, Frame(scope), result);
    }

    private async Task<List<(string Key, string Name, int Level, int Count)>> GroupRowsAsync(IQueryable<CurrentStep> current, Breakdown by, ReportScope scope,
        DateOnly date, CancellationToken ct)
    {
        switch (by)
        {
            case Breakdown.Tribe:
                var tribeRows = await current.Join(StepQueries.Tribes(db, date), s => s.PersonId, t => t.PersonId, (s, t) => new { t.TribeId, s.Level })
                    .GroupBy(x => new { x.TribeId, x.Level }).Select(g => new { g.Key.TribeId, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
                if (scope.Kind == ScopeKind.Tribes) tribeRows = [.. tribeRows.Where(r => scope.TribeIds.Contains(r.TribeId))];
                var ids = tribeRows.Select(r => r.TribeId).Distinct().ToList();
                var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
                return [.. tribeRows.Select(r => (r.TribeId.ToString(), names.GetValueOrDefault(r.TribeId, "?"), r.Level, r.Count))];
            case Breakdown.Discipline:
                var disciplines = await current.GroupBy(s => new { s.Discipline, s.Level }).Select(g => new { g.Key.Discipline, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
                return [.. disciplines.Select(r => (r.Discipline, Named(r.Discipline, "No discipline"), r.Level, r.Count))];
            case Breakdown.Location:
                var locations = await current.GroupBy(s => new { s.Location, s.Level }).Select(g => new { g.Key.Location, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
                return [.. locations.Select(r => (r.Location, Named(r.Location, "No location"), r.Level, r.Count))];
            default:
                return [];
        }
    }

    /// <summary>
    /// The groups (and the whole scope, keyed <see cref="Root"/>) this viewer may see. Hidden groups are chosen as for
    /// surveys, so the hidden ones cannot be worked out by subtracting the shown ones from the total.
    /// </summary>
    private static HashSet<string> Visible(ReportScope scope, int total, IEnumerable<(string Key, int People)> groups)
    {
        var list = groups.Where(g => g.Key != Root).ToList();
        if (!scope.HidesSmallGroups) return [Root, .. list.Select(g => g.Key)];
        var counts = new List<GroupCount> { new(Root, null, Math.Max(0, total - list.Sum(g => g.People))) };
        counts.AddRange(list.Select(g => new GroupCount(g.Key, Root, g.People)));
        return [.. Suppression.VisibleGroups(counts, scope.MinGroupSize)];
    }

    private static ReportFrame Frame(ReportScope scope) => new(scope.Kind, scope.Label, scope.HidesSmallGroups, scope.MinGroupSize);

    private static string Named(string value, string none) => string.IsNullOrWhiteSpace(value) ? none : value;

    private static Dictionary<int, double> Normalised(IReadOnlyDictionary<int, double> target) =>
        DistributionComparison.Compare(new Dictionary<int, int>(), target).Steps.ToDictionary(s => s.Level, s => s.TargetShare);

    private static DateOnly PeriodStart(DateOnly date, int months) => new(date.Year, (date.Month - 1) / months * months + 1, 1);

    private static List<DateOnly> Periods(DateOnly start, DateOnly end, int months)
    {
        var list = new List<DateOnly>();
        for (var p = PeriodStart(start, months); p <= end && list.Count <= MaxPeriods; p = p.AddMonths(months)) list.Add(p);
        return list;
    }

    public static string Label(DateOnly start, PromotionPeriod period) => period switch
    {
        PromotionPeriod.Month => $"{start.Year}-{start.Month:00}",
        PromotionPeriod.Quarter => $"{start.Year}-Q{(start.Month - 1) / 3 + 1}",
        _ => $"{start.Year}",
    };
}
