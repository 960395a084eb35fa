using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Identity;

namespace Stepwise.Careers.Steps.Api;

/// <summary>Step records: a person and their manager chain read; HR (and administrators) read everything and write.</summary>
public static class StepsApi
{
    public const string HrPolicy = "StepsHr";

    public static IEndpointRouteBuilder MapStepsApi(this IEndpointRouteBuilder routes)
    {
        var steps = routes.MapGroup("/api/careers/steps").WithTags("Career steps");
        steps.MapGet("/people/{id:guid}", async (StepRecordService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.HistoryAsync(user, id, ct)))
            .WithName("GetStepHistory").WithSummary("A person's step history: the person, their manager chain and HR.");

        var hr = steps.MapGroup("").RequireAuthorization(HrPolicy);
        hr.MapPost("/people/{id:guid}", async (StepRecordService s, ClaimsPrincipal user, Guid id, RecordStepRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.RecordAsync(user, id, request, promotion: false, ct), r => $"/api/careers/steps/people/{r.PersonId}"))
            .WithName("RecordStep").WithSummary("Records a step decision effective from a date.");
        hr.MapPost("/people/{id:guid}/promote", async (StepRecordService s, ClaimsPrincipal user, Guid id, RecordStepRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.RecordAsync(user, id, request, promotion: true, ct), r => $"/api/careers/steps/people/{r.PersonId}"))
            .WithName("PromotePerson").WithSummary("Records a promotion (by default to the next step up).");
        hr.MapPost("/people/{id:guid}/close", async (StepRecordService s, ClaimsPrincipal user, Guid id, CloseStepRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.CloseAsync(user, id, request, ct)))
            .WithName("CloseStep").WithSummary("Closes the open step of someone who left.");
        hr.MapGet("/promotions", async (StepRecordService s, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                TypedResults.Ok(await s.PromotionsAsync(from, to, ct)))
            .WithName("ListPromotions").WithSummary("Promotions effective in a period (default: the last year).");
        hr.MapGet("/data-quality", async (DataQualityService q, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await q.ReportAsync(Math.Clamp(limit ?? DataQualityService.DefaultLimit, 1, 5000), ct)))
            .WithName("GetStepDataQuality").WithSummary("Missing, outdated and stale step records, each with the page that fixes it.");
        hr.MapGet("/export", async (StepCsv csv, CancellationToken ct) =>
                TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await csv.ExportAsync(ct)), "text/csv; charset=utf-8", StepCsv.FileName))
            .WithName("ExportSteps").WithSummary("Every step record as CSV, in the import format.");
        hr.MapPost("/import", ImportAsync).WithName("ImportSteps")
            .WithSummary("Adds step decisions from CSV, all or nothing. dryRun=true validates without writing.")
            .WithMetadata(new Stepwise.Api.LargeBodyMetadata(Stepwise.Organization.OrganizationApi.MaxImportBytes));
        hr.MapGet("/webhooks/deliveries", async (StepRecordService s, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await s.DeliveriesAsync(Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .WithName("ListStepWebhookDeliveries").WithSummary("The latest webhook deliveries with their attempts and errors.");
        return routes;
    }

    private static async Task<IResult> ImportAsync(StepCsv csv, StepImportRequest request, bool? dryRun, CancellationToken ct)
    {
        var result = await csv.ImportAsync(request, dryRun ?? false, ct);
        if (result.ErrorCount == 0) return TypedResults.Ok(result);
        return TypedResults.Problem(
            title: "The import was rejected; nothing was written.",
            detail: $"{result.ErrorCount} error(s) in the file. Fix them and import again.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errorCount"] = result.ErrorCount, ["errors"] = result.Errors });
    }
}
