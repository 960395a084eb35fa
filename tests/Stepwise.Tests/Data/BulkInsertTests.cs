using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Data.Bulk;
using Stepwise.Organization;
using Stepwise.Tests.Organization.Demo;
using Xunit;

namespace Stepwise.Tests.Data;

/// <summary>Bulk inserts skip the change tracker; they must still store, and audit, exactly what SaveChanges would.</summary>
public sealed class BulkInsertTests
{
    private static (Person Person, Transition Transition) Rows(string email, DateTimeOffset at)
    {
        var person = new Person
        {
            Id = Guid.CreateVersion7(at), Email = email, Name = "Ada \"the\" <Admin>", Title = "Engineer", Discipline = "backend",
            Location = "Oslo", Track = CareerTrack.Manager, EmploymentStart = new DateOnly(2020, 2, 29), EmploymentEnd = null,
        };
        var transition = new Transition
        {
            Id = Guid.CreateVersion7(at), PersonId = person.Id, Kind = TransitionKind.TitleChanged, EffectiveOn = new DateOnly(2024, 12, 31),
            FromValue = null, ToValue = "Lead", RecordedAt = at,
        };
        return (person, transition);
    }

    [Fact]
    public async Task BulkInsert_StoresAndAuditsLikeSaveChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await DemoDatabase.CreateAsync();
        var at = database.Time.GetUtcNow();
        var (savedPerson, savedTransition) = Rows("saved@x.io", at);
        var (bulkPerson, bulkTransition) = Rows("bulk@x.io", at);
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            db.AddRange(savedPerson, savedTransition);
            await db.SaveChangesAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.InsertAuditedAsync([bulkPerson], SystemAuditActor.Instance, at, ct);
            await db.InsertAuditedAsync([bulkTransition], SystemAuditActor.Instance, at, ct);
            await transaction.CommitAsync(ct);
        }

        await database.ReadAsync(async db =>
        {
            var people = await db.People.ToDictionaryAsync(p => p.Email, ct);
            Assert.Equivalent(savedPerson, people["saved@x.io"]);
            Assert.Equivalent(bulkPerson, people["bulk@x.io"]);
            Assert.Equivalent(bulkTransition, await db.Transitions.SingleAsync(t => t.PersonId == bulkPerson.Id, ct));
            // Found through the same indexes and conversions as rows SaveChanges wrote.
            Assert.Equal(2, await db.Transitions.CountAsync(t => t.Kind == TransitionKind.TitleChanged && t.RecordedAt == at && t.EffectiveOn > new DateOnly(2024, 12, 30), ct));

            var audit = await db.AuditLog.ToListAsync(ct);
            foreach (var (saved, bulk) in new[] { (savedPerson.Id, bulkPerson.Id), (savedTransition.Id, bulkTransition.Id) })
            {
                var viaInterceptor = Assert.Single(audit, e => e.EntityId == saved.ToString());
                var viaBulk = Assert.Single(audit, e => e.EntityId == bulk.ToString());
                Assert.Equal((viaInterceptor.At, viaInterceptor.ActorId, viaInterceptor.ActorName, viaInterceptor.Action, viaInterceptor.EntityType, viaInterceptor.Before),
                    (viaBulk.At, viaBulk.ActorId, viaBulk.ActorName, viaBulk.Action, viaBulk.EntityType, viaBulk.Before));
                var expected = viaInterceptor.After!.Replace(savedPerson.Id.ToString(), bulkPerson.Id.ToString(), StringComparison.Ordinal)
                    .Replace(savedTransition.Id.ToString(), bulkTransition.Id.ToString(), StringComparison.Ordinal)
                    .Replace("saved@x.io", "bulk@x.io", StringComparison.Ordinal);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(viaBulk.After!)), $"{expected}\n{viaBulk.After}");
            }
            return 0;
        });
    }

    [Fact]
    public async Task BulkInsert_OutsideATransaction_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await DemoDatabase.CreateAsync();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var (person, _) = Rows("alone@x.io", database.Time.GetUtcNow());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.BulkInsertAsync([person], ct));
        Assert.False(await db.People.AnyAsync(ct));
    }
}
