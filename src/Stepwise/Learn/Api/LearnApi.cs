using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Api;
using Stepwise.Identity;
using Stepwise.Learn.FailWall;
using Stepwise.Learn.Feed;
using Stepwise.Learn.Model;
using Stepwise.Learn.Retrospectives;
using Stepwise.Learn.Search;
using Stepwise.Organization;

namespace Stepwise.Learn.Api;

/// <summary>
/// Retrospectives, the repository's search, Fail Walls and the company feed. Everyone signed in reads (private
/// retrospectives excepted); writes are checked per retrospective or unit inside the services.
/// </summary>
public static class LearnApi
{
    public const int FeedSize = 50;

    public static IEndpointRouteBuilder MapLearnApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/learn").WithTags("Learn");
        MapRetrospectives(api);
        MapFacilitation(api);
        MapRepository(api);
        MapFailWall(api);
        MapFeed(api);
        return routes;
    }

    private static void MapRetrospectives(RouteGroupBuilder api)
    {
        api.MapGet("/retrospectives", async (RetrospectiveReader reader, LearnViewers viewers, ClaimsPrincipal user, Guid? unitId, string? status, int? page, int? pageSize, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var (p, size) = Paging.Read(page, pageSize, errors);
            var s = errors.Parse<RetroStatus>("status", status, required: false);
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await reader.ListAsync(await viewers.ForAsync(user, ct), unitId, s, p, size, ct));
        }).WithName("ListRetrospectives").Produces<Page<RetrospectiveSummary>>();
        api.MapPost("/retrospectives", async (RetrospectiveService retros, ClaimsPrincipal user, RetrospectiveRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await retros.CreateAsync(user, request, ct), r => $"/api/learn/retrospectives/{r.Id}"))
            .WithName("CreateRetrospective").Produces<RetrospectiveDetails>(201);
        api.MapGet("/retrospectives/{id:guid}", async (RetrospectiveReader reader, LearnViewers viewers, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            await reader.DetailsAsync(await viewers.ForAsync(user, ct), id, ct) is { } r ? Results.Ok(r) : Results.NotFound())
            .WithName("GetRetrospective").WithSummary("A retrospective with its notes (anonymous ones without author), lessons, actions and the unit's open actions from earlier sessions.")
            .Produces<RetrospectiveDetails>();
        api.MapPut("/retrospectives/{id:guid}", async (RetrospectiveService retros, ClaimsPrincipal user, Guid id, RetrospectiveRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await retros.UpdateAsync(user, id, request, ct))).WithName("UpdateRetrospective").Produces<RetrospectiveDetails>();
        api.MapPost("/retrospectives/{id:guid}/close", async (RetrospectiveService retros, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
            OutcomeResults.Ok(await retros.CloseAsync(user, id, ct)))
            .WithName("CloseRetrospective").WithSummary("Freezes the retrospective and publishes its lessons to the company feed (unless private).").Produces<RetrospectiveDetails>();
        api.MapGet("/retrospectives/{id:guid}/export/{format}", async (RetrospectiveReader reader, LearnViewers viewers, ClaimsPrincipal user, Guid id, string format, CancellationToken ct) =>
        {
            if (format is not ("markdown" or "html")) return FieldErrors.For("format", "'format' is 'markdown' or 'html'.");
            if (await reader.DetailsAsync(await viewers.ForAsync(user, ct), id, ct) is not { } r) return Results.NotFound();
            return format == "markdown"
                ? Results.Text(RetroExport.Markdown(r), "text/markdown; charset=utf-8")
                : Results.Text(RetroExport.Html(r), "text/html; charset=utf-8");
        }).WithName("ExportRetrospective").WithSummary("Markdown, or HTML with print styles for PDF.").Produces<string>(contentType: "text/markdown");
    }

    private static void MapFacilitation(RouteGroupBuilder api)
    {
        api.MapPost("/retrospectives/{id:guid}/contributions", async (FacilitationService live, ClaimsPrincipal user, Guid id, ContributionRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await live.ContributeAsync(user, id, request, ct), _ => $"/api/learn/retrospectives/{id}"))
            .WithName("AddContribution").WithSummary("Adds a note; with anonymous=true no author is stored anywhere, audit log included.").Produces<ContributionView>(201);
        api.MapPut("/retrospectives/{id:guid}/contributions/{noteId:guid}/group", async (FacilitationService live, ClaimsPrincipal user, Guid id, Guid noteId, GroupRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await live.GroupAsync(user, id, noteId, request, ct))).WithName("GroupContribution").Produces<ContributionView>();
        api.MapPost("/retrospectives/{id:guid}/contributions/{noteId:guid}/vote", async (FacilitationService live, ClaimsPrincipal user, Guid id, Guid noteId, CancellationToken ct) =>
            OutcomeResults.Ok(await live.VoteAsync(user, id, noteId, ct))).WithName("VoteContribution").WithSummary("One vote per person per note.").Produces<ContributionView>();
        api.MapPost("/retrospectives/{id:guid}/lessons", async (FacilitationService live, ClaimsPrincipal user, Guid id, LessonRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await live.AddLessonAsync(user, id, request, ct), _ => $"/api/learn/retrospectives/{id}"))
            .WithName("AddLesson").WithSummary("Source: process, team, customerPerception, productUnderstanding or yourself.").Produces<LessonView>(201);
        api.MapPost("/retrospectives/{id:guid}/actions", async (FacilitationService live, ClaimsPrincipal user, Guid id, ActionRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await live.AddActionAsync(user, id, request, ct), _ => $"/api/learn/retrospectives/{id}")).WithName("AddActionItem").Produces<ActionView>(201);
        api.MapPut("/actions/{id:guid}/status", async (FacilitationService live, ClaimsPrincipal user, Guid id, ActionStatusRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await live.SetActionStatusAsync(user, id, request, ct)))
            .WithName("SetActionItemStatus").WithSummary("open, done or dropped; allowed after the retrospective closed.").Produces<ActionView>();
    }

    private static void MapRepository(RouteGroupBuilder api)
    {
        api.MapGet("/search", async (LearnSearch search, LearnViewers viewers, ClaimsPrincipal user, string? q, Guid? unitId, string? source, string? outcome,
            DateOnly? from, DateOnly? to, string? tag, string? kind, int? page, int? pageSize, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Limit("q", q, 500).Limit("tag", tag, LearnValidation.TagMax);
            var (p, size) = Paging.Read(page, pageSize, errors);
            var filters = new SearchFilters(q, unitId, errors.Parse<LessonSource>("source", source, required: false),
                errors.Parse<RetroOutcome>("outcome", outcome, required: false), from, to, tag, errors.Parse<SearchDocumentKind>("kind", kind, required: false));
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await search.SearchAsync(await viewers.ForAsync(user, ct), filters, p, size, ct));
        }).WithName("SearchRetrospectives").WithSummary("Full-text search over retrospectives and lessons, with filters.").Produces<SearchResults>();
        api.MapPost("/related-lessons", async (LearnSearch search, LearnViewers viewers, ClaimsPrincipal user, RelatedLessonsRequest request, CancellationToken ct) =>
        {
            var errors = new FieldErrors().Require("text", request.Text, 20000);
            return errors.Any ? (IResult)errors.ToProblem() : Results.Ok(await search.RelatedLessonsAsync(await viewers.ForAsync(user, ct), request.Text!, 10, ct));
        }).WithName("RelatedLessons").WithSummary("Past lessons related to a text (the description of something new).").Produces<IReadOnlyList<SearchHitView>>();
        api.MapGet("/missing", async (RetrospectiveReader reader, CancellationToken ct) => Results.Ok(await reader.MissingAsync(ct)))
            .WithName("ListMissingRetrospectives").WithSummary("Finished rollouts and stopped experiments that have no retrospective yet.").Produces<IReadOnlyList<MissingRetrospective>>();
        api.MapGet("/closure", async (RetrospectiveReader reader, TimeProvider time, CancellationToken ct) =>
            Results.Ok(await reader.ClosureAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct)))
            .WithName("GetActionClosure").WithSummary("Share of action items closed, per unit and for the organization.").Produces<ClosureReport>();
    }

    private static void MapFailWall(RouteGroupBuilder api)
    {
        api.MapGet("/fail-wall", async (FailWallService wall, ClaimsPrincipal user, CancellationToken ct) => Results.Ok(await wall.WallAsync(user, null, ct)))
            .WithName("ListFailPosts").Produces<IReadOnlyList<FailPostView>>();
        api.MapGet("/units/{unitId:guid}/fail-wall", async (FailWallService wall, ClaimsPrincipal user, Guid unitId, CancellationToken ct) =>
            await wall.WallAsync(user, unitId, ct) is { } posts ? Results.Ok(posts) : Results.NotFound()).WithName("GetFailWall").Produces<IReadOnlyList<FailPostView>>();
        api.MapPost("/units/{unitId:guid}/fail-wall", async (FailWallService wall, ClaimsPrincipal user, Guid unitId, FailPostRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await wall.PostAsync(user, unitId, request, ct), _ => $"/api/learn/units/{unitId}/fail-wall")).WithName("PostToFailWall").Produces<FailPostView>(201);
        api.MapPost("/fail-posts/{id:guid}/reactions", async (FailWallService wall, ClaimsPrincipal user, Guid id, ReactionRequest request, CancellationToken ct) =>
            OutcomeResults.Ok(await wall.ReactAsync(user, id, request, ct))).WithName("ReactToFailPost").WithSummary("applause, lightbulb or thanks.").Produces<FailPostView>();
    }

    private static void MapFeed(RouteGroupBuilder api)
    {
        api.MapPost("/feed-token", async (FeedTokens tokens, ClaimsPrincipal user, HttpRequest http, CancellationToken ct) =>
        {
            var token = await tokens.RotateAsync(LearnViewers.UserIdOf(user) ?? Guid.Empty, ct);
            return Results.Ok(new FeedTokenView(token, FeedUrl(http, token)));
        }).WithName("RotateFeedToken").WithSummary("Creates (or replaces) the caller's secret Atom feed URL; the old one stops working.").Produces<FeedTokenView>();
        api.MapGet("/feed/{token}", async (FeedTokens tokens, LearnViewers viewers, CompanyFeed feed, TimeProvider time, HttpRequest http, string token, CancellationToken ct) =>
        {
            if (await tokens.UserForAsync(token, ct) is not { } userId || await viewers.ForUserAsync(userId, ct) is not { } viewer) return Results.NotFound();
            var items = await feed.ItemsAsync(viewer, FeedSize, ct);
            return Results.Text(CompanyFeed.ToAtom(items, BaseUrl(http), FeedUrl(http, token), time.GetUtcNow()), "application/atom+xml; charset=utf-8");
        }).AllowAnonymous().WithName("GetCompanyFeed").WithSummary("The company feed as Atom 1.0; the secret token in the URL stands for the reader.").Produces<string>(contentType: "application/atom+xml");
        api.MapGet("/webhooks", async (WebhookService hooks, CancellationToken ct) => Results.Ok(await hooks.ListAsync(ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListLearnWebhooks").Produces<IReadOnlyList<WebhookView>>();
        api.MapPost("/webhooks", async (WebhookService hooks, ClaimsPrincipal user, WebhookRequest request, CancellationToken ct) =>
            OutcomeResults.Created(await hooks.CreateAsync(user, request, ct), _ => "/api/learn/webhooks"))
            .RequireAuthorization(Policies.Admin).WithName("CreateLearnWebhook").WithSummary("A Slack-compatible incoming-webhook URL that receives the company feed.").Produces<WebhookView>(201);
        api.MapGet("/webhooks/deliveries", async (WebhookService hooks, CancellationToken ct) => Results.Ok(await hooks.DeliveriesAsync(200, ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListLearnWebhookDeliveries").WithSummary("The delivery log: every message, its attempts and last result.").Produces<IReadOnlyList<WebhookDeliveryView>>();
    }

    public static string BaseUrl(HttpRequest http) => $"{http.Scheme}://{http.Host}{http.PathBase}";

    public static string FeedUrl(HttpRequest http, string token) => $"{BaseUrl(http)}/api/learn/feed/{token}";
}
