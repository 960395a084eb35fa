using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Search;

public sealed record SearchFilters(
    string? Text, Guid? UnitId = null, LessonSource? Source = null, RetroOutcome? Outcome = null, DateOnly? From = null, DateOnly? To = null,
    string? Tag = null, SearchDocumentKind? Kind = null);

/// <summary>A full-text match: the document's id and a rank where smaller is better on both providers.</summary>
public sealed class SearchMatch
{
    public long Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>
/// The retrospective repository's search: full text over retrospectives and lessons with filters, limited to what the
/// viewer may see (private retrospectives only for their unit, its leads and administrators).
/// </summary>
public sealed class LearnSearch(StepwiseDb db)
{
    public async Task<SearchResults> SearchAsync(LearnViewer viewer, SearchFilters filters, int page, int pageSize, CancellationToken ct)
    {
        var words = SearchQuery.Words(filters.Text);
        var docs = Visible(viewer, Filtered(filters, await SubtreeAsync(filters.UnitId, ct)));
        List<SearchDocument> found;
        if (words.Count == 0)
        {
            found = await docs.OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id).Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
        }
        else
        {
            var matches = Matches(words, any: false);
            found = await matches.Join(docs, m => m.Id, d => d.Id, (m, d) => new { m.Rank, Doc = d })
                .OrderBy(x => x.Rank).ThenByDescending(x => x.Doc.Id).Skip((page - 1) * pageSize).Take(pageSize + 1).Select(x => x.Doc).ToListAsync(ct);
        }
        return new SearchResults(await ViewsAsync(found.Take(pageSize).ToList(), ct), page, pageSize, found.Count > pageSize);
    }

    /// <summary>Past lessons that share the distinctive words of <paramref name="text"/>: shown when someone starts something new.</summary>
    public async Task<IReadOnlyList<SearchHitView>> RelatedLessonsAsync(LearnViewer viewer, string text, int take, CancellationToken ct)
    {
        var words = SearchQuery.Keywords(text);
        if (words.Count == 0) return [];
        var docs = Visible(viewer, db.LearnSearchDocuments.AsNoTracking().Where(d => d.Kind == SearchDocumentKind.Lesson));
        var found = await Matches(words, any: true).Join(docs, m => m.Id, d => d.Id, (m, d) => new { m.Rank, Doc = d })
            .OrderBy(x => x.Rank).Take(take).Select(x => x.Doc).ToListAsync(ct);
        return await ViewsAsync(found, ct);
    }

    private IQueryable<SearchMatch> Matches(IReadOnlyList<string> words, bool any) => db.Database.IsNpgsql()
        ? db.Database.SqlQueryRaw<SearchMatch>(
            """SELECT "Id", -ts_rank("SearchVector", q) AS "Rank" FROM "LearnSearchDocuments", to_tsquery('english', {0}) q WHERE "SearchVector" @@ q""",
            any ? SearchQuery.TsAny(words) : SearchQuery.TsAll(words))
        : db.Database.SqlQueryRaw<SearchMatch>(
            "SELECT rowid AS Id, rank AS Rank FROM LearnSearchFts WHERE LearnSearchFts MATCH {0}",
            any ? SearchQuery.Fts5Any(words) : SearchQuery.Fts5All(words));

    private IQueryable<SearchDocument> Filtered(SearchFilters f, List<Guid>? units)
    {
        var docs = db.LearnSearchDocuments.AsNoTracking();
        if (units is not null) docs = docs.Where(d => units.Contains(d.UnitId));
        if (f.Source is { } source) docs = docs.Where(d => d.Source == source);
        if (f.Outcome is { } outcome) docs = docs.Where(d => d.Outcome == outcome);
        if (f.From is { } from) docs = docs.Where(d => d.HeldOn >= from);
        if (f.To is { } to) docs = docs.Where(d => d.HeldOn <= to);
        if (f.Kind is { } kind) docs = docs.Where(d => d.Kind == kind);
        if (!string.IsNullOrWhiteSpace(f.Tag))
        {
            var padded = " " + f.Tag.Trim().ToLowerInvariant() + " ";
            docs = docs.Where(d => d.Tags.Contains(padded));
        }
        return docs;
    }

    private static IQueryable<SearchDocument> Visible(LearnViewer viewer, IQueryable<SearchDocument> docs)
    {
        if (viewer.IsAdmin) return docs;
        var units = viewer.Units.ToList();
        return docs.Where(d => !d.IsPrivate || units.Contains(d.UnitId));
    }

    /// <summary>A unit filter includes the units inside it: a tribe's search covers its squads.</summary>
    private async Task<List<Guid>?> SubtreeAsync(Guid? unitId, CancellationToken ct)
    {
        if (unitId is not { } root) return null;
        var children = (await db.Units.AsNoTracking().Where(u => u.ParentId != null).Select(u => new { u.Id, u.ParentId }).ToListAsync(ct))
            .ToLookup(u => u.ParentId!.Value, u => u.Id);
        var result = new List<Guid> { root };
        for (var i = 0; i < result.Count; i++) result.AddRange(children[result[i]]);
        return result;
    }

    private async Task<List<SearchHitView>> ViewsAsync(List<SearchDocument> docs, CancellationToken ct)
    {
        var unitIds = docs.Select(d => d.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. docs.Select(d => new SearchHitView(d.Kind, d.RetrospectiveId, d.LessonId, d.Title, Excerpt(d.Body), d.UnitId,
            names.GetValueOrDefault(d.UnitId, "?"), d.Source, d.Outcome, d.HeldOn))];
    }

    private static string Excerpt(string body) => body.Length <= 400 ? body : body[..400] + "…";
}
