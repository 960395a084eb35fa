using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Align.Goals;

/// <summary>Creates and aligns goals, and records their measures and weekly check-ins. Reads are in <see cref="GoalReader"/>.</summary>
public sealed class GoalService(StepwiseDb db, AlignPermissions permissions, IOptions<AlignOptions> options, TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxMeasure = 100;
    public const int MaxCommitments = 10;
    public const int MaxCommitment = 300;
    public const int MaxNote = 1000;

    public async Task<Outcome<Guid>> CreateAsync(ClaimsPrincipal user, CreateGoalRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.ParentIds is { Count: > 1 }) errors.Add("parentIds", "A goal aligns to exactly one parent; pick the one it serves most.");
        var parentId = request.ParentId ?? (request.ParentIds is { Count: > 0 } ids ? ids[0] : null);
        errors.Require("title", request.Title, MaxTitle).Require("measureName", request.MeasureName, MaxMeasure).Limit("measureUnit", request.MeasureUnit, 20);
        if (!double.IsFinite(request.FromValue)) errors.Add("fromValue", "Give the measure's starting value.");
        if (!double.IsFinite(request.ToValue)) errors.Add("toValue", "Give the target value.");
        else if (request.ToValue == request.FromValue) errors.Add("toValue", "The target must differ from where you start: from X to Y.");
        var start = request.StartOn ?? Today;
        if (request.Deadline <= start) errors.Add("deadline", "The deadline must come after the start: from X to Y by when.");
        if (request.Kind == GoalKind.Swig && parentId is null) errors.Add("parentId", "A sWIG aligns to exactly one parent goal.");

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null) errors.Add("unitId", "There is no such unit.");
        Goal? parent = null;
        if (parentId is { } pid)
        {
            parent = await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == pid, ct);
            if (parent is null) errors.Add("parentId", "There is no such parent goal.");
            else if (parent.Status != GoalStatus.Active) errors.Add("parentId", "The parent goal is no longer active.");
            else if (request.Kind == GoalKind.Wig && parent.Kind != GoalKind.Wig) errors.Add("parentId", "A WIG can only align to another WIG.");
        }
        if (request.PriorityItemId is { } priority && !await db.PriorityItems.AnyAsync(i => i.Id == priority && i.RetiredAt == null, ct))
            errors.Add("priorityItemId", "There is no live priority with that id.");
        if (errors.Any || unit is null) return Outcome<Guid>.Invalid(errors);
        if (parent is not null && !await ContainsAsync(parent.UnitId, unit.Id, allowSame: request.Kind == GoalKind.Swig, ct))
            return Outcome<Guid>.Invalid("parentId", request.Kind == GoalKind.Wig
                ? "A WIG aligns to a WIG of a unit that contains its own."
                : "A sWIG aligns to a goal of its own unit or of a unit that contains it.");

        if (request.Kind == GoalKind.Wig)
        {
            if (!await permissions.CanSteerAsync(user, unit, ct))
                return Outcome<Guid>.Forbidden($"Only leads of {unit.Name} (or administrators and leadership) set its WIGs.");
            var active = await db.Goals.CountAsync(g => g.UnitId == unit.Id && g.Kind == GoalKind.Wig && g.Status == GoalStatus.Active, ct);
            if (active >= options.Value.MaxWigsPerUnit)
                return Outcome<Guid>.Conflict($"{unit.Name} already has {active} active WIGs (at most {options.Value.MaxWigsPerUnit}). Finish or drop one first.");
        }
        else if (!await permissions.IsMemberAsync(user, unit.Id, ct))
            return Outcome<Guid>.Forbidden($"Only members of {unit.Name} add its sWIGs.");

        var goal = new Goal
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), UnitId = unit.Id, ParentId = parent?.Id, Kind = request.Kind, Title = request.Title.Trim(),
            MeasureName = request.MeasureName.Trim(), MeasureUnit = request.MeasureUnit?.Trim() ?? "", FromValue = request.FromValue,
            ToValue = request.ToValue, StartOn = start, Deadline = request.Deadline, PriorityItemId = request.PriorityItemId ?? parent?.PriorityItemId,
            Status = GoalStatus.Active, CreatedBy = AlignPermissions.NameOf(user), CreatedAt = time.GetUtcNow(),
        };
        db.Goals.Add(goal);
        await db.SaveChangesAsync(ct);
        return goal.Id;
    }

    /// <summary>Moves a goal under another parent. Refuses to make a goal its own ancestor.</summary>
    public async Task<Outcome<Guid>> AlignAsync(ClaimsPrincipal user, Guid id, AlignGoalRequest request, CancellationToken ct)
    {
        var goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Outcome<Guid>.NotFound($"There is no goal {id}.");
        if (!await CanEditAsync(user, goal, ct)) return Outcome<Guid>.Forbidden("You cannot change this goal's alignment.");
        if (request.ParentId is null)
        {
            if (goal.Kind == GoalKind.Swig) return Outcome<Guid>.Invalid("parentId", "A sWIG aligns to exactly one parent goal.");
            goal.ParentId = null;
            await db.SaveChangesAsync(ct);
            return goal.Id;
        }
        var parents = await db.Goals.AsNoTracking().Select(g => new { g.Id, g.ParentId, g.Kind, g.UnitId }).ToDictionaryAsync(g => g.Id, ct);
        if (!parents.TryGetValue(request.ParentId.Value, out var parent)) return Outcome<Guid>.Invalid("parentId", "There is no such parent goal.");
        if (goal.Kind == GoalKind.Wig && parent.Kind != GoalKind.Wig) return Outcome<Guid>.Invalid("parentId", "A WIG can only align to another WIG.");
        Guid? current = parent.Id;
        for (var depth = 0; current is { } step && depth <= parents.Count; depth++)
        {
            if (step == goal.Id)
                return Outcome<Guid>.Invalid("parentId", "That would make the goal its own ancestor: goal trees cannot have cycles.");
            current = parents.TryGetValue(step, out var above) ? above.ParentId : null;
        }
        if (!await ContainsAsync(parent.UnitId, goal.UnitId, allowSame: goal.Kind == GoalKind.Swig, ct))
            return Outcome<Guid>.Invalid("parentId", "A goal aligns to a goal of its own unit or of a unit that contains it.");
        goal.ParentId = parent.Id;
        await db.SaveChangesAsync(ct);
        return goal.Id;
    }

    public async Task<Outcome<Guid>> RecordAsync(ClaimsPrincipal user, Guid id, RecordMeasurementRequest request, CancellationToken ct)
    {
        var goal = await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Outcome<Guid>.NotFound($"There is no goal {id}.");
        if (!await permissions.IsMemberAsync(user, goal.UnitId, ct)) return Outcome<Guid>.Forbidden("Only members of the goal's unit record its measure.");
        var errors = new FieldErrors();
        if (!double.IsFinite(request.Value)) errors.Add("value", "Give a number.");
        if (request.On > Today) errors.Add("on", "A measurement cannot be in the future.");
        if (request.On < goal.StartOn) errors.Add("on", $"The goal starts on {goal.StartOn:yyyy-MM-dd}.");
        errors.Limit("note", request.Note, MaxNote);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        var measurement = NewMeasurement(user, goal.Id, request.On, request.Value, request.Note);
        db.GoalMeasurements.Add(measurement);
        await db.SaveChangesAsync(ct);
        return measurement.Id;
    }

    public async Task<Outcome<Guid>> CheckInAsync(ClaimsPrincipal user, Guid id, CheckInRequest request, CancellationToken ct)
    {
        var goal = await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Outcome<Guid>.NotFound($"There is no goal {id}.");
        if (!await permissions.IsMemberAsync(user, goal.UnitId, ct)) return Outcome<Guid>.Forbidden("Only members of the goal's unit check in on it.");
        if (goal.Status != GoalStatus.Active) return Outcome<Guid>.Conflict("The goal is closed; check-ins are over.");
        var week = MondayOf(request.WeekOf ?? Today);
        var commitments = (request.Commitments ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).ToList();
        var errors = new FieldErrors();
        if (commitments.Count == 0) errors.Add("commitments", "Commit to at least one thing that moves the measure this week.");
        if (commitments.Count > MaxCommitments) errors.Add("commitments", $"At most {MaxCommitments} commitments: fewer, kept, beat many, missed.");
        if (commitments.Any(c => c.Length > MaxCommitment)) errors.Add("commitments", $"Each commitment at most {MaxCommitment} characters.");
        if (week > MondayOf(Today)) errors.Add("weekOf", "Check in for this week or an earlier one.");
        errors.Limit("note", request.Note, MaxNote);
        if (request.Value is { } v && !double.IsFinite(v)) errors.Add("value", "Give a number.");
        var previous = await db.GoalCheckIns.AsNoTracking().Where(c => c.GoalId == id && c.WeekOf < week).OrderByDescending(c => c.WeekOf).FirstOrDefaultAsync(ct);
        if (request.PreviousKept is { } kept && (kept < 0 || kept > (previous?.Commitments.Count ?? 0)))
            errors.Add("previousKept", previous is null
                ? "This is the first check-in: there are no earlier commitments."
                : $"Last check-in had {previous.Commitments.Count} commitment(s).");
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        if (await db.GoalCheckIns.AnyAsync(c => c.GoalId == id && c.WeekOf == week, ct))
            return Outcome<Guid>.Conflict($"There is already a check-in for the week of {week:yyyy-MM-dd}.");

        var checkIn = new GoalCheckIn
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), GoalId = id, WeekOf = week, Commitments = commitments, PreviousKept = previous is null ? null : request.PreviousKept,
            PreviousTotal = previous?.Commitments.Count, Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            By = AlignPermissions.NameOf(user), At = time.GetUtcNow(),
        };
        db.GoalCheckIns.Add(checkIn);
        if (request.Value is { } value) db.GoalMeasurements.Add(NewMeasurement(user, id, Today, value, "Weekly check-in"));
        await db.SaveChangesAsync(ct);
        return checkIn.Id;
    }

    public async Task<Outcome<Guid>> SetStatusAsync(ClaimsPrincipal user, Guid id, GoalStatusRequest request, CancellationToken ct)
    {
        var goal = await db.Goals.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Outcome<Guid>.NotFound($"There is no goal {id}.");
        if (!await CanEditAsync(user, goal, ct)) return Outcome<Guid>.Forbidden("You cannot close this goal.");
        if (!Enum.IsDefined(request.Status)) return Outcome<Guid>.Invalid("status", "Unknown status.");
        if (request.Status == GoalStatus.Active && goal.Status != GoalStatus.Active && goal.Kind == GoalKind.Wig
            && await db.Goals.CountAsync(g => g.UnitId == goal.UnitId && g.Kind == GoalKind.Wig && g.Status == GoalStatus.Active, ct) >= options.Value.MaxWigsPerUnit)
            return Outcome<Guid>.Conflict($"The unit already has {options.Value.MaxWigsPerUnit} active WIGs.");
        goal.Status = request.Status;
        await db.SaveChangesAsync(ct);
        return goal.Id;
    }

    /// <summary>WIGs are steered by the unit's leads; sWIGs belong to the team that works on them.</summary>
    public async Task<bool> CanEditAsync(ClaimsPrincipal user, Goal goal, CancellationToken ct)
    {
        if (goal.Kind == GoalKind.Swig) return await permissions.IsMemberAsync(user, goal.UnitId, ct);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == goal.UnitId, ct);
        return await permissions.CanSteerAsync(user, unit, ct);
    }

    private GoalMeasurement NewMeasurement(ClaimsPrincipal user, Guid goalId, DateOnly on, double value, string? note) => new()
    {
        Id = Guid.CreateVersion7(time.GetUtcNow()), GoalId = goalId, On = on, Value = value,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedBy = AlignPermissions.NameOf(user), RecordedAt = time.GetUtcNow(),
    };

    /// <summary>True when <paramref name="container"/> is <paramref name="unit"/>'s ancestor (or the unit itself when allowed).</summary>
    private async Task<bool> ContainsAsync(Guid container, Guid unit, bool allowSame, CancellationToken ct)
    {
        if (container == unit) return allowSame;
        return (await UnitTree.LoadAsync(db, ct)).IsWithin(unit, container);
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
