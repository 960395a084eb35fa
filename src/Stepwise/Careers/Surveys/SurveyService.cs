using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Careers.Surveys;

/// <summary>Creating, opening and closing surveys, answering them anonymously, and reading suppressed aggregates.</summary>
public sealed class SurveyService(StepwiseDb db, TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxText = 500;
    public const int MaxComment = 2000;
    public const int MaxItems = 30;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static bool CanAdminister(ClaimsPrincipal user) => user.IsInRole(Roles.HR) || user.IsInRole(Roles.Admin);

    public async Task<IReadOnlyList<SurveyView>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        var views = new List<SurveyView>();
        foreach (var survey in surveys) views.Add(await ViewAsync(user, survey, ct));
        return views;
    }

    public async Task<Outcome<SurveyView>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } survey
            ? await ViewAsync(user, survey, ct)
            : Outcome<SurveyView>.NotFound("No such survey.");

    public async Task<Outcome<SurveyView>> CreateAsync(ClaimsPrincipal user, CreateSurveyRequest request, CancellationToken ct)
    {
        if (!CanAdminister(user)) return Outcome<SurveyView>.Forbidden("Only HR runs surveys.");
        var errors = Check(request.Title, request.Description, request.MinRespondents, request.MinForComments);
        var items = request.Items is { Count: > 0 } given ? given : SurveyRules.DefaultItems;
        if (items.Count > MaxItems) errors.Add("items", $"At most {MaxItems} items.");
        for (var i = 0; i < items.Count; i++) errors.Require($"items[{i}]", items[i], MaxText);
        if (errors.Any) return Outcome<SurveyView>.Invalid(errors);
        var survey = new Survey
        {
            Id = Guid.NewGuid(), Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "",
            MinRespondents = request.MinRespondents ?? SurveyRules.DefaultMinRespondents,
            MinForComments = request.MinForComments ?? Math.Max(SurveyRules.DefaultMinForComments, request.MinRespondents ?? 0),
            Items = items.Select(t => new SurveyItem(Guid.NewGuid(), t.Trim())).ToList(), CreatedAt = time.GetUtcNow(),
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, survey, ct);
    }

    public async Task<Outcome<SurveyView>> UpdateAsync(ClaimsPrincipal user, Guid id, UpdateSurveyRequest request, CancellationToken ct)
    {
        if (!CanAdminister(user)) return Outcome<SurveyView>.Forbidden("Only HR runs surveys.");
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return Outcome<SurveyView>.NotFound("No such survey.");
        var errors = Check(request.Title, request.Description, request.MinRespondents ?? survey.MinRespondents, request.MinForComments);
        if (errors.Any) return Outcome<SurveyView>.Invalid(errors);
        var thresholdsChange = (request.MinRespondents ?? survey.MinRespondents) != survey.MinRespondents
            || (request.MinForComments ?? survey.MinForComments) != survey.MinForComments;
        if (survey.Opened && thresholdsChange)
            return Outcome<SurveyView>.Conflict("The anonymity thresholds are fixed once the survey has opened.");
        survey.Title = request.Title!.Trim();
        survey.Description = request.Description?.Trim() ?? "";
        survey.MinRespondents = request.MinRespondents ?? survey.MinRespondents;
        survey.MinForComments = request.MinForComments ?? Math.Max(survey.MinForComments, survey.MinRespondents);
        if (survey.MinForComments < survey.MinRespondents)
            return Outcome<SurveyView>.Invalid("minForComments", "'minForComments' cannot be below 'minRespondents'.");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, survey, ct);
    }

    /// <summary>Opens the baseline, or the next follow-up once the previous round is closed.</summary>
    public async Task<Outcome<SurveyView>> OpenRoundAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (!CanAdminister(user)) return Outcome<SurveyView>.Forbidden("Only HR runs surveys.");
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return Outcome<SurveyView>.NotFound("No such survey.");
        var rounds = await db.SurveyRounds.Where(r => r.SurveyId == id).ToListAsync(ct);
        if (rounds.Any(r => r.IsOpen)) return Outcome<SurveyView>.Conflict("A round is already open; close it before opening the next.");
        var number = rounds.Count + 1;
        db.SurveyRounds.Add(new SurveyRound
        {
            Id = Guid.NewGuid(), SurveyId = id, Number = number, Name = number == 1 ? "Baseline" : $"Follow-up {number - 1}", OpenedOn = Today,
        });
        survey.Opened = true;
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, survey, ct);
    }

    public async Task<Outcome<SurveyView>> CloseRoundAsync(ClaimsPrincipal user, Guid id, Guid roundId, CancellationToken ct)
    {
        if (!CanAdminister(user)) return Outcome<SurveyView>.Forbidden("Only HR runs surveys.");
        var round = await db.SurveyRounds.FirstOrDefaultAsync(r => r.Id == roundId && r.SurveyId == id, ct);
        if (round is null) return Outcome<SurveyView>.NotFound("No such round.");
        if (!round.IsOpen) return Outcome<SurveyView>.Conflict("This round is already closed.");
        round.ClosedOn = Today;
        await db.SaveChangesAsync(ct);
        return await GetAsync(user, id, ct);
    }

    /// <summary>
    /// Stores that the person took part and, separately, their answers without any link back to them: no person, no time,
    /// random ids, one row per item. Both are written in one transaction so nobody answers twice.
    /// </summary>
    public async Task<Outcome<AnswerReceipt>> AnswerAsync(ClaimsPrincipal user, Guid id, AnswerRequest request, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return Outcome<AnswerReceipt>.NotFound("No such survey.");
        if (StepAccess.PersonOf(user) is not { } person) return Outcome<AnswerReceipt>.Forbidden("Only people in the organization answer surveys.");
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.SurveyId == id && r.ClosedOn == null).FirstOrDefaultAsync(ct);
        if (round is null) return Outcome<AnswerReceipt>.Conflict("The survey is closed: there is no open round to answer.");
        if (await db.SurveyParticipations.AnyAsync(p => p.RoundId == round.Id && p.PersonId == person, ct))
            return Outcome<AnswerReceipt>.Conflict("You have already answered this round.");

        var errors = new FieldErrors();
        var answers = request.Answers ?? [];
        var known = survey.Items.Select(i => i.Id).ToHashSet();
        for (var i = 0; i < answers.Count; i++)
        {
            if (!known.Contains(answers[i].ItemId)) errors.Add($"answers[{i}].itemId", "Not an item of this survey.");
            if (answers[i].Value is < SurveyRules.LikertMin or > SurveyRules.LikertMax)
                errors.Add($"answers[{i}].value", $"Answers go from {SurveyRules.LikertMin} to {SurveyRules.LikertMax}.");
        }
        if (answers.GroupBy(a => a.ItemId).Any(g => g.Count() > 1)) errors.Add("answers", "Each item is answered once.");
        foreach (var missing in survey.Items.Where(i => answers.All(a => a.ItemId != i.Id)))
            errors.Add("answers", $"Please answer \"{missing.Text}\".");
        errors.Limit("comment", request.Comment, MaxComment);
        if (errors.Any) return Outcome<AnswerReceipt>.Invalid(errors);

        var unit = await GroupOfAsync(person, ct);
        db.SurveyParticipations.Add(new SurveyParticipation { RoundId = round.Id, PersonId = person });
        // Rows in random order, so neither their ids nor their position tell which answers came together.
        foreach (var answer in answers.OrderBy(_ => Guid.NewGuid()))
            db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), RoundId = round.Id, UnitId = unit, ItemId = answer.ItemId, Value = answer.Value });
        if (!string.IsNullOrWhiteSpace(request.Comment))
            db.SurveyComments.Add(new SurveyComment { Id = Guid.NewGuid(), RoundId = round.Id, UnitId = unit, Text = request.Comment.Trim() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Outcome<AnswerReceipt>.Conflict("You have already answered this round.");
        }
        return new AnswerReceipt(id, round.Id, "Thank you. Your answers are stored without your name.");
    }

    public async Task<Outcome<SurveyResults>> ResultsAsync(Guid id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null) return Outcome<SurveyResults>.NotFound("No such survey.");
        var rounds = await db.SurveyRounds.AsNoTracking().Where(r => r.SurveyId == id).OrderBy(r => r.Number).ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        // Aggregated in SQL: individual rows never leave the database.
        var tallies = await db.SurveyAnswers.AsNoTracking().Where(a => roundIds.Contains(a.RoundId))
            .GroupBy(a => new { a.RoundId, a.UnitId, a.ItemId })
            .Select(g => new Tally(g.Key.RoundId, g.Key.UnitId, g.Key.ItemId, g.Count(), g.Count(a => a.Value >= SurveyRules.FavourableFrom)))
            .ToListAsync(ct);
        var units = await db.Units.AsNoTracking()
            .Where(u => u.Kind == UnitKind.Company || u.Kind == UnitKind.Tribe || u.Kind == UnitKind.Squad || u.Kind == UnitKind.JourneyTeam)
            .Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var hierarchy = units.Select(u => new SurveyGroups.Unit(u.Id, u.Name, u.ParentId)).ToList();
        var comments = await db.SurveyComments.AsNoTracking().Where(c => roundIds.Contains(c.RoundId))
            .Select(c => new { c.RoundId, c.UnitId, c.Text }).ToListAsync(ct);
        var results = SurveyGroups.Compute(survey, rounds, hierarchy, tallies,
            comments.Select(c => new SurveyGroups.Comment(c.RoundId, c.UnitId, c.Text)).ToList());
        return new SurveyResults(survey.Id, survey.Title, survey.MinRespondents, survey.MinForComments, rounds.Select(View).ToList(), results);
    }

    /// <summary>The team a person answers for: their squad or journey team, else their tribe, else their company; null when none.</summary>
    private async Task<Guid?> GroupOfAsync(Guid person, CancellationToken ct)
    {
        var units = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person).ActiveOn(Today)
            .Join(db.Units.AsNoTracking(), m => m.UnitId, u => u.Id, (m, u) => new { u.Id, u.Kind }).ToListAsync(ct);
        UnitKind[] preference = [UnitKind.Squad, UnitKind.JourneyTeam, UnitKind.Tribe, UnitKind.Company];
        return units.Where(u => preference.Contains(u.Kind)).OrderBy(u => Array.IndexOf(preference, u.Kind)).ThenBy(u => u.Id)
            .Select(u => (Guid?)u.Id).FirstOrDefault();
    }

    private async Task<SurveyView> ViewAsync(ClaimsPrincipal user, Survey survey, CancellationToken ct)
    {
        var rounds = await db.SurveyRounds.AsNoTracking().Where(r => r.SurveyId == survey.Id).OrderBy(r => r.Number).ToListAsync(ct);
        var open = rounds.FirstOrDefault(r => r.IsOpen);
        var answered = open is not null && StepAccess.PersonOf(user) is { } me
            && await db.SurveyParticipations.AnyAsync(p => p.RoundId == open.Id && p.PersonId == me, ct);
        return new SurveyView(survey.Id, survey.Title, survey.Description, survey.MinRespondents, survey.MinForComments, survey.Opened,
            survey.Items, rounds.Select(View).ToList(), open is null ? null : View(open), answered, CanAdminister(user));
    }

    private static RoundView View(SurveyRound r) => new(r.Id, r.Number, r.Name, r.Number == 1, r.OpenedOn, r.ClosedOn, r.IsOpen);

    private static FieldErrors Check(string? title, string? description, int? minRespondents, int? minForComments)
    {
        var errors = new FieldErrors().Require("title", title, MaxTitle).Limit("description", description, 2000);
        if (minRespondents is { } k && (k < SurveyRules.LowestThreshold || k > SurveyRules.HighestThreshold))
            errors.Add("minRespondents", $"'minRespondents' must be between {SurveyRules.LowestThreshold} and {SurveyRules.HighestThreshold}.");
        if (minForComments is { } c && (c < (minRespondents ?? SurveyRules.DefaultMinRespondents) || c > SurveyRules.MaxCommentThreshold))
            errors.Add("minForComments", $"'minForComments' must be between 'minRespondents' and {SurveyRules.MaxCommentThreshold}.");
        return errors;
    }
}

/// <summary>Answers counted per round, group and item: the only shape in which answers are ever read.</summary>
public sealed record Tally(Guid RoundId, Guid? UnitId, Guid ItemId, int Count, int Favourable);
