using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stepwise.Align;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// RFCs: discussion widens circle by circle, approvals come from others and lapse when the text changes, a blocking concern
/// holds the RFC until the person who raised it lifts it, and the final comment period ends in acceptance.
/// </summary>
public abstract class RfcTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private const string Text = "We should keep a shared on-call rota across squads.\n\n## Motivation\n\nNights are uneven.\n\n## Proposal\n\nOne rota per tribe.\n";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) =>
        await client.PostAsJsonAsync(url, body, ApiJson.Web, TestContext.Current.CancellationToken);

    private static async Task<int> CreateAsync(AlignOrg org, string title = "Shared on-call rota") =>
        (await org.MemberOfA.PostOkAsync("/api/align/rfcs", new { title, markdown = Text, unitId = org.Tribe, tags = new[] { "on-call", "operations" } }))["number"]!.GetValue<int>();

    private static async Task<JsonNode> GetAsync(HttpClient client, int number) => await (await client.GetAsync($"/api/align/rfcs/{number}")).JsonAsync();

    [Fact]
    public async Task ApprovalsFromOthers_LapseWithTextChanges_AndBlockingConcernsHoldUntilTheirRaiserLiftsThem()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var number = await CreateAsync(org);
        var url = $"/api/align/rfcs/{number}";
        await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "discuss", circle = "organization" });

        var self = await PostAsync(org.MemberOfA, $"{url}/approvals", new { });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("own RFC", (await self.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await org.MemberOfB.PostOkAsync($"{url}/approvals", new { });
        Assert.Equal(2, (await org.TribeLead.PostOkAsync($"{url}/approvals", new { }))["approvals"]!.GetValue<int>());

        // The author changes the text: the approvals were for revision 1 and stop counting.
        await PutOkAsync(org.MemberOfA, $"{url}/text", new { markdown = Text.Replace("One rota per tribe.", "One rota per tribe, with a weekly handover."), expectedRevision = 1 });
        var lapsed = await PostAsync(org.MemberOfA, $"{url}/transitions", new { action = "finalComment" });
        Assert.Equal(HttpStatusCode.Conflict, lapsed.StatusCode);
        Assert.Contains("0 of the 2 approvals", (await lapsed.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var details = await GetAsync(org.MemberOfB, number);
        Assert.Equal(2, details["revision"]!.GetValue<int>());
        Assert.All(details["approvals"]!.AsArray(), a => Assert.False(a!["counts"]!.GetValue<bool>()));
        var diff = await (await org.MemberOfB.GetAsync($"{url}/diff?from=1&to=2")).JsonAsync();
        Assert.Equal("changed", diff["sections"]!.AsArray().Single(s => s!["sectionId"]!.GetValue<string>() == "proposal")!["change"]!.GetValue<string>());

        await org.MemberOfB.PostOkAsync($"{url}/approvals", new { });
        await org.TribeLead.PostOkAsync($"{url}/approvals", new { });
        var concern = (await org.MemberOfB.PostOkAsync($"{url}/concerns", new { text = "Who pays the on-call allowance?", blocking = true })).Id();
        var held = await PostAsync(org.MemberOfA, $"{url}/transitions", new { action = "finalComment" });
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Contains("blocking concern", (await held.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.TribeLead, $"{url}/concerns/{concern}/lift", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.Admin, $"{url}/concerns/{concern}/lift", new { })).StatusCode);
        Assert.Equal(1, (await GetAsync(org.MemberOfA, number))["summary"]!["blockingConcerns"]!.GetValue<int>());

        await org.MemberOfB.PostOkAsync($"{url}/concerns/{concern}/lift", new { note = "Allowance is covered by the existing policy." });
        Assert.Equal("finalComment", (await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "finalComment" }))["state"]!.GetValue<string>());
        var early = await PostAsync(org.MemberOfA, $"{url}/transitions", new { action = "accept" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var frozen = await org.MemberOfA.PutAsJsonAsync($"{url}/text", new { markdown = "Changed late.", expectedRevision = 2 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
    }

    [Fact]
    public async Task CirclesWiden_CommentsFollowTheCircle_AndOnlyLeadsRejectWithAReason()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var number = await CreateAsync(org, "Retire the legacy player");
        var url = $"/api/align/rfcs/{number}";
        await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "discuss", circle = "workingGroup" });
        // The working group is the authors: others cannot comment yet.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfB, $"{url}/comments", new { sectionId = "motivation", text = "Agree." })).StatusCode);
        await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "discuss", circle = "organization" });
        var narrower = await PostAsync(org.MemberOfA, $"{url}/transitions", new { action = "discuss", circle = "managers" });
        Assert.NotNull((await narrower.JsonAsync())["errors"]!["circle"]);
        await org.MemberOfB.PostOkAsync($"{url}/comments", new { sectionId = "motivation", text = "The legacy player crashes weekly." });
        var rounds = (await GetAsync(org.MemberOfA, number))["rounds"]!.AsArray();
        Assert.Equal(2, rounds.Count);
        Assert.Single(rounds[1]!["comments"]!.AsArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfB, $"{url}/transitions", new { action = "reject", note = "No." })).StatusCode);
        var noReason = await PostAsync(org.TribeLead, $"{url}/transitions", new { action = "reject" });
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["note"]);
        await org.TribeLead.PostOkAsync($"{url}/transitions", new { action = "reject", note = "The new player is not ready for cars yet." });
        var after = await GetAsync(org.MemberOfB, number);
        Assert.Equal("rejected", after["summary"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(org.MemberOfA, $"{url}/transitions", new { action = "withdraw" })).StatusCode);

        var found = (await (await org.MemberOfB.GetAsync("/api/align/rfcs?q=legacy%20player")).JsonAsync()).AsArray();
        Assert.Contains(found, r => r!["number"]!.GetValue<int>() == number);
        var byText = (await (await org.MemberOfB.GetAsync("/api/align/rfcs?q=NIGHTS%20ARE%20UNEVEN")).JsonAsync()).AsArray();
        Assert.Contains(byText, r => r!["number"]!.GetValue<int>() == number);
        var byTag = (await (await org.MemberOfB.GetAsync("/api/align/rfcs?q=operations")).JsonAsync()).AsArray();
        Assert.Contains(byTag, r => r!["number"]!.GetValue<int>() == number);
    }

    private static async Task PutOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body, ApiJson.Web, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

