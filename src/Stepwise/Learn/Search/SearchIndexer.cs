using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Search;

/// <summary>
/// Keeps the search documents of one retrospective in step with it. Called by every write that touches a retrospective
/// or its lessons, before the one SaveChanges, so the index changes in the same transaction as the data.
/// </summary>
public static class SearchIndexer
{
    public static async Task StageAsync(StepwiseDb db, Retrospective retro, CancellationToken ct)
    {
        var existing = await db.LearnSearchDocuments.Where(d => d.RetrospectiveId == retro.Id).ToListAsync(ct);
        db.LearnSearchDocuments.RemoveRange(existing);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.RetrospectiveId == retro.Id).ToListAsync(ct);
        // Lessons added in this unit of work are not in the database yet.
        lessons.AddRange(db.ChangeTracker.Entries<Lesson>().Where(e => e.State == EntityState.Added && e.Entity.RetrospectiveId == retro.Id).Select(e => e.Entity));
        db.LearnSearchDocuments.AddRange(DocumentsFor(retro, lessons));
    }

    public static IEnumerable<SearchDocument> DocumentsFor(Retrospective retro, IEnumerable<Lesson> lessons)
    {
        var tags = TagsColumn(retro.Tags);
        var decisions = string.Join(" ", retro.Decisions.Select(d => $"{d.Decided} {d.InformedBy} {d.Result}"));
        yield return new SearchDocument
        {
            Kind = SearchDocumentKind.Retrospective, RetrospectiveId = retro.Id, UnitId = retro.OwnerUnitId, Outcome = retro.Outcome,
            HeldOn = retro.HeldOn, Tags = tags, IsPrivate = retro.IsPrivate, Title = retro.Title,
            Body = Clip($"{retro.Summary} {decisions} {string.Join(' ', retro.Tags)}"),
        };
        foreach (var lesson in lessons.DistinctBy(l => l.Id))
        {
            yield return new SearchDocument
            {
                Kind = SearchDocumentKind.Lesson, RetrospectiveId = retro.Id, LessonId = lesson.Id, UnitId = retro.OwnerUnitId, Source = lesson.Source,
                Outcome = retro.Outcome, HeldOn = retro.HeldOn, Tags = tags, IsPrivate = retro.IsPrivate, Title = retro.Title, Body = Clip(lesson.Text),
            };
        }
    }

    public static string TagsColumn(IEnumerable<string> tags) => " " + string.Join(" ", tags) + " ";

    private static string Clip(string text) => text.Length <= 10000 ? text.Trim() : text[..10000];
}
