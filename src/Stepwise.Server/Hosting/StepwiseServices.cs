using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Stepwise.Auditing;
using Stepwise.Careers.Framework;
using Stepwise.Careers.Compensation;
using Stepwise.Careers.Steps;
using Stepwise.Careers.Surveys;
using Stepwise.Careers.Cycles;
using Stepwise.Careers.Reports;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Payload;
using Stepwise.Events;
using Stepwise.Guard;
using Stepwise.Identity;
using Stepwise.Notifications;
using Stepwise.Align;
using Stepwise.Learn;
using Stepwise.Organization;
using Stepwise.Organization.Csv;

namespace Stepwise.Server.Hosting;

public static class StepwiseServices
{
    /// <summary>Requests larger than this are refused with 413 unless the endpoint declares a larger limit (imports).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;
    private const string SmartScheme = "Stepwise";

    public static WebApplicationBuilder AddStepwise(this WebApplicationBuilder builder, LaunchOptions launch)
    {
        var services = builder.Services;
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = OrganizationApi.MaxImportBytes);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        services.AddSingleton(launch);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddStepwiseData(builder.Configuration);
        services.AddScoped<OrgQueries>().AddScoped<OrgChanges>().AddScoped<OrgRelationships>()
            .AddScoped<OrgCsvImporter>().AddScoped<OrgCsvExporter>();
        services.AddScoped<FirstRun>();
        services.AddStepwiseDelivery(builder.Configuration);
        services.AddStepwiseCareerFramework();
        services.AddStepwiseCareerSteps(builder.Configuration);
        services.AddStepwiseCareerReports(builder.Configuration);
        services.AddStepwiseCompensation(builder.Configuration);
        services.AddStepwiseSurveys();
        services.AddStepwiseCycles();
        services.AddStepwiseLearn(builder.Configuration);
        services.AddStepwiseEvents(builder.Configuration);
        services.AddStepwiseGuard(builder.Configuration);
        services.AddStepwiseNotifications(builder.Configuration);
        services.AddStepwiseAlign(builder.Configuration);
        if (launch.Demo || builder.Configuration.GetValue<bool>("Stepwise:Demo"))
            services.Configure<DeliveryOptions>(o => o.AllowDemoKeys = true);
        // SDK endpoints are called from browsers on other origins (GrowthBook's JavaScript SDK, OFREP web providers).
        services.AddCors(o => o.AddPolicy(PayloadApi.CorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders("ETag", "Retry-After")));

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Stepwise API";
            doc.Info.Version = "v1";
            doc.Servers?.Clear();
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        AddIdentity(builder);
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return builder;
    }

    private static void AddIdentity(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or personal access token", o => o.ForwardDefaultSelector = context =>
                // Only personal access tokens go to the token handler: SDK keys (OFREP's bearer) must not cost a database lookup.
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer " + PersonalAccessToken.SecretPrefix, StringComparison.OrdinalIgnoreCase)
                    ? AccessTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        auth.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "stepwise";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // APIs answer 401/403; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = c => ApiAware(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiAware(c, StatusCodes.Status403Forbidden);
        }));
        var oidc = builder.Configuration.GetSection("Authentication:OpenIdConnect");
        if (!string.IsNullOrEmpty(oidc["Authority"]))
        {
            auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc["DisplayName"] ?? "Single sign-on", o =>
            {
                oidc.Bind(o);
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.ResponseType = "code";
                o.Scope.Add("email");
                o.CallbackPath = "/signin-oidc";
            });
        }
        services.AddIdentityCore<StepwiseUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<StepwiseRole>()
            .AddEntityFrameworkStores<StepwiseDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StepwiseClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthorization(Policies.Add);
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
