using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Api;
using Stepwise.Careers.Framework.Files;
using Stepwise.Governance;
using Stepwise.Governance.Api;

namespace Stepwise.Careers.Framework.Api;

/// <summary>
/// Career frameworks: everyone signed in reads published versions; drafts follow governed editing's rules
/// (see /api/governance); importing is for administrators and HR.
/// </summary>
public static class CareerFrameworkApi
{
    public static IEndpointRouteBuilder MapCareerFrameworkApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/careers").WithTags("Career framework");
        api.MapGet("/framework-schema", () => Results.Text(FrameworkFileReader.SchemaText, "application/schema+json", Encoding.UTF8))
            .WithName("GetCareerFrameworkSchema").WithSummary("The JSON Schema that framework files (YAML or JSON) are validated against.").Produces<string>(200, "application/schema+json");
        api.MapGet("/frameworks", async (FrameworkCatalog catalog, CancellationToken ct) => Results.Ok(await catalog.ListAsync(ct)))
            .WithName("ListCareerFrameworks").Produces<IReadOnlyList<FrameworkSummary>>();
        api.MapGet("/frameworks/{key}", async (FrameworkCatalog catalog, ClaimsPrincipal user, string key, string? version, CancellationToken ct) =>
            OutcomeResults.Ok(await catalog.GetAsync(user, key, version, ct)))
            .WithName("GetCareerFramework").WithSummary("A version of a framework: the latest published unless 'version' names one ('1.1.0' or 'draft').").Produces<FrameworkView>();
        api.MapGet("/frameworks/{key}/mastery", async (FrameworkCatalog catalog, ClaimsPrincipal user, string key, string? version, CancellationToken ct) =>
            OutcomeResults.Ok(await catalog.MasteryAsync(user, key, version, ct)))
            .WithName("GetCareerFrameworkMastery").WithSummary("The mastery characteristic's definition for each discipline in the organization.").Produces<MasteryView>();
        api.MapGet("/frameworks/{key}/export", async (FrameworkCatalog catalog, ClaimsPrincipal user, string key, string? version, string? format, CancellationToken ct) =>
        {
            if (ParseFormat(format, null) is not { } f) return FieldErrors.For("format", "'format' is yaml or json.");
            var outcome = await catalog.ExportAsync(user, key, version, f, ct);
            if (!outcome.Succeeded) return OutcomeResults.Ok(outcome);
            var extension = f == FrameworkFormat.Json ? "json" : "yaml";
            return Results.File(Encoding.UTF8.GetBytes(outcome.Value!), f == FrameworkFormat.Json ? "application/json" : "application/yaml", $"{key}-framework.{extension}");
        }).WithName("ExportCareerFramework").WithSummary("Downloads a framework version as YAML (default) or JSON.").Produces<string>(200, "application/yaml", "application/json");
        api.MapPost("/frameworks/import", async (FrameworkCatalog catalog, ClaimsPrincipal user, HttpRequest request, string? format, CancellationToken ct) =>
        {
            if (ParseFormat(format, request.ContentType) is not { } f) return FieldErrors.For("format", "'format' is yaml or json.");
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(ct);
            return OutcomeResults.Ok(await catalog.ImportAsync(user, text, f, ct));
        }).RequireAuthorization(p => p.RequireRole(GovernanceActor.StewardRoles))
            .Accepts<string>("application/yaml", "application/json", "text/plain")
            .WithName("ImportCareerFramework")
            .WithSummary("Validates a YAML or JSON file against the schema; a new key creates a framework (1.0.0), an existing key starts a draft. Errors name each JSONPath, line and column; nothing is written.")
            .Produces<FrameworkImportResult>();
        return routes;
    }

    /// <summary>The query's format wins; otherwise JSON when the body says so, YAML by default.</summary>
    public static FrameworkFormat? ParseFormat(string? format, string? contentType) => format?.ToLowerInvariant() switch
    {
        "json" => FrameworkFormat.Json,
        "yaml" or "yml" => FrameworkFormat.Yaml,
        null or "" => contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? FrameworkFormat.Json : FrameworkFormat.Yaml,
        _ => null,
    };
}
