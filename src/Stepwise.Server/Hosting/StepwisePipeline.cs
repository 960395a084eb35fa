using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Stepwise.Api;
using Stepwise.Identity;

namespace Stepwise.Server.Hosting;

public static class StepwisePipeline
{
    public static WebApplication UseStepwisePipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages(async context =>
        {
            // Bare status codes from the API get a problem+json body; pages fall through to Blazor's own not-found page.
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api") && http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
            {
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http });
            }
        });
        app.UseRouting();
        app.UseCors();
        app.Use(LimitBodySize);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(RequirePasswordChange);
        app.UseAntiforgery();
        return app;
    }

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }

    private static async Task LimitBodySize(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<LargeBodyMetadata>()?.MaxBytes ?? StepwiseServices.DefaultMaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(title: "The request body is too large.", detail: $"This endpoint accepts at most {limit:N0} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    }

    /// <summary>Someone signed in with a one-time password may only change it (and sign out) until they do.</summary>
    private static async Task RequirePasswordChange(HttpContext context, RequestDelegate next)
    {
        if (context.User.HasClaim(StepwiseClaims.MustChangePassword, "true"))
        {
            var path = context.Request.Path;
            var allowed = path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/lib") || path.Value?.EndsWith(".css", StringComparison.Ordinal) == true;
            if (!allowed)
            {
                if (path.StartsWithSegments("/api"))
                {
                    await Results.Problem(title: "Change your password first.", detail: "This account signed in with a one-time password; choose a new one at /account/change-password.",
                        statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                    return;
                }
                context.Response.Redirect("/account/change-password");
                return;
            }
        }
        await next(context);
    }
}
