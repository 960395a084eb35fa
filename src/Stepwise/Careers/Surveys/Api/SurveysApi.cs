using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Careers.Steps;

namespace Stepwise.Careers.Surveys.Api;

/// <summary>
/// Surveys: everyone signed in answers and reads the suppressed aggregates; HR and administrators create, open and close
/// them. No route returns an individual answer.
/// </summary>
public static class SurveysApi
{
    public const string AdminPolicy = "SurveyAdmin";

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder routes)
    {
        var surveys = routes.MapGroup("/api/careers/surveys").WithTags("Surveys");
        surveys.MapGet("", async (SurveyService s, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(user, ct)))
            .WithName("ListSurveys");
        surveys.MapGet("/{id:guid}", async (SurveyService s, ClaimsPrincipal user, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.GetAsync(user, id, ct)))
            .WithName("GetSurvey");
        surveys.MapPost("/{id:guid}/responses", async (SurveyService s, ClaimsPrincipal user, Guid id, AnswerRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.AnswerAsync(user, id, request, ct)))
            .WithName("AnswerSurvey").WithSummary("Answers the open round anonymously; 409 when the survey is closed or already answered.");
        surveys.MapGet("/{id:guid}/results", async (SurveyService s, Guid id, CancellationToken ct) => OutcomeResults.Ok(await s.ResultsAsync(id, ct)))
            .WithName("GetSurveyResults").WithSummary("Favourable share per item and group, with change since the baseline; small groups hidden.");

        var admin = surveys.MapGroup("").RequireAuthorization(AdminPolicy);
        admin.MapPost("", async (SurveyService s, ClaimsPrincipal user, CreateSurveyRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.CreateAsync(user, request, ct), v => $"/api/careers/surveys/{v.Id}"))
            .WithName("CreateSurvey").WithSummary("Creates a survey; without items it gets the default ones.");
        admin.MapPut("/{id:guid}", async (SurveyService s, ClaimsPrincipal user, Guid id, UpdateSurveyRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.UpdateAsync(user, id, request, ct)))
            .WithName("UpdateSurvey").WithSummary("Renames a survey; thresholds change only before it opens.");
        admin.MapPost("/{id:guid}/rounds", async (SurveyService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.OpenRoundAsync(user, id, ct)))
            .WithName("OpenSurveyRound").WithSummary("Opens the baseline or the next follow-up.");
        admin.MapPost("/{id:guid}/rounds/{roundId:guid}/close", async (SurveyService s, ClaimsPrincipal user, Guid id, Guid roundId, CancellationToken ct) =>
                OutcomeResults.Ok(await s.CloseRoundAsync(user, id, roundId, ct)))
            .WithName("CloseSurveyRound");
        return routes;
    }
}
