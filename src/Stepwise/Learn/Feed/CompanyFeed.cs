using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Feed;

public sealed record FeedItem(Guid Id, string Title, string Text, string Author, string Unit, DateTimeOffset At, string Path, string Category);

/// <summary>The company feed: lessons of closed retrospectives and Fail Wall posts, newest first, as items and as Atom 1.0 (RFC 4287).</summary>
public sealed class CompanyFeed(StepwiseDb db)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public async Task<IReadOnlyList<FeedItem>> ItemsAsync(LearnViewer viewer, int take, CancellationToken ct)
    {
        var units = viewer.Units.ToList();
        var admin = viewer.IsAdmin;
        var lessons = await db.Lessons.AsNoTracking()
            .Join(db.Retrospectives.AsNoTracking(), l => l.RetrospectiveId, r => r.Id, (l, r) => new { Lesson = l, Retro = r })
            .Where(x => x.Retro.Status == RetroStatus.Closed && (!x.Retro.IsPrivate || admin || units.Contains(x.Retro.OwnerUnitId)))
            .OrderByDescending(x => x.Retro.ClosedAt).ThenBy(x => x.Lesson.CreatedAt).Take(take)
            .Select(x => new { x.Lesson, x.Retro.Title, x.Retro.ClosedAt, x.Retro.OwnerUnitId }).ToListAsync(ct);
        var posts = await db.FailPosts.AsNoTracking().OrderByDescending(p => p.CreatedAt).Take(take).ToListAsync(ct);
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = lessons.Select(x => new FeedItem(x.Lesson.Id, $"Lesson ({LearnValidation.Text(x.Lesson.Source)}) from {x.Title}", x.Lesson.Text,
                names.GetValueOrDefault(x.OwnerUnitId, "?"), names.GetValueOrDefault(x.OwnerUnitId, "?"), x.ClosedAt ?? x.Lesson.CreatedAt,
                $"/learn/retrospectives/{x.Lesson.RetrospectiveId}", "lesson"))
            .Concat(posts.Select(p => new FeedItem(p.Id, $"Fail Wall: {p.WhatFailed}", $"What failed: {p.WhatFailed}\nWhat we learned: {p.WhatWeLearned}",
                p.AuthorName, names.GetValueOrDefault(p.UnitId, "?"), p.CreatedAt, $"/learn/fail-wall/{p.UnitId}#post-{p.Id}", "fail-wall")));
        return [.. items.OrderByDescending(i => i.At).ThenBy(i => i.Id).Take(take)];
    }

    public static string ToAtom(IReadOnlyList<FeedItem> items, string baseUrl, string selfUrl, DateTimeOffset now)
    {
        var updated = items.Count > 0 ? items.Max(i => i.At) : now;
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"{baseUrl}/learn/feed"),
            new XElement(Atom + "title", "Stepwise: lessons and Fail Wall"),
            new XElement(Atom + "subtitle", "New lessons from retrospectives and new Fail Wall posts across the company."),
            new XElement(Atom + "updated", Stamp(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", selfUrl)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", $"{baseUrl}/learn")),
            new XElement(Atom + "generator", "Stepwise"),
            items.Select(i => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:uuid:{i.Id}"),
                new XElement(Atom + "title", Clip(i.Title, 200)),
                new XElement(Atom + "updated", Stamp(i.At)),
                new XElement(Atom + "author", new XElement(Atom + "name", i.Author)),
                new XElement(Atom + "category", new XAttribute("term", i.Category)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", baseUrl + i.Path)),
                new XElement(Atom + "content", new XAttribute("type", "text"), i.Text))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed;
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
