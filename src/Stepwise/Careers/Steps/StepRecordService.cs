using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps;

/// <summary>The step history per person: the HR system of record. Pages, the API, imports and assessment cycles all write through here.</summary>
public sealed class StepRecordService(StepwiseDb db, StepAccess access, StepWebhooks webhooks, IAuditActor actor, TimeProvider time,
    IOptions<StepRecordsOptions> options)
{
    public const int MaxRationale = 2000;
    public const int MaxFrameworkVersion = 50;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<StepHistory>> HistoryAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Outcome<StepHistory>.NotFound("No such person.");
        if (!await access.CanReadAsync(user, personId, ct))
            return Outcome<StepHistory>.Forbidden("Only the person, their managers and HR see someone's steps.");
        var records = await db.StepRecords.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(ct);
        var views = records.OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.RecordedAt).Select(StepRecordView.Of).ToList();
        var current = views.FirstOrDefault() is { EndedOn: null } latest ? latest : null;
        return new StepHistory(personId, person.Name, current, views, StepAccess.IsHr(user));
    }

    public async Task<Outcome<StepRecordView>> RecordAsync(ClaimsPrincipal user, Guid personId, RecordStepRequest request, bool promotion, CancellationToken ct)
    {
        if (!StepAccess.IsHr(user)) return Outcome<StepRecordView>.Forbidden("Only HR records steps.");
        var me = StepAccess.PersonOf(user);
        var decidedBy = me is { } id ? await db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var errors = new FieldErrors();
        errors.Require("rationale", request.Rationale, MaxRationale).Limit("frameworkVersion", request.FrameworkVersion, MaxFrameworkVersion);
        if (request.EffectiveOn is null) errors.Add("effectiveOn", "'effectiveOn' is required.");
        if (!promotion && request.Level is null) errors.Add("level", "'level' is required.");
        if (errors.Any) return Outcome<StepRecordView>.Invalid(errors);

        int level;
        if (promotion)
        {
            var current = await CurrentLevelAsync(personId, ct);
            if (current is null && request.Level is null)
                return Outcome<StepRecordView>.Invalid("level", "This person has no step yet; say which step they are promoted to.");
            level = request.Level ?? current!.Value + 1;
            if (current is { } from && level <= from)
                return Outcome<StepRecordView>.Invalid("level", $"A promotion must go above the current step ({from}).");
        }
        else level = request.Level!.Value;

        return await RecordAsync(new StepDecision(personId, level, request.EffectiveOn!.Value, request.Rationale!.Trim(),
            promotion ? StepSource.Promotion : StepSource.Manual, decidedBy ?? actor.Name, me, Blank(request.FrameworkVersion)), ct);
    }

    /// <summary>Records a decision without a permission check: for trusted callers (assessment cycles, imports) that checked already.</summary>
    public async Task<Outcome<StepRecordView>> RecordAsync(StepDecision decision, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == decision.PersonId, ct);
        if (person is null) return Outcome<StepRecordView>.NotFound("No such person.");
        var latest = await LatestAsync(decision.PersonId, ct);
        var errors = Validate(decision.Level, decision.EffectiveOn, person, "level", "effectiveOn");
        if (errors.Any) return Outcome<StepRecordView>.Invalid(errors);
        if (latest is not null && decision.EffectiveOn < latest.EffectiveOn)
            return Outcome<StepRecordView>.Conflict(
                $"A later decision (effective {latest.EffectiveOn:yyyy-MM-dd}) exists; a new decision cannot take effect before it.");

        var record = NewRecord(decision, latest);
        db.StepRecords.Add(record);
        webhooks.Enqueue(db, "step.recorded", record, person, record.RecordedAt);
        await db.SaveChangesAsync(ct);
        return StepRecordView.Of(record);
    }

    /// <summary>Closes the step a leaver still holds, so it stops counting in reports.</summary>
    public async Task<Outcome<StepRecordView>> CloseAsync(ClaimsPrincipal user, Guid personId, CloseStepRequest request, CancellationToken ct)
    {
        if (!StepAccess.IsHr(user)) return Outcome<StepRecordView>.Forbidden("Only HR closes steps.");
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Outcome<StepRecordView>.NotFound("No such person.");
        var latest = await db.StepRecords.Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct);
        if (latest is null || latest.EndedOn is not null) return Outcome<StepRecordView>.Conflict("This person holds no open step.");
        var endedOn = request.EndedOn ?? person.EmploymentEnd ?? Today;
        if (endedOn < latest.EffectiveOn)
            return Outcome<StepRecordView>.Invalid("endedOn", $"The step cannot end before it took effect ({latest.EffectiveOn:yyyy-MM-dd}).");
        latest.EndedOn = endedOn;
        webhooks.Enqueue(db, "step.closed", latest, person, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return StepRecordView.Of(latest);
    }

    public async Task<IReadOnlyList<PromotionView>> PromotionsAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var start = from ?? Today.AddYears(-1);
        var end = to ?? Today;
        return await db.StepRecords.AsNoTracking()
            .Where(r => r.PreviousLevel != null && r.Level > r.PreviousLevel && r.EffectiveOn >= start && r.EffectiveOn <= end)
            .Join(db.People.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new { r, p.Name })
            .OrderByDescending(x => x.r.EffectiveOn).ThenBy(x => x.Name)
            .Select(x => new PromotionView(x.r.PersonId, x.Name, x.r.PreviousLevel!.Value, x.r.Level, x.r.EffectiveOn, x.r.Source))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(int limit, CancellationToken ct) =>
        await db.StepWebhookDeliveries.AsNoTracking().OrderByDescending(d => d.CreatedAt).Take(limit)
            .Select(d => new WebhookDeliveryView(d.Id, d.StepRecordId, d.Event, d.Url, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt,
                d.DeliveredAt, d.LastStatusCode, d.LastError))
            .ToListAsync(ct);

    internal FieldErrors Validate(int level, DateOnly effectiveOn, Person person, string levelField, string dateField)
    {
        var errors = new FieldErrors();
        if (LevelProblem(level, levelField) is { } problem) errors.Add(levelField, problem);
        foreach (var message in EmploymentProblems(effectiveOn, person, dateField)) errors.Add(dateField, message);
        return errors;
    }

    /// <summary>The level against the ladder: needs nothing about the person, so an import checks it even when the person is unknown.</summary>
    internal string? LevelProblem(int level, string levelField) =>
        level < StepLevels.Min || level > options.Value.MaxLevel
            ? $"'{levelField}' must be a step between {StepLevels.Min} and {options.Value.MaxLevel}."
            : null;

    /// <summary>The date against the person's employment.</summary>
    internal static IEnumerable<string> EmploymentProblems(DateOnly effectiveOn, Person person, string dateField)
    {
        if (effectiveOn < person.EmploymentStart)
            yield return $"'{dateField}' is before {person.Name} joined ({person.EmploymentStart:yyyy-MM-dd}).";
        if (person.EmploymentEnd is { } end && effectiveOn >= end)
            yield return $"'{dateField}' is after {person.Name} left ({end:yyyy-MM-dd}).";
    }

    internal StepRecord NewRecord(StepDecision decision, StepRecord? latest) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = decision.PersonId,
        Level = decision.Level,
        PreviousLevel = latest is { EndedOn: null } ? latest.Level : null,
        FrameworkVersion = decision.FrameworkVersion,
        EffectiveOn = decision.EffectiveOn,
        Rationale = decision.Rationale,
        DecidedBy = decision.DecidedBy,
        DecidedByPersonId = decision.DecidedByPersonId,
        Source = decision.Source,
        RecordedAt = time.GetUtcNow(),
    };

    private Task<StepRecord?> LatestAsync(Guid personId, CancellationToken ct) =>
        db.StepRecords.AsNoTracking().Where(r => r.PersonId == personId)
            .OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct);

    private async Task<int?> CurrentLevelAsync(Guid personId, CancellationToken ct) =>
        await LatestAsync(personId, ct) is { EndedOn: null } latest ? latest.Level : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
