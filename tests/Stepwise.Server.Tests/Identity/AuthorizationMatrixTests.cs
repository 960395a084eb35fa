using Xunit;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Identity;

/// <summary>Every API endpoint × every role: a new endpoint fails this test until someone decides who may call it.</summary>
public sealed class AuthorizationMatrixTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private const string Member = "Member";
    private static readonly string[] Everyone = [Member, Roles.HR, Roles.Admin, Roles.CompensationAdmin, Roles.Leadership];
    private static readonly string[] OrgWriters = [Roles.HR, Roles.Admin];
    private static readonly string[] Admins = [Roles.Admin];
    private static readonly string[] DeliveryStewards = [Roles.Admin, Roles.Leadership];

    /// <summary>SDK endpoints: a client key, not a sign-in, selects what they serve.</summary>
    private static readonly HashSet<string> Public = ["GET /api/features/{clientKey}", "GET /api/features/{clientKey}/stream"];

    /// <summary>SDK endpoints that take the SDK key in a header: without one they answer 401, whoever is signed in.</summary>
    private static readonly HashSet<string> SdkKeyInHeader = ["POST /api/events"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /api/org/tree"] = Everyone,
        ["GET /api/units"] = Everyone,
        ["GET /api/units/{id:guid}"] = Everyone,
        ["GET /api/people"] = Everyone,
        ["GET /api/people/{id:guid}"] = Everyone,
        ["GET /api/people/{id:guid}/relationship"] = Everyone,
        ["POST /api/units"] = OrgWriters,
        ["PUT /api/units/{id:guid}"] = OrgWriters,
        ["POST /api/people"] = OrgWriters,
        ["PUT /api/people/{id:guid}"] = OrgWriters,
        ["POST /api/people/{id:guid}/memberships"] = OrgWriters,
        ["POST /api/people/{id:guid}/memberships/end"] = OrgWriters,
        ["PUT /api/people/{id:guid}/manager"] = OrgWriters,
        ["POST /api/people/{id:guid}/leave"] = OrgWriters,
        ["POST /api/org/import"] = OrgWriters,
        ["GET /api/org/export/{file}"] = OrgWriters,
        ["GET /api/audit"] = Admins,
        ["GET /api/me"] = Everyone,
        ["GET /api/tokens"] = Everyone,
        ["POST /api/tokens"] = Everyone,
        ["DELETE /api/tokens/{id:guid}"] = Everyone,
        ["GET /api/users"] = Admins,
        ["POST /api/users"] = Admins,
        ["PUT /api/users/{id:guid}/roles"] = Admins,
        // Delivery: everyone reads; flag writes are checked per flag (owning unit, admins, leadership) inside the handlers.
        ["GET /api/flags"] = Everyone,
        ["GET /api/flags/{key}"] = Everyone,
        ["POST /api/flags"] = Everyone,
        ["PUT /api/flags/{key}"] = Everyone,
        ["PUT /api/flags/{key}/environments/{environment}"] = Everyone,
        ["PUT /api/flags/{key}/environments/{environment}/enabled"] = Everyone,
        ["POST /api/flags/{key}/rollouts"] = Everyone,
        ["GET /api/rollouts/{id:guid}"] = Everyone,
        ["POST /api/rollouts/{id:guid}/start"] = Everyone,
        ["POST /api/rollouts/{id:guid}/advance"] = Everyone,
        ["POST /api/rollouts/{id:guid}/pause"] = Everyone,
        ["POST /api/rollouts/{id:guid}/resume"] = Everyone,
        ["POST /api/rollouts/{id:guid}/rollback"] = Everyone,
        ["POST /api/rollouts/{id:guid}/release-holdback"] = Everyone,
        ["GET /api/experiments"] = Everyone,
        ["GET /api/experiments/{key}"] = Everyone,
        ["POST /api/experiments"] = Everyone,
        ["POST /api/experiments/{key}/start"] = Everyone,
        ["POST /api/experiments/{key}/stop"] = Everyone,
        ["GET /api/environments"] = Everyone,
        ["GET /api/environments/{environment}/overlap"] = Everyone,
        ["GET /api/segments"] = Everyone,
        ["POST /api/segments"] = Everyone,
        ["PUT /api/segments/{key}"] = Everyone,
        ["GET /api/layers"] = Everyone,
        ["GET /api/holdouts"] = Everyone,
        ["POST /api/environments/{environment}/sdk-keys"] = DeliveryStewards,
        ["POST /api/sdk-keys/{id:guid}/revoke"] = DeliveryStewards,
        ["POST /api/layers"] = DeliveryStewards,
        ["POST /api/holdouts"] = DeliveryStewards,
        ["PUT /api/holdouts/{key}"] = DeliveryStewards,
        // Metrics catalogue and analysis: everyone reads and adds; a metric's changes are checked per metric inside the service.
        ["GET /api/metrics"] = Everyone,
        ["GET /api/metrics/{key}"] = Everyone,
        ["POST /api/metrics"] = Everyone,
        ["PUT /api/metrics/{key}"] = Everyone,
        ["GET /api/experiments/{key}/analysis"] = Everyone,
    };

    private List<(string Method, string Pattern)> ApiEndpoints() =>
        [.. database.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct()];

    [Fact]
    public void EveryApiEndpoint_HasADeclaredRule()
    {
        var undeclared = ApiEndpoints().Select(e => $"{e.Method} {e.Pattern}").Where(k => !Allowed.ContainsKey(k) && !Public.Contains(k) && !SdkKeyInHeader.Contains(k)).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without an authorization rule in this test: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task EveryEndpoint_ForEveryRole_AllowsExactlyTheDeclaredRoles()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Everyone)
            clients[role] = await database.App.ClientForAsync($"{role.ToLowerInvariant()}@matrix.example", null, role == Member ? [] : [role]);
        var anonymous = database.App.Anonymous();
        var failures = new List<string>();
        foreach (var (method, pattern) in ApiEndpoints())
        {
            var url = pattern.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{file}", "people", StringComparison.Ordinal)
                .Replace("{key}", "no-such-key", StringComparison.Ordinal).Replace("{environment}", "production", StringComparison.Ordinal)
                .Replace("{clientKey}", "no-such-client-key", StringComparison.Ordinal);
            var key = $"{method} {pattern}";
            var anon = await anonymous.SendAsync(Request(method, url));
            if (Public.Contains(key))
            {
                // Public SDK endpoints answer an unknown client key with 404, never 401 and never 500.
                if (anon.StatusCode != HttpStatusCode.NotFound) failures.Add($"{key} anonymous with an unknown client key → {(int)anon.StatusCode}, expected 404");
                continue;
            }
            if (anon.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{key} anonymous → {(int)anon.StatusCode}, expected 401");
            if (SdkKeyInHeader.Contains(key))
            {
                // A personal access token is not an SDK key.
                foreach (var (role, client) in clients)
                {
                    var status = (await client.SendAsync(Request(method, url))).StatusCode;
                    if (status != HttpStatusCode.Unauthorized) failures.Add($"{key} as {role} → {(int)status}, expected 401 (no SDK key)");
                }
                continue;
            }
            foreach (var (role, client) in clients)
            {
                var response = await client.SendAsync(Request(method, url));
                var allowed = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                var expected = Allowed.TryGetValue(key, out var roles) && roles.Contains(role);
                if (allowed != expected) failures.Add($"{key} as {role} → {(int)response.StatusCode}, expected {(expected ? "allowed" : "403")}");
                if (response.StatusCode == HttpStatusCode.InternalServerError) failures.Add($"{key} as {role} → 500");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var client = await database.App.ClientForAsync("revoker@matrix.example");
        var tokens = await (await client.GetAsync("/api/tokens")).JsonAsync();
        foreach (var token in tokens.AsArray()) await client.DeleteAsync($"/api/tokens/{token!["id"]}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url) { Content = method is "POST" or "PUT" ? ApiJson.Raw("{}") : null };
}
