using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Careers.Steps;

namespace Stepwise.Careers.Compensation.Api;

/// <summary>Restricted: compensation administrators read and write, HR reads, a person reads their own pay. Every read is audited.</summary>
public static class CompensationApi
{
    public static IEndpointRouteBuilder MapCompensationApi(this IEndpointRouteBuilder routes)
    {
        var pay = routes.MapGroup("/api/careers/compensation").WithTags("Compensation");
        pay.MapGet("/me", async (CompensationService s, ClaimsPrincipal user, CancellationToken ct) => OutcomeResults.Ok(await s.MineAsync(user, ct)))
            .WithName("GetMyPay").WithSummary("Your own salary, step band, compa-ratio and range penetration.");
        pay.MapGet("/people/{id:guid}", async (CompensationService s, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
                OutcomeResults.Ok(await s.PersonAsync(user, id, ct)))
            .WithName("GetPersonPay").WithSummary("One person's pay against their band: the person, compensation administrators and HR.");

        var read = pay.MapGroup("").RequireAuthorization(CompensationAccess.ReadPolicy);
        read.MapGet("/bands", async (CompensationService s, ClaimsPrincipal user, CancellationToken ct) => OutcomeResults.Ok(await s.BandsAsync(user, ct)))
            .WithName("ListSalaryBands").WithSummary("Bands per location with width, headroom and overlap with the next step.");
        read.MapGet("/people", async (CompensationService s, ClaimsPrincipal user, CancellationToken ct) => OutcomeResults.Ok(await s.OverviewAsync(user, ct)))
            .WithName("ListPay").WithSummary("Everyone's compa-ratio and range penetration, with the people below min or above max.");
        read.MapPost("/promotion-cost", async (CompensationService s, ClaimsPrincipal user, PromotionCostRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.PromotionCostAsync(user, request, ct)))
            .WithName("GetPromotionCost").WithSummary("What promoting a set of people costs to reach the new band's minimum and midpoint.");

        var write = pay.MapGroup("").RequireAuthorization(CompensationAccess.WritePolicy);
        write.MapPost("/bands", async (CompensationService s, ClaimsPrincipal user, BandRequest request, CancellationToken ct) =>
                OutcomeResults.Created(await s.SaveBandAsync(user, null, request, ct), b => $"/api/careers/compensation/bands/{b.Id}"))
            .WithName("CreateSalaryBand");
        write.MapPut("/bands/{id:guid}", async (CompensationService s, ClaimsPrincipal user, Guid id, BandRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.SaveBandAsync(user, id, request, ct)))
            .WithName("UpdateSalaryBand");
        write.MapPost("/people/{id:guid}/salaries", async (CompensationService s, ClaimsPrincipal user, Guid id, SalaryRequest request, CancellationToken ct) =>
                OutcomeResults.Ok(await s.AddSalaryAsync(user, id, request, ct)))
            .WithName("RecordSalary").WithSummary("Records a salary effective from a date.");
        return routes;
    }
}
