using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers;

public abstract class SurveyApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static object Answers(JsonNode survey, int value) => new
    {
        answers = survey["items"]!.AsArray().Select(i => new { itemId = i!["id"]!.GetValue<Guid>(), value }).ToArray(),
        comment = $"secret-comment-{Guid.NewGuid():N}",
    };

    /// <summary>Squad A gets 7 respondents, squad B 2: B is under the threshold, and A must be hidden too or the tribe minus A would show B.</summary>
    private async Task<(CareersOrg Org, JsonNode Survey, List<HttpClient> SquadA, List<HttpClient> SquadB)> SetUpAsync()
    {
        var org = await CareersOrg.CreateAsync(App);
        var admin = await App.AdminAsync();
        var squadA = new List<HttpClient> { org.ManagerClient, org.ReportClient };
        for (var i = 0; i < 5; i++)
        {
            var person = await CareersOrg.HireAsync(admin, $"a{i}", org.SquadA, org.Manager, org.Location);
            squadA.Add(await App.ClientForAsync($"a{i}-{Guid.NewGuid():N}@test.example", person));
        }
        var b2 = await CareersOrg.HireAsync(admin, "b2", org.SquadB, null, org.Location);
        var squadB = new List<HttpClient> { org.OtherClient, await App.ClientForAsync($"b2-{Guid.NewGuid():N}@test.example", b2) };
        var survey = await org.Hr.PostOkAsync("/api/careers/surveys", new { title = $"Pulse {Guid.NewGuid():N}", minRespondents = 5 });
        return (org, survey, squadA, squadB);
    }

    [Fact]
    public async Task Results_HideSmallGroupsAndTheirComplement_ShowChange_AndNeverComments()
    {
        var (org, survey, squadA, squadB) = await SetUpAsync();
        var id = survey.Id();
        Assert.Contains(survey["items"]!.AsArray(), i => i!["text"]!.GetValue<string>() == "Management makes its expectations clear");
        await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds", new { });
        foreach (var client in squadA) await client.PostOkAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 2));
        foreach (var client in squadB) await client.PostOkAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 5));

        var results = await (await org.OtherClient.GetAsync($"/api/careers/surveys/{id}/results")).JsonAsync();
        JsonNode Group(JsonNode r, Guid unit) => r["groups"]!.AsArray().Single(g => g!["unitId"]?.GetValue<Guid>() == unit)!;
        JsonNode FirstScore(JsonNode group) => group["items"]![0]!["rounds"]![0]!;
        Assert.True(FirstScore(Group(results, org.SquadB))["suppressed"]!.GetValue<bool>());
        Assert.True(FirstScore(Group(results, org.SquadA))["suppressed"]!.GetValue<bool>(), "squad A has 7 but would reveal squad B by subtraction");
        Assert.Null(FirstScore(Group(results, org.SquadA))["favourablePercent"]);
        var tribe = FirstScore(Group(results, org.Tribe));
        Assert.False(tribe["suppressed"]!.GetValue<bool>());
        Assert.Equal(9, tribe["respondents"]!.GetValue<int>());
        Assert.Equal(22.2m, tribe["favourablePercent"]!.GetValue<decimal>());
        // Nine respondents are fewer than ten: no comments anywhere.
        Assert.All(results["groups"]!.AsArray(), g => Assert.True(g!["comments"]![0]!["suppressed"]!.GetValue<bool>()));

        var roundId = (await (await org.Hr.GetAsync($"/api/careers/surveys/{id}")).JsonAsync())["openRound"]!.Id();
        await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds/{roundId}/close", new { });
        await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds", new { });
        foreach (var client in squadA.Concat(squadB)) await client.PostOkAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 4));
        results = await (await org.Hr.GetAsync($"/api/careers/surveys/{id}/results")).JsonAsync();
        var change = Group(results, org.Tribe)["items"]![0]!["changePoints"]!.GetValue<decimal>();
        Assert.Equal(77.8m, change);
    }

    [Fact]
    public async Task Answering_Twice_OrAfterClose_IsAConflict_AndThresholdsFreezeOnOpen()
    {
        var (org, survey, squadA, _) = await SetUpAsync();
        var id = survey.Id();
        var early = await squadA[0].PostAsJsonAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 3));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Hr.PutAsJsonAsync($"/api/careers/surveys/{id}", new { title = "Renamed", minRespondents = 6 })).StatusCode);
        var opened = await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds", new { });
        Assert.Equal(HttpStatusCode.Conflict, (await org.Hr.PutAsJsonAsync($"/api/careers/surveys/{id}", new { title = "Renamed", minRespondents = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Hr.PostAsJsonAsync("/api/careers/surveys", new { title = "x", minRespondents = 2 })).StatusCode);

        var invalid = await squadA[0].PostAsJsonAsync($"/api/careers/surveys/{id}/responses", new { answers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await squadA[0].PostOkAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 3));
        Assert.Equal(HttpStatusCode.Conflict, (await squadA[0].PostAsJsonAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 3))).StatusCode);

        await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds/{opened["openRound"]!.Id()}/close", new { });
        var late = await squadA[1].PostAsJsonAsync($"/api/careers/surveys/{id}/responses", Answers(survey, 3));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squadA[1].PostAsJsonAsync("/api/careers/surveys", new { title = "Mine" })).StatusCode);
    }

    [Fact]
    public async Task Answers_LeaveNoTraceOfTheirAuthor_InTheAuditLogOrTheStorage()
    {
        var (org, survey, squadA, _) = await SetUpAsync();
        var id = survey.Id();
        await org.Hr.PostOkAsync($"/api/careers/surveys/{id}/rounds", new { });
        var answer = Answers(survey, 5);
        await squadA[0].PostOkAsync($"/api/careers/surveys/{id}/responses", answer);
        var secret = (string)answer.GetType().GetProperty("comment")!.GetValue(answer)!;

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var ct = TestContext.Current.CancellationToken;
        Assert.False(await db.AuditLog.AnyAsync(a => a.EntityType == "SurveyAnswer" || a.EntityType == "SurveyComment", ct));
        Assert.False(await db.AuditLog.AnyAsync(a => a.After != null && a.After.Contains(secret), ct));
        // Participation is recorded (to prevent answering twice), but it holds no answer.
        Assert.True(await db.AuditLog.AnyAsync(a => a.EntityType == "SurveyParticipation", ct));
        Assert.Equal(1, await db.SurveyComments.CountAsync(c => c.Text == secret, ct));
    }
}

public sealed class SurveyApiTests_Sqlite(SqliteDatabase database) : SurveyApiTests<SqliteDatabase>(database);

public sealed class SurveyApiTests_Postgres(PostgresDatabase database) : SurveyApiTests<PostgresDatabase>(database);
