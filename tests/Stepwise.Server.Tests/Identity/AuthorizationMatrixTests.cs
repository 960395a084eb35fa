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
    private static readonly string[] CompensationReaders = [Roles.CompensationAdmin, Roles.HR];
    private static readonly string[] CompensationAdmins = [Roles.CompensationAdmin];
    private static readonly string[] StepReportReaders = [Roles.HR, Roles.Admin, Roles.Leadership];

    /// <summary>SDK endpoints: a client key, not a sign-in, selects what they serve.</summary>
    private static readonly HashSet<string> Public = ["GET /api/features/{clientKey}", "GET /api/features/{clientKey}/stream",
        // The Atom feed: a per-user secret token in the URL stands for the reader (feed readers cannot sign in).
        "GET /api/learn/feed/{token}"];

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
        // Feature lifecycle: everyone reads; writes are checked per feature (owning unit, leads above it, admins, leadership).
        ["GET /api/lifecycle/features"] = Everyone,
        ["GET /api/lifecycle/features/{key}"] = Everyone,
        ["POST /api/lifecycle/features"] = Everyone,
        ["PUT /api/lifecycle/features/{key}"] = Everyone,
        ["POST /api/lifecycle/features/{key}/decisions"] = Everyone,
        ["POST /api/lifecycle/features/{key}/investment"] = Everyone,
        ["POST /api/lifecycle/features/{key}/allocations"] = Everyone,
        ["GET /api/lifecycle/investment"] = Everyone,
        ["GET /api/lifecycle/maintenance"] = Everyone,
        ["GET /api/experiments/{key}/collisions"] = Everyone,
        ["GET /api/rollouts/{id:guid}/collisions"] = Everyone,
        ["GET /api/collision-acknowledgements"] = Everyone,
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
        // Career framework: everyone reads published versions; drafts are checked per document inside (editing group, review audiences).
        ["GET /api/careers/framework-schema"] = Everyone,
        ["GET /api/careers/frameworks"] = Everyone,
        ["GET /api/careers/frameworks/{key}"] = Everyone,
        ["GET /api/careers/frameworks/{key}/mastery"] = Everyone,
        ["GET /api/careers/frameworks/{key}/export"] = Everyone,
        ["POST /api/careers/frameworks/import"] = OrgWriters,
        // Governed editing: membership of the editing group and of review audiences is checked per document inside the handlers.
        ["GET /api/governance/documents/{id:guid}"] = Everyone,
        ["PUT /api/governance/documents/{id:guid}/settings"] = OrgWriters,
        ["POST /api/governance/documents/{id:guid}/drafts"] = Everyone,
        ["GET /api/governance/documents/{id:guid}/diff"] = Everyone,
        ["GET /api/governance/versions/{id:guid}"] = Everyone,
        ["GET /api/governance/versions/{id:guid}/suggestions"] = Everyone,
        ["POST /api/governance/versions/{id:guid}/suggestions"] = Everyone,
        ["POST /api/governance/versions/{id:guid}/pair-edits"] = Everyone,
        ["POST /api/governance/versions/{id:guid}/publish"] = OrgWriters,
        ["GET /api/governance/versions/{id:guid}/rounds"] = Everyone,
        ["POST /api/governance/versions/{id:guid}/rounds"] = Everyone,
        ["POST /api/governance/suggestions/{id:guid}/approve"] = Everyone,
        ["POST /api/governance/suggestions/{id:guid}/apply"] = Everyone,
        ["POST /api/governance/suggestions/{id:guid}/withdraw"] = Everyone,
        ["POST /api/governance/rounds/{id:guid}/comments"] = Everyone,
        ["POST /api/governance/rounds/{id:guid}/close"] = Everyone,
        // Career steps: history is checked per person (self, manager chain, HR) inside the handler; writing and reports are HR's.
        ["GET /api/careers/steps/people/{id:guid}"] = Everyone,
        ["POST /api/careers/steps/people/{id:guid}"] = OrgWriters,
        ["POST /api/careers/steps/people/{id:guid}/promote"] = OrgWriters,
        ["POST /api/careers/steps/people/{id:guid}/close"] = OrgWriters,
        ["GET /api/careers/steps/promotions"] = OrgWriters,
        ["GET /api/careers/steps/data-quality"] = OrgWriters,
        ["GET /api/careers/steps/export"] = OrgWriters,
        ["POST /api/careers/steps/import"] = OrgWriters,
        ["GET /api/careers/steps/webhooks/deliveries"] = OrgWriters,
        // Step reports: roles see the organization; tribe leads and managers their part (checked in the service); others 403.
        ["GET /api/careers/reports/distribution"] = StepReportReaders,
        ["GET /api/careers/reports/distribution/csv"] = StepReportReaders,
        ["GET /api/careers/reports/promotions"] = StepReportReaders,
        ["GET /api/careers/reports/promotions/csv"] = StepReportReaders,
        ["GET /api/careers/reports/time-in-step"] = StepReportReaders,
        ["GET /api/careers/reports/time-in-step/csv"] = StepReportReaders,
        // Simulations: HR and tribe leads open them; reads, estimates and status changes are checked per simulation (404 here).
        ["GET /api/careers/simulations"] = Everyone,
        ["POST /api/careers/simulations"] = OrgWriters,
        ["GET /api/careers/simulations/{id:guid}"] = Everyone,
        ["PUT /api/careers/simulations/{id:guid}/estimates"] = Everyone,
        ["POST /api/careers/simulations/{id:guid}/close"] = Everyone,
        ["POST /api/careers/simulations/{id:guid}/archive"] = Everyone,
        // Compensation: restricted. Anyone may ask for their own pay; one person's pay is the person's (tested separately), HR's and compensation admins'.
        ["GET /api/careers/compensation/me"] = Everyone,
        ["GET /api/careers/compensation/people/{id:guid}"] = CompensationReaders,
        ["GET /api/careers/compensation/bands"] = CompensationReaders,
        ["GET /api/careers/compensation/people"] = CompensationReaders,
        ["POST /api/careers/compensation/promotion-cost"] = CompensationReaders,
        ["POST /api/careers/compensation/bands"] = CompensationAdmins,
        ["PUT /api/careers/compensation/bands/{id:guid}"] = CompensationAdmins,
        ["POST /api/careers/compensation/people/{id:guid}/salaries"] = CompensationAdmins,
        // Surveys: everyone answers and reads suppressed aggregates; HR and administrators run them.
        ["GET /api/careers/surveys"] = Everyone,
        ["GET /api/careers/surveys/{id:guid}"] = Everyone,
        ["POST /api/careers/surveys/{id:guid}/responses"] = Everyone,
        ["GET /api/careers/surveys/{id:guid}/results"] = Everyone,
        ["POST /api/careers/surveys"] = OrgWriters,
        ["PUT /api/careers/surveys/{id:guid}"] = OrgWriters,
        ["POST /api/careers/surveys/{id:guid}/rounds"] = OrgWriters,
        ["POST /api/careers/surveys/{id:guid}/rounds/{roundId:guid}/close"] = OrgWriters,
        // Assessment cycles: each handler checks the object (self, manager chain, the tribe's session, leadership); HR runs the cycle.
        ["GET /api/careers/cycles"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}/me"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}/team"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}/calibration/{unitId:guid}"] = Everyone,
        ["POST /api/careers/cycles/{id:guid}/calibration/{unitId:guid}/complete"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}/functional-sync"] = Everyone,
        ["GET /api/careers/cycles/{id:guid}/leadership-review"] = Everyone,
        ["POST /api/careers/cycles"] = OrgWriters,
        ["GET /api/careers/cycles/{id:guid}/progress"] = OrgWriters,
        ["POST /api/careers/cycles/{id:guid}/reminders"] = OrgWriters,
        ["POST /api/careers/cycles/{id:guid}/finalize"] = OrgWriters,
        ["GET /api/careers/cycles/{id:guid}/promotion-cost"] = CompensationReaders,
        ["GET /api/careers/assessments/{id:guid}"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/self"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/self/revisions"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/manager"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/manager/revisions"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/discussion"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/calibration"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/functional-sync"] = Everyone,
        ["POST /api/careers/assessments/{id:guid}/leadership-review"] = Everyone,
        // Learn: everyone reads (private retrospectives are filtered inside); writes are checked per retrospective or unit in the services.
        ["GET /api/learn/retrospectives"] = Everyone,
        ["POST /api/learn/retrospectives"] = Everyone,
        ["GET /api/learn/retrospectives/{id:guid}"] = Everyone,
        ["PUT /api/learn/retrospectives/{id:guid}"] = Everyone,
        ["POST /api/learn/retrospectives/{id:guid}/close"] = Everyone,
        ["GET /api/learn/retrospectives/{id:guid}/export/{format}"] = Everyone,
        ["POST /api/learn/retrospectives/{id:guid}/contributions"] = Everyone,
        ["PUT /api/learn/retrospectives/{id:guid}/contributions/{noteId:guid}/group"] = Everyone,
        ["POST /api/learn/retrospectives/{id:guid}/contributions/{noteId:guid}/vote"] = Everyone,
        ["POST /api/learn/retrospectives/{id:guid}/lessons"] = Everyone,
        ["POST /api/learn/retrospectives/{id:guid}/actions"] = Everyone,
        ["PUT /api/learn/actions/{id:guid}/status"] = Everyone,
        ["GET /api/learn/search"] = Everyone,
        ["POST /api/learn/related-lessons"] = Everyone,
        ["GET /api/learn/missing"] = Everyone,
        ["GET /api/learn/closure"] = Everyone,
        ["GET /api/learn/fail-wall"] = Everyone,
        ["GET /api/learn/units/{unitId:guid}/fail-wall"] = Everyone,
        ["POST /api/learn/units/{unitId:guid}/fail-wall"] = Everyone,
        ["POST /api/learn/fail-posts/{id:guid}/reactions"] = Everyone,
        ["POST /api/learn/feed-token"] = Everyone,
        ["GET /api/learn/webhooks"] = Admins,
        ["POST /api/learn/webhooks"] = Admins,
        ["GET /api/learn/webhooks/deliveries"] = Admins,
        // Metrics catalogue and analysis: everyone reads and adds; a metric's changes are checked per metric inside the service.
        ["GET /api/metrics"] = Everyone,
        ["GET /api/metrics/{key}"] = Everyone,
        ["POST /api/metrics"] = Everyone,
        ["PUT /api/metrics/{key}"] = Everyone,
        ["GET /api/experiments/{key}/analysis"] = Everyone,
        // Guarded rollouts: everyone reads analyses; setting a guard and running a check are checked per flag inside the handlers.
        ["PUT /api/rollouts/{id:guid}/guard"] = Everyone,
        ["GET /api/rollouts/{id:guid}/analysis"] = Everyone,
        ["POST /api/rollouts/{id:guid}/guard/check"] = Everyone,
        ["GET /api/rollouts/{id:guid}/snapshots"] = Everyone,
        ["GET /api/experiments/{key}/snapshots"] = Everyone,
        ["GET /api/experiments/{key}/overlap"] = Everyone,
        ["GET /api/lifecycle/features/{key}/evidence"] = Everyone,
        // Notifications: each user's own inbox (the service filters by the signed-in user); the delivery log is for admins.
        ["GET /api/notifications"] = Everyone,
        ["POST /api/notifications/{id:guid}/read"] = Everyone,
        ["POST /api/notifications/read-all"] = Everyone,
        ["GET /api/notifications/webhooks/deliveries"] = Admins,
        // Align: everyone reads priorities and goals; changes are checked per unit inside the services (leads steer, members add sWIGs).
        ["GET /api/align/priorities"] = Everyone,
        ["POST /api/align/priorities"] = Everyone,
        ["GET /api/align/priorities/{unitKey}"] = Everyone,
        ["GET /api/align/priorities/{unitKey}/history"] = Everyone,
        ["POST /api/align/priorities/{unitKey}/items"] = Everyone,
        ["POST /api/align/priorities/{unitKey}/items/{itemId:guid}/move"] = Everyone,
        ["PUT /api/align/priorities/{unitKey}/items/{itemId:guid}"] = Everyone,
        ["POST /api/align/priorities/{unitKey}/items/{itemId:guid}/retire"] = Everyone,
        ["GET /api/align/work"] = Everyone,
        ["PUT /api/align/features/{key}/priority"] = Everyone,
        ["GET /api/align/goals"] = Everyone,
        ["POST /api/align/goals"] = Everyone,
        ["GET /api/align/goals/{id:guid}"] = Everyone,
        ["PUT /api/align/goals/{id:guid}/parent"] = Everyone,
        ["POST /api/align/goals/{id:guid}/measurements"] = Everyone,
        ["POST /api/align/goals/{id:guid}/check-ins"] = Everyone,
        ["PUT /api/align/goals/{id:guid}/status"] = Everyone,
        // RFCs: anyone proposes, reads, approves, raises concerns and comments; author, lead and raiser rules are checked in RfcService.
        ["GET /api/align/rfcs"] = Everyone,
        ["POST /api/align/rfcs"] = Everyone,
        ["GET /api/align/rfcs/{number:int}"] = Everyone,
        ["GET /api/align/rfcs/{number:int}/diff"] = Everyone,
        ["PUT /api/align/rfcs/{number:int}/text"] = Everyone,
        ["POST /api/align/rfcs/{number:int}/transitions"] = Everyone,
        ["POST /api/align/rfcs/{number:int}/approvals"] = Everyone,
        ["POST /api/align/rfcs/{number:int}/concerns"] = Everyone,
        ["POST /api/align/rfcs/{number:int}/concerns/{id:guid}/lift"] = Everyone,
        ["POST /api/align/rfcs/{number:int}/comments"] = Everyone,
        ["GET /api/align/duhbs"] = Everyone,
        ["POST /api/align/duhbs"] = Everyone,
        ["GET /api/align/duhbs/{id:guid}"] = Everyone,
        ["PUT /api/align/duhbs/{id:guid}"] = Everyone,
        ["POST /api/align/duhbs/{id:guid}/state"] = Everyone,
        ["POST /api/align/duhbs/{id:guid}/comments"] = Everyone,
        ["POST /api/align/duhbs/{id:guid}/endorsements"] = Everyone,
        ["DELETE /api/align/duhbs/{id:guid}/endorsements"] = Everyone,
        ["POST /api/align/duhbs/{id:guid}/bets/{betId:guid}/feature"] = Everyone,
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
            var url = pattern.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{roundId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{file}", "people", StringComparison.Ordinal)
                .Replace("{key}", "no-such-key", StringComparison.Ordinal).Replace("{environment}", "production", StringComparison.Ordinal)
                .Replace("{clientKey}", "no-such-client-key", StringComparison.Ordinal)
                .Replace("{unitId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{noteId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{format}", "markdown", StringComparison.Ordinal).Replace("{token}", "no-such-token", StringComparison.Ordinal);
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
