using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Governance.Model;
using Stepwise.Identity;

namespace Stepwise.Governance.Api;

/// <summary>
/// Governed editing of any kind of document: drafts, suggestions and approvals, pair edits, review rounds,
/// publishing and diffs. Reads and draft work are checked per document inside the services (editing group,
/// review audiences); settings and publishing belong to administrators and HR.
/// </summary>
public static class GovernanceApi
{
    public static IEndpointRouteBuilder MapGovernanceApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/governance").WithTags("Governance");
        api.MapGet("/documents/{id:guid}", async (GovernanceReader reader, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await reader.DocumentAsync(user, id, ct))).WithName("GetGovernedDocument").Produces<DocumentView>();
        api.MapPut("/documents/{id:guid}/settings", async (Publishing publishing, GovernanceReader reader, ClaimsPrincipal user, Guid id, DocumentSettingsRequest request, CancellationToken ct) =>
        {
            var outcome = await publishing.UpdateSettingsAsync(user, id, request, ct);
            return outcome.Succeeded ? OutcomeResults.Ok(await reader.DocumentAsync(user, id, ct)) : OutcomeResults.Ok(outcome.As<DocumentView>());
        }).RequireAuthorization(p => p.RequireRole(GovernanceActor.StewardRoles))
            .WithName("UpdateGovernedDocumentSettings").WithSummary("Sets the editing group and the number of approvals a suggestion needs.").Produces<DocumentView>();
        api.MapPost("/documents/{id:guid}/drafts", async (DraftEditing editing, ClaimsPrincipal user, Guid id, ForkDraftRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await editing.ForkAsync(user, id, request, ct), v => $"/api/governance/versions/{v.Id}"))
            .WithName("StartDraft").WithSummary("Forks the document's draft from a published version (the latest unless named).").Produces<VersionSummary>(201);
        api.MapGet("/documents/{id:guid}/diff", async (GovernanceReader reader, ClaimsPrincipal user, Guid id, string? from, string? to, string? granularity, CancellationToken ct) =>
            Enum.TryParse<DiffGranularity>(granularity ?? nameof(DiffGranularity.Word), ignoreCase: true, out var by) && !int.TryParse(granularity, out _)
                ? OutcomeResults.Ok(await reader.DiffAsync(user, id, from, to, by, ct))
                : global::Stepwise.Api.FieldErrors.For("granularity", "'granularity' is word or line."))
            .WithName("DiffVersions").WithSummary("Per-section differences between two versions ('1.0.0', 'draft' or an id), by word or by line.").Produces<VersionDiff>();

        api.MapGet("/versions/{id:guid}", async (GovernanceReader reader, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await reader.VersionAsync(user, id, ct))).WithName("GetDocumentVersion").Produces<VersionView>();
        api.MapGet("/versions/{id:guid}/suggestions", async (GovernanceReader reader, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await reader.SuggestionsAsync(user, id, ct))).WithName("ListSuggestions").Produces<IReadOnlyList<SuggestionView>>();
        api.MapPost("/versions/{id:guid}/suggestions", async (DraftEditing editing, ClaimsPrincipal user, Guid id, SuggestionRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await editing.SuggestAsync(user, id, request, ct), s => $"/api/governance/suggestions/{s.Id}"))
            .WithName("ProposeSuggestion").Produces<SuggestionView>(201);
        api.MapPost("/versions/{id:guid}/pair-edits", async (DraftEditing editing, ClaimsPrincipal user, Guid id, PairEditRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await editing.PairEditAsync(user, id, request, ct), s => $"/api/governance/suggestions/{s.Id}"))
            .WithName("ApplyPairEdit").WithSummary("Applies a change written by two members of the editing group together, recorded with both authors.").Produces<SuggestionView>(201);
        api.MapPost("/versions/{id:guid}/publish", async (Publishing publishing, ClaimsPrincipal user, Guid id, PublishRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await publishing.PublishAsync(user, id, request, ct))).RequireAuthorization(p => p.RequireRole(GovernanceActor.StewardRoles))
            .WithName("PublishVersion").WithSummary("Freezes a draft as the next version: major = new expectations, minor = clarifications, patch = typos.").Produces<VersionSummary>();
        api.MapGet("/versions/{id:guid}/rounds", async (GovernanceReader reader, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await reader.RoundsAsync(user, id, ct))).WithName("ListReviewRounds").Produces<IReadOnlyList<ReviewRoundView>>();
        api.MapPost("/versions/{id:guid}/rounds", async (ReviewRounds rounds, ClaimsPrincipal user, Guid id, ReviewRoundRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await rounds.OpenAsync(user, id, request, ct), r => $"/api/governance/versions/{id}/rounds"))
            .WithName("OpenReviewRound").WithSummary("Opens a comment period for a circle at least as wide as the previous round's.").Produces<ReviewRoundView>(201);

        api.MapPost("/suggestions/{id:guid}/approve", async (DraftEditing editing, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await editing.ApproveAsync(user, id, ct))).WithName("ApproveSuggestion").Produces<SuggestionView>();
        api.MapPost("/suggestions/{id:guid}/apply", async (DraftEditing editing, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await editing.ApplyAsync(user, id, ct))).WithName("ApplySuggestion").Produces<SuggestionView>();
        api.MapPost("/suggestions/{id:guid}/withdraw", async (DraftEditing editing, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await editing.WithdrawAsync(user, id, ct))).WithName("WithdrawSuggestion").Produces<SuggestionView>();

        api.MapPost("/rounds/{id:guid}/comments", async (ReviewRounds rounds, ClaimsPrincipal user, Guid id, CommentRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await rounds.CommentAsync(user, id, request, ct), _ => $"/api/governance/rounds/{id}"))
            .WithName("CommentInReviewRound").Produces<CommentView>(201);
        api.MapPost("/rounds/{id:guid}/close", async (ReviewRounds rounds, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await rounds.CloseAsync(user, id, ct))).WithName("CloseReviewRound").Produces<ReviewRoundView>();
        return routes;
    }
}