public sealed class RfcTests_Sqlite(SqliteDatabase database) : RfcTests<SqliteDatabase>(database);

public sealed class RfcTests_Postgres(PostgresDatabase database) : RfcTests<PostgresDatabase>(database);

/// <summary>With a zero-length final comment period, an approved RFC without open blocking concerns is accepted and its text frozen as 1.0.0.</summary>
public sealed class RfcAcceptanceTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task AfterTheFinalCommentPeriod_TheAuthorAccepts_AndTheTextIsPublished()
    {
        database.App.Services.GetRequiredService<IOptions<AlignOptions>>().Value.Rfc.FinalCommentPeriod = TimeSpan.Zero;
        var org = await AlignOrg.CreateAsync(database.App);
        var number = (await org.MemberOfA.PostOkAsync("/api/align/rfcs", new { title = "Weekly demo day", markdown = "Show work every Friday.", unitId = org.Tribe }))["number"]!.GetValue<int>();
        var url = $"/api/align/rfcs/{number}";
        await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "discuss", circle = "organization" });
        await org.MemberOfB.PostOkAsync($"{url}/approvals", new { });
        await org.TribeLead.PostOkAsync($"{url}/approvals", new { });
        await org.MemberOfB.PostOkAsync($"{url}/concerns", new { text = "Fridays are short in Berlin.", blocking = false });
        await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "finalComment" });
        Assert.Equal("accepted", (await org.MemberOfA.PostOkAsync($"{url}/transitions", new { action = "accept", note = "Starts next month." }))["state"]!.GetValue<string>());
        var details = await (await org.MemberOfB.GetAsync(url)).JsonAsync();
        Assert.Equal("Starts next month.", details["decisionNote"]!.GetValue<string>());
        Assert.Empty(details["blockers"]!.AsArray());
    }
}
