using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization.Csv;

namespace Stepwise.Organization;

/// <summary>The organization's routes. Reading is open to everyone signed in; changing the model needs HR or Admin.</summary>
public static class OrganizationApi
{
    public const long MaxImportBytes = 64 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder routes)
    {
        var org = routes.MapGroup("/api").WithTags("Organization");
        org.MapGet("/org/tree", (OrgQueries q, DateOnly? asOf, CancellationToken ct) => q.TreeAsync(asOf, ct))
            .WithName("GetOrgTree").WithSummary("Units as a tree with member counts as of a date (default today).");
        org.MapGet("/units", ListUnitsAsync).WithName("ListUnits");
        org.MapGet("/units/{id:guid}", GetUnitAsync).WithName("GetUnit").WithSummary("A unit and its members as of a date.");
        org.MapGet("/people", ListPeopleAsync).WithName("ListPeople");
        org.MapGet("/people/{id:guid}", GetPersonAsync).WithName("GetPerson").WithSummary("A person with their full history.");
        org.MapGet("/people/{id:guid}/relationship", GetRelationshipAsync).WithName("GetRelationship")
            .WithSummary("How the signed-in user relates to this person (self, manager chain, tribe lead, chapter lead).");

        var write = org.MapGroup("").RequireAuthorization(Policies.OrgWrite);
        write.MapPost("/units", OrganizationWrites.CreateUnitAsync).WithName("CreateUnit");
        write.MapPut("/units/{id:guid}", OrganizationWrites.UpdateUnitAsync).WithName("UpdateUnit");
        write.MapPost("/people", OrganizationWrites.HireAsync).WithName("HirePerson");
        write.MapPut("/people/{id:guid}", OrganizationWrites.UpdatePersonAsync).WithName("UpdatePerson");
        write.MapPost("/people/{id:guid}/memberships", OrganizationWrites.JoinUnitAsync).WithName("JoinUnit");
        write.MapPost("/people/{id:guid}/memberships/end", OrganizationWrites.LeaveUnitAsync).WithName("LeaveUnit");
        write.MapPut("/people/{id:guid}/manager", OrganizationWrites.SetManagerAsync).WithName("SetManager");
        write.MapPost("/people/{id:guid}/leave", OrganizationWrites.LeaveCompanyAsync).WithName("LeaveCompany");
        write.MapPost("/org/import", ImportAsync).WithName("ImportOrganization")
            .WithSummary("Imports units, people and memberships from CSV, all or nothing. dryRun=true validates without writing.")
            .WithMetadata(new LargeBodyMetadata(MaxImportBytes));
        write.MapGet("/org/export/{file}", ExportAsync).WithName("ExportOrganization")
            .WithSummary("Exports units, people or memberships as CSV in the import format.");
        return routes;
    }

    private static async Task<Results<Ok<Page<UnitSummary>>, ValidationProblem>> ListUnitsAsync(
        OrgQueries q, UnitKind? kind, Guid? parentId, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        return TypedResults.Ok(await q.UnitsAsync(kind, parentId, p, size, ct));
    }

    private static async Task<Results<Ok<UnitDetails>, NotFound>> GetUnitAsync(OrgQueries q, Guid id, DateOnly? asOf, CancellationToken ct) =>
        await q.UnitAsync(id, asOf, ct) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound();

    private static async Task<Results<Ok<Page<PersonSummary>>, ValidationProblem>> ListPeopleAsync(
        OrgQueries q, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        errors.Limit("search", search, 200);
        if (errors.Any) return errors.ToProblem();
        return TypedResults.Ok(await q.PeopleAsync(search, p, size, ct));
    }

    private static async Task<Results<Ok<PersonDetails>, NotFound>> GetPersonAsync(OrgQueries q, Guid id, DateOnly? asOf, CancellationToken ct) =>
        await q.PersonAsync(id, asOf, ct) is { } person ? TypedResults.Ok(person) : TypedResults.NotFound();

    private static async Task<Results<Ok<RelationshipView>, NotFound>> GetRelationshipAsync(
        StepwiseDb db, OrgRelationships relationships, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct)) return TypedResults.NotFound();
        var actor = Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var personId) ? personId : (Guid?)null;
        var relationship = await relationships.BetweenAsync(actor, id, ct: ct);
        var names = Enum.GetValues<OrgRelationship>().Where(r => r != OrgRelationship.None && relationship.HasFlag(r)).Select(r => r.ToString()).ToList();
        return TypedResults.Ok(new RelationshipView(id, names));
    }

    private static async Task<Results<Ok<OrgImportResult>, ProblemHttpResult>> ImportAsync(
        OrgCsvImporter importer, OrgImportRequest request, bool? dryRun, CancellationToken ct)
    {
        var result = await importer.ImportAsync(request, dryRun ?? false, ct);
        if (result.ErrorCount == 0) return TypedResults.Ok(result);
        return TypedResults.Problem(
            title: "The import was rejected; nothing was written.",
            detail: $"{result.ErrorCount} error(s) in the files. Fix them and import again.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errorCount"] = result.ErrorCount, ["errors"] = result.Errors });
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(OrgCsvExporter exporter, string file, CancellationToken ct)
    {
        var csv = file switch
        {
            "units" or "units.csv" => await exporter.UnitsAsync(ct),
            "people" or "people.csv" => await exporter.PeopleAsync(ct),
            "memberships" or "memberships.csv" => await exporter.MembershipsAsync(ct),
            _ => null,
        };
        if (csv is null) return TypedResults.NotFound();
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{file.Replace(".csv", "", StringComparison.Ordinal)}.csv");
    }
}
