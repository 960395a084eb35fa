using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Governance.Model;

namespace Stepwise.Governance;

/// <summary>
/// Creating governed documents, their settings, and publishing: a draft becomes an immutable version whose
/// number follows from the kind of change the publisher names. Publishing is for the stewards (administrators
/// and HR): it changes what everyone is measured against.
/// </summary>
public sealed class Publishing(StepwiseDb db, TimeProvider time)
{
    /// <summary>For an owning module: a new document whose first version is published at once as 1.0.0 (a default, an import).</summary>
    public async Task<GovernedDocument> CreatePublishedAsync(string kind, string key, DocumentContent content, string actorName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var document = new GovernedDocument { Id = Guid.CreateVersion7(now), Kind = kind, Key = key, Title = content.Title, CreatedAt = now };
        var first = SemanticVersion.First;
        db.GovernedDocuments.Add(document);
        db.DocumentVersions.Add(new DocumentVersion
        {
            Id = Guid.CreateVersion7(now), DocumentId = document.Id, State = VersionState.Published, Major = first.Major, Minor = first.Minor,
            Patch = first.Patch, Bump = VersionBump.Major, Structure = content.Structure, Sections = [.. content.Sections], CreatedAt = now,
            CreatedBy = actorName, PublishedAt = now, PublishedBy = actorName, ReleaseNotes = "First version.",
        });
        await db.SaveChangesAsync(ct);
        return document;
    }

    public async Task<Outcome<VersionSummary>> PublishAsync(ClaimsPrincipal user, Guid versionId, PublishRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<VersionSummary>.Forbidden(GovernanceLimits.NotSignedIn);
        if (!actor.IsSteward) return Outcome<VersionSummary>.Forbidden("Only administrators and HR publish.");
        var draft = await db.DocumentVersions.FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (draft is null) return Outcome<VersionSummary>.NotFound("No such version.");
        if (draft.IsPublished) return Outcome<VersionSummary>.Conflict($"Version {draft.Label} is already published and cannot change.");
        var errors = new FieldErrors().Limit("releaseNotes", request.ReleaseNotes, 4000);
        if (request.Bump is null) errors.Add("bump", "'bump' is required: major (new expectations), minor (clarifications) or patch (typos).");
        if (errors.Any) return Outcome<VersionSummary>.Invalid(errors);

        var published = await db.DocumentVersions.Where(v => v.DocumentId == draft.DocumentId && v.State == VersionState.Published).ToListAsync(ct);
        var source = published.FirstOrDefault(v => v.Id == draft.ForkedFromId);
        if (source is not null && source.Structure == draft.Structure && SameSections(source.Sections, draft.Sections))
            return Outcome<VersionSummary>.Conflict($"The draft does not differ from version {source.Label}; there is nothing to publish.");
        var latest = published.Count == 0 ? (SemanticVersion?)null : published.Max(v => new SemanticVersion(v.Major, v.Minor, v.Patch));
        var number = SemanticVersion.Next(latest, request.Bump!.Value);

        var now = time.GetUtcNow();
        draft.State = VersionState.Published;
        (draft.Major, draft.Minor, draft.Patch) = (number.Major, number.Minor, number.Patch);
        draft.Bump = request.Bump;
        draft.ReleaseNotes = string.IsNullOrWhiteSpace(request.ReleaseNotes) ? null : request.ReleaseNotes.Trim();
        draft.PublishedAt = now;
        draft.PublishedBy = actor.Name;
        // Unapplied suggestions die with the draft; rounds still open end now, their comments kept.
        foreach (var open in await db.Suggestions.Where(s => s.VersionId == draft.Id && s.State == SuggestionState.Open).ToListAsync(ct))
            (open.State, open.ClosedAt, open.ClosedBy) = (SuggestionState.Superseded, now, actor.Name);
        foreach (var round in await db.ReviewRounds.Where(r => r.VersionId == draft.Id).ToListAsync(ct))
            round.ClosesAt = round.ClosesAt > now ? (round.OpensAt > now ? round.OpensAt : now) : round.ClosesAt;
        await db.SaveChangesAsync(ct);
        return GovernanceReader.Summary(draft);
    }

    public async Task<Outcome<GovernedDocument>> UpdateSettingsAsync(ClaimsPrincipal user, Guid documentId, DocumentSettingsRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { IsSteward: true }) return Outcome<GovernedDocument>.Forbidden("Only administrators and HR change the editing group.");
        var document = await db.GovernedDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Outcome<GovernedDocument>.NotFound("No such document.");
        var errors = new FieldErrors();
        if (request.RequiredApprovals is { } n && n is < 1 or > GovernanceLimits.MaxRequiredApprovals)
            errors.Add("requiredApprovals", $"'requiredApprovals' is between 1 and {GovernanceLimits.MaxRequiredApprovals}.");
        var editors = request.EditorPersonIds?.Distinct().ToList();
        if (editors is { Count: > GovernanceLimits.MaxEditors }) errors.Add("editorPersonIds", $"The editing group holds at most {GovernanceLimits.MaxEditors} people.");
        else if (editors is { Count: > 0 })
        {
            var known = await db.People.Where(p => editors.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            foreach (var missing in editors.Except(known)) errors.Add("editorPersonIds", $"No person with id {missing}.");
        }
        if (errors.Any) return Outcome<GovernedDocument>.Invalid(errors);
        document.RequiredApprovals = request.RequiredApprovals ?? document.RequiredApprovals;
        if (editors is not null) document.EditorPersonIds = editors;
        await db.SaveChangesAsync(ct);
        return document;
    }

    private static bool SameSections(List<DocumentSection> a, List<DocumentSection> b) => a.Count == b.Count && a.Zip(b).All(p => p.First == p.Second);
}
