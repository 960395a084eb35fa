using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Governance.Model;

namespace Stepwise.Governance;

/// <summary>
/// Changes to drafts: forking a draft from a published version, suggestions and their approvals, and pair
/// edits. A suggestion is applied only once enough people other than its author approved it; published
/// versions never change.
/// </summary>
public sealed class DraftEditing(StepwiseDb db, TimeProvider time)
{
    /// <summary>Starts the document's one draft from a published version (the latest unless named).</summary>
    public async Task<Outcome<VersionSummary>> ForkAsync(ClaimsPrincipal user, Guid documentId, ForkDraftRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<VersionSummary>.Forbidden(GovernanceLimits.NotSignedIn);
        var document = await db.GovernedDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Outcome<VersionSummary>.NotFound("No such document.");
        if (!GovernancePermissions.IsEditor(actor, document)) return Outcome<VersionSummary>.Forbidden("Only the editing group, administrators and HR start drafts.");
        var published = db.DocumentVersions.Where(v => v.DocumentId == documentId && v.State == VersionState.Published);
        var source = request.FromVersionId is { } from
            ? await published.FirstOrDefaultAsync(v => v.Id == from, ct)
            : (await published.ToListAsync(ct)).OrderByDescending(v => new SemanticVersion(v.Major, v.Minor, v.Patch)).FirstOrDefault();
        if (source is null) return Outcome<VersionSummary>.Invalid("fromVersionId", "A draft starts from a published version of this document.");
        return await StartDraftAsync(actor, document, source, null, ct);
    }

    /// <summary>For an owning module's import: a draft whose content replaces the latest published version's.</summary>
    public async Task<Outcome<VersionSummary>> StartDraftAsync(GovernanceActor actor, GovernedDocument document, DocumentVersion? source,
        DocumentContent? replacement, CancellationToken ct)
    {
        if (await db.DocumentVersions.AnyAsync(v => v.DocumentId == document.Id && v.State == VersionState.Draft, ct))
            return Outcome<VersionSummary>.Conflict("This document already has a draft; finish or publish it first.");
        var now = time.GetUtcNow();
        var draft = new DocumentVersion
        {
            Id = Guid.CreateVersion7(now), DocumentId = document.Id, State = VersionState.Draft, ForkedFromId = source?.Id,
            Structure = replacement?.Structure ?? source?.Structure ?? "{}", Sections = [.. replacement?.Sections ?? source?.Sections ?? []],
            CreatedAt = now, CreatedBy = actor.Name,
        };
        if (replacement is not null) document.Title = replacement.Title;
        db.DocumentVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        return GovernanceReader.Summary(draft);
    }

    public async Task<Outcome<SuggestionView>> SuggestAsync(ClaimsPrincipal user, Guid versionId, SuggestionRequest request, CancellationToken ct)
    {
        var (actor, document, draft, failure) = await LoadDraftAsync(user, versionId, ct);
        if (failure is not null) return failure.As<SuggestionView>();
        var errors = new FieldErrors().Require("sectionId", request.SectionId, 200).Text("text", request.Text, GovernanceLimits.MaxSectionText)
            .Limit("rationale", request.Rationale, GovernanceLimits.MaxRationale);
        var section = request.SectionId is null ? null : draft!.Section(request.SectionId);
        if (request.SectionId is not null && section is null) errors.Add("sectionId", $"The draft has no section '{request.SectionId}'.");
        if (section is not null && request.Text is not null && Normalize(request.Text) == section.Text) errors.Add("text", "The proposed text is the same as the current text.");
        if (errors.Any) return Outcome<SuggestionView>.Invalid(errors);

        var suggestion = NewChange(actor!, draft!, section!, request.Text!, request.Rationale, ChangeKind.Suggestion);
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync(ct);
        return SuggestionView.Of(suggestion, document!.RequiredApprovals);
    }

