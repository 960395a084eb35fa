using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Search;

public sealed record SearchFilters(
    string? Text, Guid? UnitId = null, LessonSource? Source = null, RetroOutcome? Outcome = null, DateOnly? From = null, DateOnly? To = null,
    string? Tag = null, SearchDocumentKind? Kind = null);

/// <summary>
/// The retrospective repository's search: full text over retrospectives and lessons with filters, limited to what the
/// viewer may see (private retrospectives only for their unit, its leads and administrators).
/// </summary>
public sealed class LearnSearch(StepwiseDb db)
{
    /// <summary>
    /// How many of the newest matches are ranked. A rare word matches fewer and all are ranked; a word that appears in a
    /// large part of the repository is ranked among its newest matches, which keeps every search well under 100 ms.
    /// </summary>
    public const int MaxCandidates = 1000;

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
            var candidates = await Matching(docs, words, Match.All).OrderByDescending(d => d.Id).Take(MaxCandidates).ToListAsync(ct);
            found = [.. Relevance.Order(candidates, words, lastIsPrefix: true).Skip((page - 1) * pageSize).Take(pageSize + 1)];
        }
        return new SearchResults(await ViewsAsync(found.Take(pageSize).ToList(), ct), page, pageSize, found.Count > pageSize);
    }

    /// <summary>Past lessons that share the distinctive words of <paramref name="text"/>: shown when someone starts something new.</summary>
    public async Task<IReadOnlyList<SearchHitView>> RelatedLessonsAsync(LearnViewer viewer, string text, int take, CancellationToken ct)
    {
        var words = await RarestAsync(SearchQuery.Keywords(text, 2 * SearchQuery.MaxKeywords), SearchQuery.MaxKeywords, ct);
        if (words.Count == 0) return [];
        var docs = Visible(viewer, db.LearnSearchDocuments.AsNoTracking().Where(d => d.Kind == SearchDocumentKind.Lesson));
        // Lessons sharing two of the words first; a single shared word only when that finds too few.
        var candidates = await Matching(docs, words, Match.AnyTwo).OrderByDescending(d => d.Id).Take(MaxCandidates).ToListAsync(ct);
        if (candidates.Count < take && words.Count > 1)
            candidates = await Matching(docs, words, Match.Any).OrderByDescending(d => d.Id).Take(MaxCandidates).ToListAsync(ct);
        return await ViewsAsync([.. Relevance.Order(candidates, words, lastIsPrefix: false).Take(take)], ct);
    }

    /// <summary>
    /// The documents among <paramref name="docs"/> that the database's full-text index matches. Only ids come from the
    /// index, so the filters and the order stay ordinary LINQ on both providers.
    /// </summary>
    private enum Match { All, AnyTwo, Any }

    /// <summary>
    /// The words that set a text apart are the ones few documents contain: count each word's matches (stopping at a cap,
    /// so a very common word costs little), drop words nobody used, and keep the rarest.
    /// </summary>
    private async Task<IReadOnlyList<string>> RarestAsync(IReadOnlyList<string> words, int keep, CancellationToken ct)
    {
        const int cap = 5000;
        var counted = new List<(string Word, int Count)>();
        foreach (var word in words)
        {
            var count = await db.Database.SqlQueryRaw<int>(db.Database.IsNpgsql()
                    ? """SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM "LearnSearchDocuments" WHERE "SearchVector" @@ to_tsquery('english', {0}) LIMIT {1}) m"""
                    : "SELECT count(*) AS Value FROM (SELECT rowid FROM LearnSearchFts WHERE LearnSearchFts MATCH {0} LIMIT {1})",
                    db.Database.IsNpgsql() ? word : $"\"{word}\"", cap)
                .SingleAsync(ct);
            if (count > 0) counted.Add((word, count));
        }
        return [.. counted.OrderBy(c => c.Count).Take(keep).Select(c => c.Word)];
    }

    private IQueryable<SearchDocument> Matching(IQueryable<SearchDocument> docs, IReadOnlyList<string> words, Match match)
    {
        var ids = db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<long>(
                """SELECT "Id" AS "Value" FROM "LearnSearchDocuments" WHERE "SearchVector" @@ to_tsquery('english', {0})""",
                match switch { Match.All => SearchQuery.TsAll(words), Match.AnyTwo => SearchQuery.TsAnyTwo(words), _ => SearchQuery.TsAny(words) })
            : db.Database.SqlQueryRaw<long>(
                "SELECT rowid AS Value FROM LearnSearchFts WHERE LearnSearchFts MATCH {0}",
                match switch { Match.All => SearchQuery.Fts5All(words), Match.AnyTwo => SearchQuery.Fts5AnyTwo(words), _ => SearchQuery.Fts5Any(words) });
        return docs.Where(d => ids.Contains(d.Id));
    }

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
