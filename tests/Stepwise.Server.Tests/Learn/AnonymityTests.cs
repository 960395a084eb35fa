using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Learn;

/// <summary>An anonymous note leaves no trace of its author: not in its row, not in the audit log, not in any API answer, administrators included.</summary>
public abstract class AnonymityTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task AnonymousContribution_StoresAndAuditsNoAuthor()
    {
        var org = await LearnOrg.CreateAsync(database.App);
        var retro = (await org.RetroAsync("Anonymity")).Id();
        var secret = "The deadline was set without asking us " + org.Suffix;
        var note = (await org.Member.PostOkAsync($"/api/learn/retrospectives/{retro}/contributions", new { kind = "wentWrong", text = secret, anonymous = true })).Id();

        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var memberUser = await db.Users.AsNoTracking().Where(u => u.Email == org.MemberEmail).Select(u => u.Id).SingleAsync();
        var row = await db.RetroContributions.AsNoTracking().SingleAsync(n => n.Id == note);
        Assert.Null(row.AuthorUserId);
        Assert.Null(row.AuthorName);
        // The id is random (version 4), not time-ordered, so sorting by id says nothing about when or after whom it was written.
        Assert.Equal(4, note.Version);

        var entries = await db.AuditLog.AsNoTracking().Where(e => e.EntityType == "RetroContribution" && e.EntityId == note.ToString()).ToListAsync();
        var created = Assert.Single(entries);
        Assert.Null(created.ActorId);
        Assert.Equal(AuditingInterceptor.AnonymousActorName, created.ActorName);
        Assert.Equal(0, created.At.Minute + created.At.Second + created.At.Millisecond);
        Assert.DoesNotContain(memberUser.ToString(), created.After!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(org.MemberEmail, created.After!, StringComparison.OrdinalIgnoreCase);
        // No other audit entry mentions the note together with the member.
        var mentions = await db.AuditLog.AsNoTracking().Where(e => e.After != null && e.After.Contains(note.ToString())).ToListAsync();
        Assert.All(mentions, e => Assert.NotEqual(memberUser, e.ActorId));

        foreach (var client in new[] { org.Admin, org.Member, org.Colleague })
        {
            var body = await (await client.GetAsync($"/api/learn/retrospectives/{retro}")).Content.ReadAsStringAsync();
            Assert.Contains(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(org.MemberEmail, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(memberUser.ToString(), body, StringComparison.OrdinalIgnoreCase);
        }
        var audit = await (await org.Admin.GetAsync($"/api/audit?entityType=RetroContribution&entityId={note}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(org.MemberEmail, audit, StringComparison.OrdinalIgnoreCase);
        var markdown = await (await org.Admin.GetAsync($"/api/learn/retrospectives/{retro}/export/markdown")).Content.ReadAsStringAsync();
        Assert.Contains(secret, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(org.MemberEmail, markdown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NamedContribution_KeepsItsAuthor()
    {
        var org = await LearnOrg.CreateAsync(database.App);
        var retro = (await org.RetroAsync("Named")).Id();
        await org.Member.PostOkAsync($"/api/learn/retrospectives/{retro}/contributions", new { kind = "wentWell", text = "Demo day went well", anonymous = false });
        var details = await org.Colleague.GetOkAsync($"/api/learn/retrospectives/{retro}");
        Assert.Equal(org.MemberEmail, Assert.Single(details["contributions"]!.AsArray())!["author"]!.GetValue<string>());
    }
}

public sealed class AnonymityTests_Sqlite(SqliteDatabase db) : AnonymityTests<SqliteDatabase>(db);

public sealed class AnonymityTests_Postgres(PostgresDatabase db) : AnonymityTests<PostgresDatabase>(db);
