using Xunit;
using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers;

/// <summary>Governed editing through the career framework: suggestions and approvals, pair edits, review rounds, publishing and diffs.</summary>
public abstract class GovernedEditingTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Suggestion_IsAppliedOnlyAfterTwoApprovalsByOthers()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        var before = await fw.SectionTextAsync(draft, "impact.2");
        var suggestion = (await FrameworkTestKit.SuggestAsync(fw.A.Client, draft, "impact.2", "A sharper expectation.")).Id();

        Assert.Equal(HttpStatusCode.Conflict, (await fw.A.Client.PostAsync($"/api/governance/suggestions/{suggestion}/apply", null)).StatusCode);
        var self = await fw.A.Client.PostAsync($"/api/governance/suggestions/{suggestion}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("own suggestion", (await self.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fw.B.Client.PostAsync($"/api/governance/suggestions/{suggestion}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fw.B.Client.PostAsync($"/api/governance/suggestions/{suggestion}/approve", null)).StatusCode);
        var early = await fw.B.Client.PostAsync($"/api/governance/suggestions/{suggestion}/apply", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("1 of the 2", (await early.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await fw.SectionTextAsync(draft, "impact.2"));

        Assert.Equal(HttpStatusCode.Forbidden, (await fw.Outsider.Client.PostAsync($"/api/governance/suggestions/{suggestion}/approve", null)).StatusCode);
        await fw.C.Client.PostOkAsync($"/api/governance/suggestions/{suggestion}/approve", new { });
        var applied = await fw.A.Client.PostOkAsync($"/api/governance/suggestions/{suggestion}/apply", new { });
        Assert.Equal("applied", applied["state"]!.GetValue<string>());
        Assert.Equal(2, applied["approvals"]!.AsArray().Count);
        Assert.Equal("A sharper expectation.", await fw.SectionTextAsync(draft, "impact.2"));
        Assert.Equal(HttpStatusCode.Conflict, (await fw.A.Client.PostAsync($"/api/governance/suggestions/{suggestion}/apply", null)).StatusCode);
    }

    [Fact]
    public async Task RequiredApprovals_AreConfigurable()
    {
        var fw = await FrameworkTestKit.CreateAsync(App, requiredApprovals: 1);
        var draft = await fw.DraftAsync();
        var suggestion = (await FrameworkTestKit.SuggestAsync(fw.A.Client, draft, "growth", "Growing yourself and others.")).Id();
        await fw.B.Client.PostOkAsync($"/api/governance/suggestions/{suggestion}/approve", new { });
        await fw.B.Client.PostOkAsync($"/api/governance/suggestions/{suggestion}/apply", new { });
        Assert.Equal("Growing yourself and others.", await fw.SectionTextAsync(draft, "growth"));

        var bad = await fw.Steward.PutAsJsonAsync($"/api/governance/documents/{fw.DocumentId}/settings", new { requiredApprovals = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var member = await fw.A.Client.PutAsJsonAsync($"/api/governance/documents/{fw.DocumentId}/settings", new { requiredApprovals = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
    }

    [Fact]
    public async Task ChangedSection_MakesAnOlderApprovedSuggestionStale()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        var first = (await FrameworkTestKit.SuggestAsync(fw.A.Client, draft, "ownership.1", "First wording.")).Id();
        var second = (await FrameworkTestKit.SuggestAsync(fw.B.Client, draft, "ownership.1", "Second wording.")).Id();
        foreach (var (id, approvers) in new[] { (first, new[] { fw.B, fw.C }), (second, new[] { fw.A, fw.C }) })
            foreach (var m in approvers) await m.Client.PostOkAsync($"/api/governance/suggestions/{id}/approve", new { });
        await fw.A.Client.PostOkAsync($"/api/governance/suggestions/{first}/apply", new { });
        var stale = await fw.B.Client.PostAsync($"/api/governance/suggestions/{second}/apply", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("First wording.", await fw.SectionTextAsync(draft, "ownership.1"));
    }

    [Fact]
    public async Task DraftsAndPublishedVersions_AreGuarded()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var published = (await (await fw.A.Client.GetAsync($"/api/careers/frameworks/{fw.Key}")).JsonAsync())["versionId"]!.GetValue<Guid>();
        var onPublished = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{published}/suggestions", new { sectionId = "impact.1", text = "x" });
        Assert.Equal(HttpStatusCode.Conflict, onPublished.StatusCode);
        var pairOnPublished = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{published}/pair-edits", new { sectionId = "impact.1", text = "x", partnerPersonId = fw.B.PersonId });
        Assert.Equal(HttpStatusCode.Conflict, pairOnPublished.StatusCode);
        Assert.Empty((await (await fw.A.Client.GetAsync($"/api/governance/versions/{published}/suggestions")).JsonAsync()).AsArray());

        var draft = await fw.DraftAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await fw.Steward.PostAsJsonAsync($"/api/governance/documents/{fw.DocumentId}/drafts", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fw.Outsider.Client.GetAsync($"/api/governance/versions/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fw.Outsider.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/suggestions", new { sectionId = "impact.1", text = "x" })).StatusCode);
        var unknownSection = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/suggestions", new { sectionId = "nope.9", text = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownSection.StatusCode);
        Assert.NotNull((await unknownSection.JsonAsync())["errors"]!["sectionId"]);
        Assert.Equal(HttpStatusCode.OK, (await fw.Outsider.Client.GetAsync($"/api/governance/versions/{published}")).StatusCode);
    }

    [Fact]
    public async Task PairEdit_AppliesAtOnce_RecordedWithBothAuthors()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        var notInGroup = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/pair-edits",
            new { sectionId = "collaboration.3", text = "Together.", partnerPersonId = fw.Outsider.PersonId });
        Assert.Equal(HttpStatusCode.BadRequest, notInGroup.StatusCode);
        var alone = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/pair-edits",
            new { sectionId = "collaboration.3", text = "Together.", partnerPersonId = fw.A.PersonId });
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);

        var edit = await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/pair-edits",
            new { sectionId = "collaboration.3", text = "Together.", partnerPersonId = fw.B.PersonId, rationale = "Paired on it." });
        Assert.Equal("pairEdit", edit["kind"]!.GetValue<string>());
        Assert.Equal("applied", edit["state"]!.GetValue<string>());
        Assert.Equal(fw.B.Name, edit["partnerName"]!.GetValue<string>());
        Assert.Equal("Together.", await fw.SectionTextAsync(draft, "collaboration.3"));
    }

    [Fact]
    public async Task ReviewRounds_WidenAndKeepTheirComments()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        var closes = TimeProvider.System.GetUtcNow().AddDays(7);
        var missing = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/rounds", new { audience = "workingGroup" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var round = (await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/rounds", new { audience = "workingGroup", closesAt = closes })).Id();

        Assert.Equal(HttpStatusCode.Forbidden, (await fw.Outsider.Client.PostAsJsonAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.1", text = "Hi" })).StatusCode);
        var comment = (await fw.B.Client.PostOkAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.1", text = "Is this too vague?" })).Id();
        await fw.C.Client.PostOkAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.1", text = "A little.", parentId = comment });
        var wrongThread = await fw.C.Client.PostAsJsonAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.2", text = "x", parentId = comment });
        Assert.Equal(HttpStatusCode.BadRequest, wrongThread.StatusCode);

        await fw.A.Client.PostOkAsync($"/api/governance/rounds/{round}/close", new { });
        var late = await fw.B.Client.PostAsJsonAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.1", text = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        var org = (await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/rounds", new { audience = "organization", closesAt = closes })).Id();
        var narrower = await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/rounds", new { audience = "managers", closesAt = closes });
        Assert.Equal(HttpStatusCode.BadRequest, narrower.StatusCode);
        // The organization round lets everyone read the draft and comment on it.
        Assert.Equal(HttpStatusCode.OK, (await fw.Outsider.Client.GetAsync($"/api/governance/versions/{draft}")).StatusCode);
        await fw.Outsider.Client.PostOkAsync($"/api/governance/rounds/{org}/comments", new { sectionId = "growth.2", text = "Looks good." });

        var rounds = (await (await fw.A.Client.GetAsync($"/api/governance/versions/{draft}/rounds")).JsonAsync()).AsArray();
        Assert.Equal(2, rounds.Count);
        Assert.False(rounds[0]!["isOpen"]!.GetValue<bool>());
        Assert.Equal(2, rounds[0]!["comments"]!.AsArray().Count);
        Assert.Single(rounds[1]!["comments"]!.AsArray());
    }

    [Fact]
    public async Task ManagersRound_IsForPeopleWithReports()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var manager = await FrameworkTestKit.MemberAsync(App, fw.Steward, "mgr");
        await FrameworkTestKit.MemberAsync(App, fw.Steward, "report", manager.PersonId);
        var draft = await fw.DraftAsync();
        var round = (await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/rounds", new { audience = "managers", closesAt = TimeProvider.System.GetUtcNow().AddDays(3) })).Id();
        await manager.Client.PostOkAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.3", text = "From a manager." });
        Assert.Equal(HttpStatusCode.Forbidden, (await fw.Outsider.Client.PostAsJsonAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.3", text = "x" })).StatusCode);
    }

    [Fact]
    public async Task Publish_ComputesTheVersionNumber_AndDiffShowsTheChange()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await fw.Steward.PostAsJsonAsync($"/api/governance/versions/{draft}/publish", new { bump = "minor" })).StatusCode);
        await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/pair-edits",
            new { sectionId = "impact.1", text = "You ship small, working changes and check their effect.", partnerPersonId = fw.B.PersonId });
        Assert.Equal(HttpStatusCode.Forbidden, (await fw.A.Client.PostAsJsonAsync($"/api/governance/versions/{draft}/publish", new { bump = "minor" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fw.Steward.PostAsJsonAsync($"/api/governance/versions/{draft}/publish", new { })).StatusCode);
        var minor = await fw.Steward.PostOkAsync($"/api/governance/versions/{draft}/publish", new { bump = "minor", releaseNotes = "Clarified impact at step 1." });
        Assert.Equal("1.1.0", minor["label"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fw.Steward.PostAsJsonAsync($"/api/governance/versions/{draft}/publish", new { bump = "major" })).StatusCode);

        var next = await fw.DraftAsync();
        await fw.A.Client.PostOkAsync($"/api/governance/versions/{next}/pair-edits", new { sectionId = "growth.4", text = "New expectation.", partnerPersonId = fw.C.PersonId });
        Assert.Equal("2.0.0", (await fw.Steward.PostOkAsync($"/api/governance/versions/{next}/publish", new { bump = "major" }))["label"]!.GetValue<string>());
        var patch = await fw.DraftAsync();
        await fw.A.Client.PostOkAsync($"/api/governance/versions/{patch}/pair-edits", new { sectionId = "growth.4", text = "New expectations.", partnerPersonId = fw.C.PersonId });
        Assert.Equal("2.0.1", (await fw.Steward.PostOkAsync($"/api/governance/versions/{patch}/publish", new { bump = "patch" }))["label"]!.GetValue<string>());

        var diff = await (await fw.Outsider.Client.GetAsync($"/api/governance/documents/{fw.DocumentId}/diff?from=1.0.0&to=1.1.0")).JsonAsync();
        var sections = diff["sections"]!.AsArray();
        var changed = sections.Where(s => s!["change"]!.GetValue<string>() == "changed").ToList();
        Assert.Equal("impact.1", Assert.Single(changed)!["sectionId"]!.GetValue<string>());
        Assert.Contains(changed[0]!["segments"]!.AsArray(), s => s!["operation"]!.GetValue<string>() == "inserted" && s["text"]!.GetValue<string>().Contains("small", StringComparison.Ordinal));
        var lines = await (await fw.Outsider.Client.GetAsync($"/api/governance/documents/{fw.DocumentId}/diff?from=2.0.0&to=2.0.1&granularity=line")).JsonAsync();
        Assert.True(lines["granularity"] is not null, lines.ToJsonString());
        Assert.Equal("line", lines["granularity"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await fw.Outsider.Client.GetAsync($"/api/governance/documents/{fw.DocumentId}/diff?from=9.9.9&to=1.0.0")).StatusCode);

        var framework = await (await fw.Outsider.Client.GetAsync($"/api/careers/frameworks/{fw.Key}")).JsonAsync();
        Assert.Equal("2.0.1", framework["label"]!.GetValue<string>());
        var old = await (await fw.Outsider.Client.GetAsync($"/api/careers/frameworks/{fw.Key}?version=1.0.0")).JsonAsync();
        Assert.Equal("1.0.0", old["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publishing_SupersedesOpenSuggestions_AndEndsOpenRounds()
    {
        var fw = await FrameworkTestKit.CreateAsync(App);
        var draft = await fw.DraftAsync();
        var open = (await FrameworkTestKit.SuggestAsync(fw.A.Client, draft, "impact.3", "Left open.")).Id();
        await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/pair-edits", new { sectionId = "impact.4", text = "Changed.", partnerPersonId = fw.B.PersonId });
        var round = (await fw.A.Client.PostOkAsync($"/api/governance/versions/{draft}/rounds", new { audience = "workingGroup", closesAt = TimeProvider.System.GetUtcNow().AddDays(3) })).Id();
        await fw.Steward.PostOkAsync($"/api/governance/versions/{draft}/publish", new { bump = "minor" });
        var suggestions = (await (await fw.A.Client.GetAsync($"/api/governance/versions/{draft}/suggestions")).JsonAsync()).AsArray();
        Assert.Equal("superseded", suggestions.Single(s => s!["id"]!.GetValue<Guid>() == open)!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fw.B.Client.PostAsJsonAsync($"/api/governance/rounds/{round}/comments", new { sectionId = "impact.1", text = "x" })).StatusCode);
    }
}

public sealed class GovernedEditingTests_Sqlite(SqliteDatabase db) : GovernedEditingTests<SqliteDatabase>(db);

public sealed class GovernedEditingTests_Postgres(PostgresDatabase db) : GovernedEditingTests<PostgresDatabase>(db);
