using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Stepwise.Organization;

namespace Stepwise.Server.Hosting;

/// <summary>Turns request-shape failures (bad JSON, wrong types, unknown fields, oversized bodies) into problem+json with the reason,
/// and anything unexpected into a 500 that shows no internals.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "The request body is too large.", exception.Message, null),
            BadHttpRequestException bad when bad.InnerException is JsonException json =>
                (400, "The request body is not valid JSON for this endpoint.", json.Message, JsonErrors(json)),
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed.", bad.Message, null),
            OrgRuleException rule => (400, "The change breaks an organization rule.", rule.Message,
                new Dictionary<string, string[]> { [rule.Field] = [rule.Message] }),
            _ => (500, "Something went wrong on our side.", "The error was logged; please try again or contact an administrator.", (Dictionary<string, string[]>?)null),
        };
        if (status >= 500) log.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null) problem.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, string[]>? JsonErrors(JsonException json) =>
        json.Path is { Length: > 0 } path ? new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = [json.Message] } : null;
}
