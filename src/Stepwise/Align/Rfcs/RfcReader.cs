using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Align.Rfcs;

/// <summary>The RFC index (searchable by title, text and tag) and one RFC with everything needed to decide it.</summary>
public sealed class RfcReader(StepwiseDb db, RfcService rfcs, IOptions<AlignOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<RfcSummary>> IndexAsync(string? query, RfcState? state, CancellationToken ct)
    {
        var rfcQuery = db.Rfcs.AsNoTracking();
        if (state is { } s) rfcQuery = rfcQuery.Where(r => r.State == s);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
            rfcQuery = rfcQuery.Where(r => r.Title.ToLower().Contains(q)
                || db.RfcRevisions.Any(v => v.RfcId == r.Id && v.Revision == r.Revision && v.Markdown.ToLower().Contains(q)));
        }
        var list = await rfcQuery.OrderByDescending(r => r.Number).Take(500).ToListAsync(ct);
        // Tags are a JSON list: matched here rather than in SQL so both providers behave the same.
        if (!string.IsNullOrWhiteSpace(query))
        {
            var extra = await db.Rfcs.AsNoTracking().Where(r => state == null || r.State == state).ToListAsync(ct);
            var q = query.Trim().ToLowerInvariant();
            list = [.. list.Concat(extra.Where(r => r.Tags.Contains(q) && list.All(l => l.Id != r.Id))).OrderByDescending(r => r.Number)];
        }
        return await SummariesAsync(list, ct);
    }

    /// <summary>The RFCs that lessons prompted, per lesson: a retrospective shows where its lessons went.</summary>
    public async Task<IReadOnlyList<PromptedRfc>> PromptedByAsync(IReadOnlyCollection<Guid> lessonIds, CancellationToken ct)
    {
        if (lessonIds.Count == 0) return [];
        var rows = await db.Rfcs.AsNoTracking().Where(r => r.PromptedByLessonId != null && lessonIds.Contains(r.PromptedByLessonId.Value))
            .OrderBy(r => r.Number).Select(r => new { Lesson = r.PromptedByLessonId!.Value, r.Number, r.Title, r.State }).ToListAsync(ct);
        return [.. rows.Select(r => new PromptedRfc(r.Lesson, r.Number, $"RFC-{r.Number:0000}", r.Title, r.State))];
    }

    public async Task<Outcome<RfcDetails>> DetailsAsync(ClaimsPrincipal user, int number, CancellationToken ct)
    {
        var rfc = await db.Rfcs.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, ct);
        if (rfc is null) return Outcome<RfcDetails>.NotFound($"There is no RFC-{number:0000}.");
        var actor = GovernanceActor.From(user);
        var rules = options.Value.Rfc;
        var version = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == rfc.DocumentId).OrderBy(v => v.State).FirstAsync(ct);
        var revisions = await db.RfcRevisions.AsNoTracking().Where(v => v.RfcId == rfc.Id).OrderByDescending(v => v.Revision).ToListAsync(ct);
        var approvals = await db.RfcApprovals.AsNoTracking().Where(a => a.RfcId == rfc.Id).OrderBy(a => a.At).ToListAsync(ct);
        var concerns = await db.RfcConcerns.AsNoTracking().Where(c => c.RfcId == rfc.Id).OrderBy(c => c.RaisedAt).ToListAsync(ct);
        var rounds = await db.ReviewRounds.AsNoTracking().Where(r => r.VersionId == version.Id).OrderBy(r => r.Number).ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var comments = (await db.ReviewComments.AsNoTracking().Where(c => roundIds.Contains(c.RoundId)).ToListAsync(ct)).ToLookup(c => c.RoundId);
        var now = time.GetUtcNow();
        var lesson = rfc.PromptedByLessonId is { } l ? await db.Lessons.AsNoTracking().Where(x => x.Id == l).Select(x => x.Text).FirstOrDefaultAsync(ct) : null;
        var isAuthor = actor is not null && RfcService.IsAuthor(actor, rfc);

        return new RfcDetails((await SummariesAsync([rfc], ct))[0], rfc.UnitId, revisions[0].Markdown, version.Sections, rfc.Revision, rfc.Circle,
            rfc.FinalCommentEndsAt, rfc.DecidedBy, rfc.DecidedAt, rfc.DecisionNote,
            [.. approvals.Select(a => new RfcApprovalView(a.Name, a.Revision, a.At, !rules.ResetApprovalsOnTextChange || a.Revision == rfc.Revision))],
            [.. concerns.Select(c => new RfcConcernView(c.Id, c.RaisedBy, c.Text, c.Blocking, c.RaisedAt, c.LiftedAt, c.LiftNote,
                c.LiftedAt is null && actor?.UserId == c.RaisedByUserId))],
            [.. rounds.Select(r => ReviewRounds.View(r, [.. comments[r.Id].OrderBy(c => c.CreatedAt).Select(ReviewRounds.Comment)], now))],
            [.. revisions.Select(v => new RfcRevisionView(v.Revision, v.By, v.At, v.Note))],
            new RfcRulesView(rules.RequiredApprovals, rules.FinalCommentPeriod, rules.DiscussionRound, rules.ResetApprovalsOnTextChange),
            rfc.IsFinal ? [] : await rfcs.BlockersAsync(rfc, ct), version.Id, rfc.PromptedByLessonId, lesson, isAuthor,
            !isAuthor && rfc.State is RfcState.Discussion or RfcState.FinalComment
                && actor is not null && !approvals.Any(a => a.UserId == actor.UserId && a.Revision == rfc.Revision),
            await rfcs.CanSteerAsync(user, rfc, ct));
    }

    public async Task<Outcome<RfcDiffView>> DiffAsync(int number, int from, int to, CancellationToken ct)
    {
        var rfc = await db.Rfcs.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, ct);
        if (rfc is null) return Outcome<RfcDiffView>.NotFound($"There is no RFC-{number:0000}.");
        var texts = await db.RfcRevisions.AsNoTracking().Where(v => v.RfcId == rfc.Id && (v.Revision == from || v.Revision == to))
            .ToDictionaryAsync(v => v.Revision, v => v.Markdown, ct);
        var errors = new FieldErrors();
        if (!texts.ContainsKey(from)) errors.Add("from", $"{rfc.Key} has no revision {from}.");
        if (!texts.ContainsKey(to)) errors.Add("to", $"{rfc.Key} has no revision {to}.");
        if (errors.Any) return Outcome<RfcDiffView>.Invalid(errors);
        return new RfcDiffView(from, to, GovernanceReader.Compare(RfcMarkdown.Sections(texts[from]), RfcMarkdown.Sections(texts[to]), DiffGranularity.Word));
    }

    private async Task<IReadOnlyList<RfcSummary>> SummariesAsync(List<Rfc> list, CancellationToken ct)
    {
        if (list.Count == 0) return [];
        var ids = list.Select(r => r.Id).ToList();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var approvals = await db.RfcApprovals.AsNoTracking().Where(a => ids.Contains(a.RfcId)).Select(a => new { a.RfcId, a.UserId, a.Revision }).ToListAsync(ct);
        var blocking = await db.RfcConcerns.AsNoTracking().Where(c => ids.Contains(c.RfcId) && c.Blocking && c.LiftedAt == null)
            .GroupBy(c => c.RfcId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rules = options.Value.Rfc;
        return [.. list.Select(r => new RfcSummary(r.Number, r.Key, r.Title, r.State, units.GetValueOrDefault(r.UnitId) ?? "?", r.AuthorName, r.UpdatedAt,
            approvals.Where(a => a.RfcId == r.Id && (!rules.ResetApprovalsOnTextChange || a.Revision == r.Revision)).Select(a => a.UserId).Distinct().Count(),
            rules.RequiredApprovals, blocking.GetValueOrDefault(r.Id), r.Tags))];
    }
}
