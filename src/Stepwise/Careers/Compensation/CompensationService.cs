using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Api;
using Stepwise.Careers.Steps;
using Stepwise.Data;

namespace Stepwise.Careers.Compensation;

/// <summary>Bands, salaries and their analysis. Every method checks the caller; every read of pay is audited through <see cref="SalaryReadAudit"/>.</summary>
public sealed partial class CompensationService(StepwiseDb db, SalaryReadAudit audit, TimeProvider time,
    IOptions<CompensationOptions> options, IOptions<StepRecordsOptions> steps)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<IReadOnlyList<LocationBands>>> BandsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CompensationAccess.CanReadAll(user)) return Outcome<IReadOnlyList<LocationBands>>.Forbidden("Bands are visible to compensation administrators and HR.");
        var bands = await db.SalaryBands.AsNoTracking().ToListAsync(ct);
        await audit.LogAsync("bands", "*", new { bands = bands.Count }, ct);
        return Outcome<IReadOnlyList<LocationBands>>.Ok(Shape(bands));
    }

    public async Task<Outcome<BandView>> SaveBandAsync(ClaimsPrincipal user, Guid? id, BandRequest request, CancellationToken ct)
    {
        if (!CompensationAccess.CanWrite(user)) return Outcome<BandView>.Forbidden("Only compensation administrators change bands.");
        var errors = new FieldErrors();
        if (request.Level is not { } level || level < StepLevels.Min || level > steps.Value.MaxLevel)
            errors.Add("level", $"'level' must be a step between {StepLevels.Min} and {steps.Value.MaxLevel}.");
        var location = request.Location?.Trim() ?? "";
        if (location.Length == 0) errors.Add("location", "'location' is required.");
        else if (!(await KnownLocationsAsync(ct)).Contains(location, StringComparer.OrdinalIgnoreCase))
            errors.Add("location", $"'{location}' is not a known location: nobody works there and it is not configured.");
        var currency = CheckCurrency(request.Currency, errors);
        if (request.Min is not { } min || min <= 0) errors.Add("min", "'min' must be a positive amount.");
        if (request.Max is not { } max || max <= 0) errors.Add("max", "'max' must be a positive amount.");
        if (request.Mid is null) errors.Add("mid", "'mid' is required.");
        if (request is { Min: { } lo, Max: { } hi } && lo > hi) errors.Add("min", $"'min' ({lo}) is above 'max' ({hi}).");
        if (request is { Min: { } a, Mid: { } m, Max: { } b } && a <= b && (m < a || m > b)) errors.Add("mid", $"'mid' ({m}) must lie between 'min' ({a}) and 'max' ({b}).");
        if (errors.Any) return Outcome<BandView>.Invalid(errors);

        var canonical = (await KnownLocationsAsync(ct)).First(l => string.Equals(l, location, StringComparison.OrdinalIgnoreCase));
        var band = id is { } bandId ? await db.SalaryBands.FirstOrDefaultAsync(b => b.Id == bandId, ct) : null;
        if (id is not null && band is null) return Outcome<BandView>.NotFound("No such band.");
        var clash = await db.SalaryBands.AnyAsync(b => b.Level == request.Level && b.Location == canonical && b.Id != (id ?? Guid.Empty), ct);
        if (clash) return Outcome<BandView>.Conflict($"Step {request.Level} already has a band in {canonical}; edit that one.");
        if (band is null)
        {
            band = new SalaryBand { Id = Guid.NewGuid(), Location = canonical, Currency = currency! };
            db.SalaryBands.Add(band);
        }
        band.Level = request.Level!.Value;
        band.Location = canonical;
        band.Currency = currency!;
        (band.Min, band.Mid, band.Max) = (request.Min!.Value, request.Mid!.Value, request.Max!.Value);
        await db.SaveChangesAsync(ct);
        var all = await db.SalaryBands.AsNoTracking().Where(b => b.Location == canonical).ToListAsync(ct);
        return Shape(all).Single().Bands.Single(b => b.Id == band.Id);
    }

    public async Task<Outcome<PersonPay>> AddSalaryAsync(ClaimsPrincipal user, Guid personId, SalaryRequest request, CancellationToken ct)
    {
        if (!CompensationAccess.CanWrite(user)) return Outcome<PersonPay>.Forbidden("Only compensation administrators record salaries.");
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) return Outcome<PersonPay>.NotFound("No such person.");
        var errors = new FieldErrors();
        if (request.Amount is not { } amount || amount <= 0) errors.Add("amount", "'amount' must be a positive amount.");
        var currency = CheckCurrency(request.Currency, errors);
        if (request.EffectiveOn is null) errors.Add("effectiveOn", "'effectiveOn' is required.");
        if (errors.Any) return Outcome<PersonPay>.Invalid(errors);
        db.SalaryRecords.Add(new SalaryRecord
        {
            Id = Guid.NewGuid(), PersonId = personId, Amount = request.Amount!.Value, Currency = currency!, EffectiveOn = request.EffectiveOn!.Value,
            RecordedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return await PersonAsync(user, personId, ct);
    }

    public async Task<Outcome<PayOverview>> OverviewAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CompensationAccess.CanReadAll(user)) return Outcome<PayOverview>.Forbidden("Pay is visible to compensation administrators and HR.");
        var people = await PayAsync(null, ct);
        await audit.LogAsync("all people", "*", new { people = people.Count }, ct);
        return new PayOverview(people, people.Count(p => p.Position == BandPosition.Below), people.Count(p => p.Position == BandPosition.Above),
            people.Count(p => p.Salary is null), people.Count(p => p.Band is null));
    }

    public async Task<Outcome<PersonPay>> PersonAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct)
    {
        if (!CompensationAccess.CanReadAll(user) && StepAccess.PersonOf(user) != personId)
            return Outcome<PersonPay>.Forbidden("Only the person, compensation administrators and HR see someone's pay.");
        var pay = await PayAsync(personId, ct);
        if (pay.Count == 0) return Outcome<PersonPay>.NotFound("No such person.");
        await audit.LogAsync("person", personId.ToString(), new { personId }, ct);
        return pay[0];
    }

    public async Task<Outcome<PersonPay>> MineAsync(ClaimsPrincipal user, CancellationToken ct) =>
        StepAccess.PersonOf(user) is { } me ? await PersonAsync(user, me, ct) : Outcome<PersonPay>.NotFound("Your account is not linked to a person.");

    public async Task<Outcome<PromotionCost>> PromotionCostAsync(ClaimsPrincipal user, PromotionCostRequest request, CancellationToken ct)
    {
        if (!CompensationAccess.CanReadAll(user)) return Outcome<PromotionCost>.Forbidden("Promotion costs are visible to compensation administrators and HR.");
        var proposals = request.Promotions ?? [];
        if (proposals.Count == 0) return Outcome<PromotionCost>.Invalid("promotions", "List at least one person to promote.");
        if (proposals.Count > 5000) return Outcome<PromotionCost>.Invalid("promotions", "At most 5000 people at a time.");
        var cost = await CostAsync(proposals, ct);
        if (cost.Errors.Any) return Outcome<PromotionCost>.Invalid(cost.Errors);
        await audit.LogAsync("promotion cost", "*", new { people = proposals.Count }, ct);
        return cost.Value;
    }

    /// <summary>The cost of a set of promotions without a permission check or audit: for assessment cycles, which check and log themselves.</summary>
    public async Task<(PromotionCost Value, FieldErrors Errors)> CostAsync(IReadOnlyList<ProposedPromotion> proposals, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var ids = proposals.Select(p => p.PersonId).Distinct().ToList();
        var pay = (await PayAsync(null, ct, ids)).ToDictionary(p => p.PersonId);
        var bands = await db.SalaryBands.AsNoTracking().ToListAsync(ct);
        var lines = new List<PromotionCostLine>();
        for (var i = 0; i < proposals.Count; i++)
        {
            var proposal = proposals[i];
            if (!pay.TryGetValue(proposal.PersonId, out var person)) { errors.Add($"promotions[{i}].personId", "No such person."); continue; }
            var to = proposal.ToLevel ?? (person.Level ?? 0) + 1;
            if (to < StepLevels.Min || to > steps.Value.MaxLevel) { errors.Add($"promotions[{i}].toLevel", $"There is no step {to}."); continue; }
            if (person.Level is { } from && to <= from) { errors.Add($"promotions[{i}].toLevel", $"{person.Name} is already at step {from}."); continue; }
            var band = bands.FirstOrDefault(b => b.Level == to && b.Location == person.Location);
            string? problem = band is null ? $"No band for step {to} in {person.Location}."
                : person.Salary is null ? "No salary on record."
                : person.Currency != band.Currency ? $"The salary is in {person.Currency}, the band in {band.Currency}." : null;
            var salary = person.Salary ?? 0;
            var toMin = problem is null ? Math.Max(0, band!.Min - salary) : 0;
            var toMid = problem is null ? Math.Max(0, band!.Mid - salary) : 0;
            lines.Add(new PromotionCostLine(person.PersonId, person.Name, person.Level, to, person.Location, person.Salary, band?.Min, band?.Mid,
                band?.Currency ?? person.Currency, toMin, toMid, problem));
        }
        var totals = lines.Where(l => l.Problem is null).GroupBy(l => l.Currency!)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(l => l.CostToMin), g.Sum(l => l.CostToMid))).OrderBy(t => t.Currency).ToList();
        return (new PromotionCost(lines, totals), errors);
    }

    /// <summary>Pay as of today for one person, a set, or everyone employed. A handful of queries, joined in memory.</summary>
    private async Task<List<PersonPay>> PayAsync(Guid? personId, CancellationToken ct, IReadOnlyCollection<Guid>? set = null)
    {
        var today = Today;
        var people = db.People.AsNoTracking();
        if (personId is { } one) people = people.Where(p => p.Id == one);
        else if (set is not null) people = people.Where(p => set.Contains(p.Id));
        else people = people.Where(p => p.EmploymentStart <= today && (p.EmploymentEnd == null || p.EmploymentEnd > today));
        var list = await people.OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.Location }).ToListAsync(ct);
        var ids = list.Select(p => p.Id).ToList();
        var filter = personId is not null || set is not null;
        var salaries = (await db.SalaryRecords.AsNoTracking().Where(s => s.EffectiveOn <= today && (!filter || ids.Contains(s.PersonId))).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveOn).ThenBy(s => s.RecordedAt).Last());
        var levels = (await db.StepRecords.AsNoTracking().Where(s => s.EffectiveOn <= today && (!filter || ids.Contains(s.PersonId)))
                .Select(s => new { s.PersonId, s.Level, s.EffectiveOn, s.RecordedAt, s.EndedOn }).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveOn).ThenBy(s => s.RecordedAt).Last());
        var bands = Shape(await db.SalaryBands.AsNoTracking().ToListAsync(ct)).SelectMany(l => l.Bands).ToList();
        return list.Select(p =>
        {
            var level = levels.TryGetValue(p.Id, out var step) && step.EndedOn is null ? step.Level : (int?)null;
            var salary = salaries.GetValueOrDefault(p.Id);
            var band = level is { } l ? bands.FirstOrDefault(b => b.Level == l && b.Location == p.Location) : null;
            var comparable = band is not null && salary is not null && salary.Currency == band.Currency;
            return new PersonPay(p.Id, p.Name, p.Location, level, salary?.Amount, salary?.Currency, salary?.EffectiveOn, band,
                comparable ? BandMath.CompaRatio(salary!.Amount, band!.Mid) : null,
                comparable ? BandMath.RangePenetration(salary!.Amount, band!.Min, band.Max) : null,
                comparable ? BandMath.Position(salary!.Amount, band!.Min, band.Max) : BandPosition.NoBand);
        }).ToList();
    }

    public async Task<IReadOnlyList<string>> KnownLocationsAsync(CancellationToken ct)
    {
        var used = await db.People.AsNoTracking().Where(p => p.Location != "").Select(p => p.Location).Distinct().ToListAsync(ct);
        return used.Concat(options.Value.Locations.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<LocationBands> Shape(List<SalaryBand> bands) =>
        bands.GroupBy(b => b.Location).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g =>
        {
            var ordered = g.OrderBy(b => b.Level).ToList();
            return new LocationBands(g.Key, ordered.Select((b, i) =>
            {
                var next = i + 1 < ordered.Count && ordered[i + 1].Level == b.Level + 1 && ordered[i + 1].Currency == b.Currency ? ordered[i + 1] : null;
                var overlap = next is null ? ((decimal, decimal)?)null : BandMath.Overlap(b.Min, b.Max, next.Min, next.Max);
                return new BandView(b.Id, b.Level, b.Location, b.Currency, b.Min, b.Mid, b.Max, BandMath.WidthPercent(b.Min, b.Max),
                    BandMath.HeadroomPercent(b.Mid, b.Max), overlap?.Item2, overlap?.Item1);
            }).ToList());
        }).ToList();

    private static string? CheckCurrency(string? currency, FieldErrors errors)
    {
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        if (CurrencyCode().IsMatch(code)) return code;
        errors.Add("currency", "'currency' must be a three-letter ISO 4217 code such as EUR.");
        return null;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
