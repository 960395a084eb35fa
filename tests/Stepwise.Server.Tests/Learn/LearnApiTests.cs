using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Learn;

/// <summary>Retrospective rules through the API on both databases: the session, closing, carried-over actions, bad input and privacy.</summary>
public abstract class LearnApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Session_NotesVotesLessonsActions_ThenClose_FreezesIt_AndOpenActionsComeBack()
    {
        var org = await LearnOrg.CreateAsync(App);
        var retro = (await org.RetroAsync("Checkout rewrite")).Id();
        var url = $"/api/learn/retrospectives/{retro}";
        var note = (await org.Colleague.PostOkAsync($"{url}/contributions", new { kind = "wentWrong", text = "Estimates ignored the vendor", anonymous = true })).Id();
        await org.Member.PostOkAsync($"{url}/contributions", new { kind = "wentWell", text = "Pairing on the API", anonymous = false });

        Assert.Equal(HttpStatusCode.OK, (await org.Member.PostAsync($"{url}/contributions/{note}/vote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Colleague.PostAsync($"{url}/contributions/{note}/vote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await org.Member.PostAsync($"{url}/contributions/{note}/vote", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Member.PutJsonAsync($"{url}/contributions/{note}/group", new { group = "Planning" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Outsider.PutJsonAsync($"{url}/contributions/{note}/group", new { group = "Mine" })).StatusCode);

        await org.LessonAsync(retro, "process", "Get a second estimate before committing to a date");
        await org.LessonAsync(retro, "customerPerception", "Shoppers care about speed more than a custom form");
        var action = (await org.Member.PostOkAsync($"{url}/actions", new { text = "Add a vendor review to the kickoff checklist", owner = "Squad lead", dueOn = "2026-04-01" })).Id();

        var details = await org.Member.GetOkAsync(url);
        var notes = details["contributions"]!.AsArray();
        var anonymous = notes.Single(n => n!["id"]!.GetValue<Guid>() == note)!;
        Assert.Null(anonymous["author"]);
        Assert.Equal(2, anonymous["votes"]!.GetValue<int>());
        Assert.Equal("Planning", anonymous["group"]!.GetValue<string>());
        Assert.Equal(2, details["lessons"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.OK, (await org.Member.PostAsync($"{url}/close", null)).StatusCode);
        var edit = await org.Member.PostAsJsonAsync($"{url}/lessons", new { source = "team", text = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await org.Member.PostAsJsonAsync($"{url}/contributions", new { kind = "wentWell", text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await org.Member.PostAsync($"{url}/close", null)).StatusCode);
        Assert.Equal(2, (await org.Member.GetOkAsync(url))["lessons"]!.AsArray().Count);

        var next = (await org.RetroAsync("Checkout follow-up")).Id();
        var carried = (await org.Member.GetOkAsync($"/api/learn/retrospectives/{next}"))["carriedOverActions"]!.AsArray();
        Assert.Equal(action, Assert.Single(carried)!["id"]!.GetValue<Guid>());

        Assert.Equal(HttpStatusCode.OK, (await org.Member.PutJsonAsync($"/api/learn/actions/{action}/status", new { status = "done" })).StatusCode);
        Assert.Empty((await org.Member.GetOkAsync($"/api/learn/retrospectives/{next}"))["carriedOverActions"]!.AsArray());
        var closure = await org.Member.GetOkAsync("/api/learn/closure");
        var squad = closure["units"]!.AsArray().Single(u => u!["unitId"]!.GetValue<Guid>() == org.Squad)!;
        Assert.Equal(1.0, squad["rate"]!.GetValue<double>());
    }

    [Fact]
    public async Task BadInput_IsRefusedWithFieldErrors_AndNothingChanges()
    {
        var org = await LearnOrg.CreateAsync(App);
        var retro = (await org.RetroAsync("Bad input")).Id();
        var url = $"/api/learn/retrospectives/{retro}";

        var unknownSource = await org.Member.PostAsJsonAsync($"{url}/lessons", new { source = "astrology", text = "Stars" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownSource.StatusCode);
        Assert.Contains("customerPerception", (await unknownSource.JsonAsync())["errors"]!["source"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var empty = await org.Member.PostAsJsonAsync($"{url}/lessons", new { source = "team", text = "   " });
        Assert.NotNull((await empty.JsonAsync())["errors"]!["text"]);
        var huge = await org.Member.PostAsJsonAsync($"{url}/contributions", new { kind = "wentWell", text = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.NotNull((await huge.JsonAsync())["errors"]!["text"]);
        var badRetro = await org.Member.PostAsJsonAsync("/api/learn/retrospectives", new
        {
            title = "", subjectKind = "meeting", ownerUnitId = org.Squad, outcome = "great", tags = new[] { "Not A Tag!" },
            decisions = new[] { new { decided = "" } },
        });
        var errors = (await badRetro.JsonAsync())["errors"]!;
        foreach (var field in new[] { "title", "subjectKind", "outcome", "tags[0]", "decisions[0].decided" }) Assert.NotNull(errors[field]);
        var noExperiment = await org.Member.PostAsJsonAsync("/api/learn/retrospectives", new { title = "x", subjectKind = "experiment", subjectRef = "no-such-exp", ownerUnitId = org.Squad, outcome = "failed" });
        Assert.NotNull((await noExperiment.JsonAsync())["errors"]!["subjectRef"]);
        var forOthers = await org.Outsider.PostAsJsonAsync("/api/learn/retrospectives", new { title = "x", subjectKind = "project", ownerUnitId = org.Squad, outcome = "failed" });
        Assert.Equal(HttpStatusCode.Forbidden, forOthers.StatusCode);

        var details = await org.Member.GetOkAsync(url);
        Assert.Empty(details["lessons"]!.AsArray());
        Assert.Empty(details["contributions"]!.AsArray());
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        Assert.Equal(1, await db.Retrospectives.CountAsync(r => r.OwnerUnitId == org.Squad));
    }

    [Fact]
    public async Task PrivateRetrospective_IsHiddenFromOutsiders_InReadsAndSearch()
    {
        var org = await LearnOrg.CreateAsync(App);
        var word = "zeppelin" + org.Suffix;
        var retro = (await org.RetroAsync($"Incident {word}", isPrivate: true)).Id();
        await org.LessonAsync(retro, "team", $"Escalate {word} sooner");

        Assert.Equal(HttpStatusCode.NotFound, (await org.Outsider.GetAsync($"/api/learn/retrospectives/{retro}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Outsider.PostAsJsonAsync($"/api/learn/retrospectives/{retro}/contributions", new { kind = "wentWell", text = "peek" })).StatusCode);
        Assert.Empty((await org.Outsider.GetOkAsync($"/api/learn/search?q={word}"))["items"]!.AsArray());
        Assert.DoesNotContain((await org.Outsider.GetOkAsync("/api/learn/retrospectives?pageSize=200"))["items"]!.AsArray(), r => r!["id"]!.GetValue<Guid>() == retro);
        Assert.Equal(2, (await org.Colleague.GetOkAsync($"/api/learn/search?q={word}"))["items"]!.AsArray().Count);
        Assert.Equal(2, (await org.Admin.GetOkAsync($"/api/learn/search?q={word}"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Search_FindsLessonsByText_AndFilters()
    {
        var org = await LearnOrg.CreateAsync(App);
        var word = "kaleidoscope" + org.Suffix;
        var failed = (await org.RetroAsync($"Launch {word}", outcome: "failed", tags: ["launch", "mobile"])).Id();
        await org.LessonAsync(failed, "process", $"Run {word} beta tests earlier");
        await org.LessonAsync(failed, "yourself", $"I should ask about {word} sooner");
        var won = (await org.RetroAsync($"Pricing {word}", outcome: "succeeded", tags: ["pricing"])).Id();
        await org.LessonAsync(won, "productUnderstanding", $"The {word} pricing page is the product");

        int Count(Task<System.Text.Json.Nodes.JsonNode> result) => result.Result["items"]!.AsArray().Count;
        Assert.Equal(5, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}")));
        Assert.Equal(1, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&source=yourself")));
        Assert.Equal(3, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&outcome=failed")));
        Assert.Equal(2, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&tag=pricing")));
        Assert.Equal(5, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&unitId={org.Tribe}")));
        Assert.Equal(0, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&unitId={org.OtherSquad}")));
        Assert.Equal(0, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}&from=2026-03-02")));
        Assert.Equal(1, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}%20beta&kind=lesson")));
        Assert.Equal(1, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}%20bet")));
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Outsider.GetAsync("/api/learn/search?q=x&source=luck")).StatusCode);
        // Operators and quotes are words like any other, never a syntax error.
        Assert.Equal(HttpStatusCode.OK, (await org.Outsider.GetAsync("/api/learn/search?q=%22AND%20OR%20NOT%20(*%20:")).StatusCode);

        var related = await org.Outsider.PostOkAsync("/api/learn/related-lessons", new { text = $"We are starting a new {word} beta programme for the mobile app" });
        Assert.Contains(related.AsArray(), l => l!["text"]!.GetValue<string>().Contains("beta", StringComparison.Ordinal));
        Assert.All(related.AsArray(), l => Assert.Equal("lesson", l!["kind"]!.GetValue<string>()));

        // The index follows edits: renaming the retrospective changes what its documents match.
        var put = await org.Member.PutJsonAsync($"/api/learn/retrospectives/{won}", new { title = "Pricing page", subjectKind = "project", outcome = "succeeded", tags = new[] { "pricing" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(4, Count(org.Outsider.GetOkAsync($"/api/learn/search?q={word}")));
    }

    [Fact]
    public async Task FailWall_PostsAndReactions_AndOnlyMembersPost()
    {
        var org = await LearnOrg.CreateAsync(App);
        var post = await org.Member.PostOkAsync($"/api/learn/units/{org.Squad}/fail-wall", new { whatFailed = "Our canary never ran", whatWeLearned = "Alert on missing canary data" });
        var id = post.Id();
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Outsider.PostAsJsonAsync($"/api/learn/units/{org.Squad}/fail-wall", new { whatFailed = "x", whatWeLearned = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Member.PostAsJsonAsync($"/api/learn/units/{org.Squad}/fail-wall", new { whatFailed = "", whatWeLearned = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Outsider.PostAsJsonAsync($"/api/learn/fail-posts/{id}/reactions", new { kind = "applause" })).StatusCode);
        var twice = await (await org.Outsider.PostAsJsonAsync($"/api/learn/fail-posts/{id}/reactions", new { kind = "applause" })).JsonAsync();
        Assert.Equal(1, twice["reactions"]!["applause"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Outsider.PostAsJsonAsync($"/api/learn/fail-posts/{id}/reactions", new { kind = "facepalm" })).StatusCode);
        var wall = await org.Outsider.GetOkAsync($"/api/learn/units/{org.Squad}/fail-wall");
        Assert.Equal(id, Assert.Single(wall.AsArray())!.Id());
    }
}

public sealed class LearnApiTests_Sqlite(SqliteDatabase db) : LearnApiTests<SqliteDatabase>(db);

public sealed class LearnApiTests_Postgres(PostgresDatabase db) : LearnApiTests<PostgresDatabase>(db);
