using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Governance.Model;

namespace Stepwise.Governance;

/// <summary>Reads governed documents, versions, suggestions, review rounds and diffs, each checked against who is asking.</summary>
public sealed class GovernanceReader(StepwiseDb db, GovernancePermissions permissions, TimeProvider time)
{
    public async Task<Outcome<DocumentView>> DocumentAsync(ClaimsPrincipal user, Guid documentId, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<DocumentView>.Forbidden(GovernanceLimits.NotSignedIn);
        var document = await db.GovernedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Outcome<DocumentView>.NotFound("No such document.");
        var versions = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == documentId).ToListAsync(ct);
        var canEdit = GovernancePermissions.IsEditor(actor, document);
        var draft = versions.FirstOrDefault(v => !v.IsPublished);
        var visible = new List<DocumentVersion>();
        foreach (var v in versions) if (v.IsPublished || canEdit || await permissions.CanReadAsync(actor, document, v, ct)) visible.Add(v);
        var editors = await db.People.AsNoTracking().Where(p => document.EditorPersonIds.Contains(p.Id)).Select(p => new PersonRef(p.Id, p.Name)).ToListAsync(ct);
        var latest = versions.Where(v => v.IsPublished).OrderByDescending(Number).FirstOrDefault();
        return new DocumentView(document.Id, document.Kind, document.Key, document.Title, document.RequiredApprovals, [.. editors.OrderBy(e => e.Name)],
            [.. visible.OrderByDescending(v => v.IsPublished ? 0 : 1).ThenByDescending(Number).Select(Summary)],
            draft is not null && visible.Contains(draft) ? draft.Id : null, latest?.Id, canEdit, actor.IsSteward, actor.IsSteward);
    }

    public async Task<Outcome<VersionView>> VersionAsync(ClaimsPrincipal user, Guid versionId, CancellationToken ct)
    {
        var (actor, document, version, failure) = await LoadReadableAsync(user, versionId, ct);
        if (failure is not null) return failure.As<VersionView>();
        return new VersionView(version!.Id, document!.Id, document.Kind, document.Key, version.Label, version.State, version.Bump, version.ForkedFromId,
            version.CreatedAt, version.CreatedBy, version.PublishedAt, version.PublishedBy, version.ReleaseNotes, version.Structure, version.Sections,
            !version.IsPublished && GovernancePermissions.IsEditor(actor!, document));
    }

    public async Task<Outcome<IReadOnlyList<SuggestionView>>> SuggestionsAsync(ClaimsPrincipal user, Guid versionId, CancellationToken ct)
    {
        var (_, document, _, failure) = await LoadReadableAsync(user, versionId, ct);
        if (failure is not null) return failure.As<IReadOnlyList<SuggestionView>>();
        var suggestions = await db.Suggestions.AsNoTracking().Include(s => s.Approvals).Where(s => s.VersionId == versionId).ToListAsync(ct);
        return suggestions.OrderBy(s => s.State).ThenBy(s => s.CreatedAt).Select(s => SuggestionView.Of(s, document!.RequiredApprovals)).ToList();
    }

    public async Task<Outcome<IReadOnlyList<ReviewRoundView>>> RoundsAsync(ClaimsPrincipal user, Guid versionId, CancellationToken ct)
    {
        var (_, _, _, failure) = await LoadReadableAsync(user, versionId, ct);
        if (failure is not null) return failure.As<IReadOnlyList<ReviewRoundView>>();
        var rounds = await db.ReviewRounds.AsNoTracking().Where(r => r.VersionId == versionId).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var comments = (await db.ReviewComments.AsNoTracking().Where(c => ids.Contains(c.RoundId)).ToListAsync(ct)).ToLookup(c => c.RoundId);
        var now = time.GetUtcNow();
        return rounds.OrderBy(r => r.Number)
            .Select(r => ReviewRounds.View(r, [.. comments[r.Id].OrderBy(c => c.CreatedAt).Select(ReviewRounds.Comment)], now)).ToList();
    }

    /// <summary>Section-by-section differences between two versions of one document, named by id or number ("1.0.0", "draft").</summary>
    public async Task<Outcome<VersionDiff>> DiffAsync(ClaimsPrincipal user, Guid documentId, string? from, string? to, DiffGranularity granularity, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<VersionDiff>.Forbidden(GovernanceLimits.NotSignedIn);
        var document = await db.GovernedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Outcome<VersionDiff>.NotFound("No such document.");
        var versions = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == documentId).ToListAsync(ct);
        var errors = new FieldErrors();
        var a = Find(versions, from, "from", errors);
        var b = Find(versions, to, "to", errors);
        if (errors.Any) return Outcome<VersionDiff>.Invalid(errors);
        foreach (var v in new[] { a!, b! })
            if (!await permissions.CanReadAsync(actor, document, v, ct)) return Outcome<VersionDiff>.Forbidden("Drafts are open to the editing group and to review rounds' audiences.");
        return new VersionDiff(documentId, a!.Label, b!.Label, granularity, Compare(a.Sections, b.Sections, granularity));
    }

    public static IReadOnlyList<SectionDiff> Compare(IReadOnlyList<DocumentSection> before, IReadOnlyList<DocumentSection> after, DiffGranularity granularity)
    {
        var old = before.ToDictionary(s => s.Id);
        var result = new List<SectionDiff>();
        foreach (var s in after)
        {
            if (!old.TryGetValue(s.Id, out var previous)) result.Add(new(s.Id, s.Title, SectionChange.Added, [new(DiffOperation.Inserted, s.Text)]));
            else if (previous.Text == s.Text) result.Add(new(s.Id, s.Title, SectionChange.Unchanged, [new(DiffOperation.Equal, s.Text)]));
            else result.Add(new(s.Id, s.Title, SectionChange.Changed, TextDiff.Compute(previous.Text, s.Text, granularity)));
        }
        var kept = after.Select(s => s.Id).ToHashSet();
        result.AddRange(before.Where(s => !kept.Contains(s.Id)).Select(s => new SectionDiff(s.Id, s.Title, SectionChange.Removed, [new(DiffOperation.Deleted, s.Text)])));
        return result;
    }

    public static VersionSummary Summary(DocumentVersion v) =>
        new(v.Id, v.Label, v.State, v.Bump, v.ForkedFromId, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy, v.ReleaseNotes);

    private static SemanticVersion Number(DocumentVersion v) => new(v.Major, v.Minor, v.Patch);

    private static DocumentVersion? Find(List<DocumentVersion> versions, string? reference, string field, FieldErrors errors)
    {
        var found = reference switch
        {
            null or "" => null,
            "draft" => versions.FirstOrDefault(v => !v.IsPublished),
            _ when Guid.TryParse(reference, out var id) => versions.FirstOrDefault(v => v.Id == id),
            _ when SemanticVersion.TryParse(reference, out var n) => versions.FirstOrDefault(v => v.IsPublished && Number(v) == n),
            _ => null,
        };
        if (found is null) errors.Add(field, reference is null or "" ? $"'{field}' is required: a version number, 'draft' or a version id." : $"This document has no version '{reference}'.");
        return found;
    }

    private async Task<(GovernanceActor?, GovernedDocument?, DocumentVersion?, Outcome<VersionSummary>?)> LoadReadableAsync(
        ClaimsPrincipal user, Guid versionId, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return (null, null, null, Outcome<VersionSummary>.Forbidden(GovernanceLimits.NotSignedIn));
        var version = await db.DocumentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return (actor, null, null, Outcome<VersionSummary>.NotFound("No such version."));
        var document = await db.GovernedDocuments.AsNoTracking().FirstAsync(d => d.Id == version.DocumentId, ct);
        if (!await permissions.CanReadAsync(actor, document, version, ct))
            return (actor, document, version, Outcome<VersionSummary>.Forbidden("Drafts are open to the editing group and to review rounds' audiences."));
        return (actor, document, version, null);
    }
}