    public async Task<Outcome<SuggestionView>> ApproveAsync(ClaimsPrincipal user, Guid suggestionId, CancellationToken ct)
    {
        var (actor, document, suggestion, failure) = await LoadOpenSuggestionAsync(user, suggestionId, ct);
        if (failure is not null) return failure;
        if (actor!.IsSamePersonAs(suggestion!.AuthorUserId, suggestion.AuthorPersonId))
            return Outcome<SuggestionView>.Conflict("You cannot approve your own suggestion; it needs approvals from other people.");
        if (suggestion.Approvals.Any(a => actor.IsSamePersonAs(a.UserId, a.PersonId)))
            return Outcome<SuggestionView>.Conflict("You have already approved this suggestion.");
        var approval = new SuggestionApproval
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), SuggestionId = suggestion.Id, UserId = actor.UserId, PersonId = actor.PersonId,
            Name = actor.Name, At = time.GetUtcNow(),
        };
        // Added through its set: EF would take a new child with a key already set for an existing row to update.
        db.SuggestionApprovals.Add(approval);
        suggestion.Approvals.Add(approval);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<SuggestionView>.Conflict("You have already approved this suggestion."); }
        return SuggestionView.Of(suggestion, document!.RequiredApprovals);
    }

    /// <summary>Writes an approved suggestion into its section. Refused while approvals are missing or when the section changed since.</summary>
    public async Task<Outcome<SuggestionView>> ApplyAsync(ClaimsPrincipal user, Guid suggestionId, CancellationToken ct)
    {
        var (actor, document, suggestion, failure) = await LoadOpenSuggestionAsync(user, suggestionId, ct);
        if (failure is not null) return failure;
        if (suggestion!.Approvals.Count < document!.RequiredApprovals)
            return Outcome<SuggestionView>.Conflict(
                $"This suggestion has {suggestion.Approvals.Count} of the {document.RequiredApprovals} approvals it needs from people other than its author.");
        var draft = await db.DocumentVersions.FirstAsync(v => v.Id == suggestion.VersionId, ct);
        var section = draft.Section(suggestion.SectionId)!;
        if (section.Text != suggestion.BaseText)
            return Outcome<SuggestionView>.Conflict("The section changed after this suggestion was made; propose it again on the current text.");
        Replace(draft, section with { Text = suggestion.ProposedText });
        Close(suggestion, SuggestionState.Applied, actor!);
        await db.SaveChangesAsync(ct);
        return SuggestionView.Of(suggestion, document.RequiredApprovals);
    }

    /// <summary>The author (or a steward) takes a suggestion back.</summary>
    public async Task<Outcome<SuggestionView>> WithdrawAsync(ClaimsPrincipal user, Guid suggestionId, CancellationToken ct)
    {
        var (actor, document, suggestion, failure) = await LoadOpenSuggestionAsync(user, suggestionId, ct);
        if (failure is not null) return failure;
        if (!actor!.IsSteward && !actor.IsSamePersonAs(suggestion!.AuthorUserId, suggestion.AuthorPersonId))
            return Outcome<SuggestionView>.Forbidden("Only the author, administrators and HR withdraw a suggestion.");
        Close(suggestion!, SuggestionState.Withdrawn, actor);
        await db.SaveChangesAsync(ct);
        return SuggestionView.Of(suggestion!, document!.RequiredApprovals);
    }

    /// <summary>Two members of the editing group who wrote a change together apply it at once, with both names on it.</summary>
    public async Task<Outcome<SuggestionView>> PairEditAsync(ClaimsPrincipal user, Guid versionId, PairEditRequest request, CancellationToken ct)
    {
        var (actor, document, draft, failure) = await LoadDraftAsync(user, versionId, ct);
        if (failure is not null) return failure.As<SuggestionView>();
        var errors = new FieldErrors().Require("sectionId", request.SectionId, 200).Text("text", request.Text, GovernanceLimits.MaxSectionText)
            .Limit("rationale", request.Rationale, GovernanceLimits.MaxRationale);
        var section = request.SectionId is null ? null : draft!.Section(request.SectionId);
        if (request.SectionId is not null && section is null) errors.Add("sectionId", $"The draft has no section '{request.SectionId}'.");
        string? partnerName = null;
        if (request.PartnerPersonId is not { } partner) errors.Add("partnerPersonId", "Name the person you wrote this change with.");
        else if (partner == actor!.PersonId) errors.Add("partnerPersonId", "A pair is two different people.");
        else if (!document!.EditorPersonIds.Contains(partner)) errors.Add("partnerPersonId", "Your partner must be in the editing group.");
        else partnerName = await db.People.Where(p => p.Id == partner).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (actor!.PersonId is null) errors.Add("partnerPersonId", "Pair edits need your account linked to a person, so both authors are recorded.");
        if (errors.Any) return Outcome<SuggestionView>.Invalid(errors);

        var change = NewChange(actor, draft!, section!, request.Text!, request.Rationale, ChangeKind.PairEdit, request.PartnerPersonId, partnerName ?? "");
        Close(change, SuggestionState.Applied, actor);
        Replace(draft!, section! with { Text = change.ProposedText });
        db.Suggestions.Add(change);
        await db.SaveChangesAsync(ct);
        return SuggestionView.Of(change, document!.RequiredApprovals);
    }

    private Suggestion NewChange(GovernanceActor actor, DocumentVersion draft, DocumentSection section, string text, string? rationale, ChangeKind kind,
        Guid? partner = null, string? partnerName = null)
    {
        var now = time.GetUtcNow();
        return new Suggestion
        {
            Id = Guid.CreateVersion7(now), VersionId = draft.Id, SectionId = section.Id, Kind = kind, State = SuggestionState.Open,
            BaseText = section.Text, ProposedText = Normalize(text), Rationale = string.IsNullOrWhiteSpace(rationale) ? null : rationale.Trim(),
            AuthorUserId = actor.UserId, AuthorPersonId = actor.PersonId, AuthorName = actor.Name, PartnerPersonId = partner, PartnerName = partnerName,
            CreatedAt = now,
        };
    }

    private void Close(Suggestion suggestion, SuggestionState state, GovernanceActor actor)
    {
        suggestion.State = state;
        suggestion.ClosedAt = time.GetUtcNow();
        suggestion.ClosedBy = actor.Name;
    }

    // A new list, so the JSON column's change is detected and audited as a whole.
    private static void Replace(DocumentVersion draft, DocumentSection section) =>
        draft.Sections = [.. draft.Sections.Select(s => s.Id == section.Id ? section : s)];

    /// <summary>Line endings normalised and trailing whitespace trimmed, so diffs show real changes only.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private async Task<(GovernanceActor?, GovernedDocument?, DocumentVersion?, Outcome<VersionSummary>?)> LoadDraftAsync(
        ClaimsPrincipal user, Guid versionId, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return (null, null, null, Outcome<VersionSummary>.Forbidden(GovernanceLimits.NotSignedIn));
        var version = await db.DocumentVersions.FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return (actor, null, null, Outcome<VersionSummary>.NotFound("No such version."));
        var document = await db.GovernedDocuments.FirstAsync(d => d.Id == version.DocumentId, ct);
        if (!GovernancePermissions.IsEditor(actor, document))
            return (actor, document, version, Outcome<VersionSummary>.Forbidden("Only the editing group, administrators and HR change drafts."));
        if (version.IsPublished)
            return (actor, document, version, Outcome<VersionSummary>.Conflict($"Version {version.Label} is published and cannot change; start a draft from it."));
        return (actor, document, version, null);
    }

    private async Task<(GovernanceActor?, GovernedDocument?, Suggestion?, Outcome<SuggestionView>?)> LoadOpenSuggestionAsync(
        ClaimsPrincipal user, Guid suggestionId, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return (null, null, null, Outcome<SuggestionView>.Forbidden(GovernanceLimits.NotSignedIn));
        var suggestion = await db.Suggestions.Include(s => s.Approvals).FirstOrDefaultAsync(s => s.Id == suggestionId, ct);
        if (suggestion is null) return (actor, null, null, Outcome<SuggestionView>.NotFound("No such suggestion."));
        var document = await db.DocumentVersions.Where(v => v.Id == suggestion.VersionId)
            .Join(db.GovernedDocuments, v => v.DocumentId, d => d.Id, (_, d) => d).FirstAsync(ct);
        if (!GovernancePermissions.IsEditor(actor, document))
            return (actor, document, suggestion, Outcome<SuggestionView>.Forbidden("Only the editing group, administrators and HR act on suggestions."));
        if (suggestion.State != SuggestionState.Open)
            return (actor, document, suggestion, Outcome<SuggestionView>.Conflict($"This suggestion is {suggestion.State.ToString().ToLowerInvariant()}, no longer open."));
        return (actor, document, suggestion, null);
    }
}
