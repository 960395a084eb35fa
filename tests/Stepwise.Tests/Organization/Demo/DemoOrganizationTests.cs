using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;
using Stepwise.Organization.Demo;
using Xunit;

namespace Stepwise.Tests.Organization.Demo;

/// <summary>One demo organization seeded into a fresh SQLite file, shared by the tests that only read it.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    public DemoDatabase Database { get; private set; } = null!;
    public DemoSeedResult Result { get; private set; } = null!;
    public TimeSpan Elapsed { get; private set; }
    public DemoSnapshot Snapshot { get; private set; } = null!;
    public DateOnly Today => DateOnly.FromDateTime(Database.Time.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync()
    {
        Database = await DemoDatabase.CreateAsync();
        (Result, Elapsed) = await Database.SeedAsync();
        Snapshot = await DemoSnapshot.LoadAsync(Database);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}

public sealed record DemoSnapshot(
    List<OrgUnit> Units, List<Person> People, List<Membership> Memberships, List<ReportingLine> Lines,
    List<Transition> Transitions, int Users, int AuditEntries)
{
    public static Task<DemoSnapshot> LoadAsync(DemoDatabase database) => database.ReadAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        return new DemoSnapshot(
            await db.Units.OrderBy(u => u.Key).ToListAsync(ct),
            await db.People.OrderBy(p => p.Email).ToListAsync(ct),
            await db.Memberships.ToListAsync(ct),
            await db.ReportingLines.ToListAsync(ct),
            await db.Transitions.ToListAsync(ct),
            await db.Users.CountAsync(ct),
            await db.AuditLog.CountAsync(ct));
    });
}

public sealed class DemoOrganizationTests(SeededDemo demo, ITestOutputHelper output) : IClassFixture<SeededDemo>
{
    private readonly Dictionary<Guid, OrgUnit> unitsById = demo.Snapshot.Units.ToDictionary(u => u.Id);
    private readonly Dictionary<Guid, Person> peopleById = demo.Snapshot.People.ToDictionary(p => p.Id);
    private DemoSnapshot Data => demo.Snapshot;

    /// <summary>Every 30 days over the two years of history and the years before, plus today and yesterday.</summary>
    private IEnumerable<DateOnly> SampleDates =>
        Enumerable.Range(0, 60).Select(i => demo.Today.AddDays(-30 * i)).Append(demo.Today.AddDays(-1)).Append(demo.Today);

    [Fact]
    public void Seed_FreshDatabase_CreatesOrganizationOfExpectedSize()
    {
        var kinds = Data.Units.GroupBy(u => u.Kind).ToDictionary(g => g.Key, g => g.Count());
        var leavers = Data.People.Count(p => p.EmploymentEnd is not null);
        var recent = Data.People.Count(p => p.EmploymentStart > demo.Today.AddYears(-2));
        output.WriteLine($"Seeded in {demo.Elapsed.TotalMilliseconds:F0} ms: {string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}; "
            + $"{Data.People.Count} people ({leavers} leavers, {recent} hired in the last two years), {Data.Memberships.Count} memberships, "
            + $"{Data.Lines.Count} reporting lines, {Data.Transitions.Count} transitions, {Data.AuditEntries} audit entries.");
        output.WriteLine(string.Join(", ", Data.Transitions.GroupBy(t => t.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));

        Assert.True(demo.Result.Seeded);
        Assert.Equal(1, kinds[UnitKind.Company]);
        Assert.Equal(4, kinds[UnitKind.Tribe]);
        Assert.InRange(kinds[UnitKind.Squad], 25, 35);
        Assert.Equal(3, kinds[UnitKind.Guild]);
        Assert.Equal(2, kinds[UnitKind.JourneyTeam]);
        Assert.Equal(4 * 7, kinds[UnitKind.Chapter]);
        Assert.All(Data.Units.Where(u => u.Kind == UnitKind.Chapter), c => Assert.False(string.IsNullOrEmpty(c.Discipline)));
        Assert.InRange(Data.People.Count, 350, 450);
        Assert.InRange(leavers, Data.People.Count * 5 / 100, Data.People.Count * 11 / 100);
        Assert.InRange(recent, Data.People.Count * 11 / 100, Data.People.Count * 19 / 100);
        Assert.Equal(Data.People.Count, Data.People.Select(p => p.Email).Distinct().Count());
        Assert.Contains(Data.People, p => p.Track == CareerTrack.Manager);
        Assert.Contains(Data.People, p => p.Track == CareerTrack.IndividualContributor);
        Assert.Equal(4, Data.People.Select(p => p.Location).Distinct().Count());
        // The audit interceptor logged every insert.
        Assert.True(Data.AuditEntries >= Data.People.Count + Data.Memberships.Count + Data.Lines.Count + Data.Transitions.Count);
        Assert.True(demo.Elapsed < TimeSpan.FromSeconds(10), $"Seeding took {demo.Elapsed}.");
    }

    [Fact]
    public void Seed_Units_FormTheSpotifyStructure()
    {
        var company = Assert.Single(Data.Units, u => u.Kind == UnitKind.Company);
        Assert.Equal("acme", company.Key);
        foreach (var unit in Data.Units.Where(u => u.Kind != UnitKind.Company))
        {
            var parent = unitsById[unit.ParentId!.Value];
            Assert.Null(OrgUnit.CheckParent(unit.Kind, parent.Kind));
        }
        foreach (var tribe in Data.Units.Where(u => u.Kind == UnitKind.Tribe))
        {
            var disciplines = Data.Units.Where(u => u.ParentId == tribe.Id && u.Kind == UnitKind.Chapter).Select(c => c.Discipline).Order().ToList();
            Assert.Equal(["agile-coach", "backend", "data", "design", "frontend", "mobile", "qa"], disciplines);
        }
    }

    [Fact]
    public void Seed_Today_EveryoneIsInOneSquadAndTheirChapterAndReportsToTheChapterLead()
    {
        var today = demo.Today;
        var active = Data.Memberships.Where(m => m.IsActiveOn(today)).ToList();
        var lines = Data.Lines.Where(l => l.IsActiveOn(today)).ToDictionary(l => l.PersonId, l => l.ManagerId);
        var chapterLeads = active.Where(m => m.Role == MembershipRole.Lead && unitsById[m.UnitId].Kind == UnitKind.Chapter)
            .ToDictionary(m => m.UnitId, m => m.PersonId);
        Assert.Equal(28, chapterLeads.Count);
        var tribeLeads = active.Where(m => m.Role == MembershipRole.Lead && unitsById[m.UnitId].Kind == UnitKind.Tribe)
            .ToDictionary(m => m.UnitId, m => m.PersonId);
        Assert.Equal(4, tribeLeads.Count);
        var cto = Assert.Single(active, m => unitsById[m.UnitId].Kind == UnitKind.Company).PersonId;
        Assert.DoesNotContain(cto, lines.Keys);

        foreach (var person in Data.People.Where(p => p.IsEmployedOn(today)))
        {
            var mine = active.Where(m => m.PersonId == person.Id).Select(m => (m, Unit: unitsById[m.UnitId])).ToList();
            if (person.Id == cto) continue;
            if (tribeLeads.ContainsValue(person.Id))
            {
                Assert.Equal(cto, lines[person.Id]);
                continue;
            }
            var squad = Assert.Single(mine, x => x.Unit.Kind == UnitKind.Squad);
            var chapter = Assert.Single(mine, x => x.Unit.Kind == UnitKind.Chapter);
            Assert.Equal(person.Discipline, chapter.Unit.Discipline);
            Assert.Equal(squad.Unit.ParentId, chapter.Unit.ParentId);
            var expectedManager = chapterLeads[chapter.Unit.Id] == person.Id ? tribeLeads[chapter.Unit.ParentId!.Value] : chapterLeads[chapter.Unit.Id];
            Assert.Equal(expectedManager, lines[person.Id]);
            Assert.Equal(chapterLeads[chapter.Unit.Id] == person.Id ? CareerTrack.Manager : CareerTrack.IndividualContributor, person.Track);
        }
        Assert.All(Data.Units.Where(u => u.Kind is UnitKind.Guild or UnitKind.JourneyTeam),
            u => Assert.InRange(active.Count(m => m.UnitId == u.Id), 5, 40));
    }

    [Fact]
    public void Seed_OnEverySampledDate_NobodyIsInTwoSquadsOrChaptersAndReportingIsATree()
    {
        foreach (var date in SampleDates)
        {
            var active = Data.Memberships.Where(m => m.IsActiveOn(date)).ToList();
            foreach (var kind in new[] { UnitKind.Squad, UnitKind.Chapter, UnitKind.Tribe })
            {
                var doubled = active.Where(m => unitsById[m.UnitId].Kind == kind).GroupBy(m => m.PersonId).Where(g => g.Count() > 1).ToList();
                Assert.True(doubled.Count == 0, $"On {date} {doubled.Count} people are in two {kind} units.");
            }
            Assert.All(active, m => Assert.True(peopleById[m.PersonId].IsEmployedOn(date), $"Membership {m.Id} of someone not employed on {date}."));

            var lines = Data.Lines.Where(l => l.IsActiveOn(date)).ToList();
            Assert.Equal(lines.Count, lines.Select(l => l.PersonId).Distinct().Count());
            var managerOf = lines.ToDictionary(l => l.PersonId, l => l.ManagerId);
            foreach (var line in lines)
            {
                Assert.NotEqual(line.PersonId, line.ManagerId);
                Assert.True(peopleById[line.PersonId].IsEmployedOn(date));
                Assert.True(peopleById[line.ManagerId].IsEmployedOn(date), $"On {date} {peopleById[line.ManagerId].Name} manages without being employed.");
                Assert.Null(ReportingChain.Check(line.PersonId, line.ManagerId,
                    id => id == line.PersonId ? null : managerOf.TryGetValue(id, out var m) ? m : null, id => id.ToString()));
            }
        }
    }

    [Fact]
    public void Seed_Facts_AreNonEmptyIntervalsWithinEmployment()
    {
        var facts = Data.Memberships.Select(m => (IEffectiveDated)m).Concat(Data.Lines);
        Assert.All(Data.Memberships, m => Assert.True(m.To is null || m.To > m.From));
        Assert.All(Data.Lines, l => Assert.True(l.To is null || l.To > l.From));
        Assert.All(Data.Memberships, m => AssertWithinEmployment(peopleById[m.PersonId], m));
        Assert.All(Data.Lines, l => AssertWithinEmployment(peopleById[l.PersonId], l));
        Assert.All(Data.Lines, l => AssertWithinEmployment(peopleById[l.ManagerId], l));
        Assert.NotEmpty(facts);
    }

    [Fact]
    public void Seed_Leavers_HaveNoOpenMembershipsOrLines()
    {
        var leavers = Data.People.Where(p => p.EmploymentEnd is not null).ToList();
        Assert.NotEmpty(leavers);
        foreach (var leaver in leavers)
        {
            var end = leaver.EmploymentEnd!.Value;
            Assert.True(end <= demo.Today);
            Assert.All(Data.Memberships.Where(m => m.PersonId == leaver.Id), m => Assert.True(m.To is { } to && to <= end));
            Assert.All(Data.Lines.Where(l => l.PersonId == leaver.Id || l.ManagerId == leaver.Id), l => Assert.True(l.To is { } to && to <= end));
            Assert.Contains(Data.Transitions, t => t.PersonId == leaver.Id && t.Kind == TransitionKind.Left && t.EffectiveOn == end);
        }
    }

    [Fact]
    public void Seed_History_IsRecordedAsTransitionsMatchingTheFacts()
    {
        var byPerson = Data.Transitions.ToLookup(t => t.PersonId);
        foreach (var person in Data.People)
        {
            var hired = Assert.Single(byPerson[person.Id], t => t.Kind == TransitionKind.Hired);
            Assert.Equal(person.EmploymentStart, hired.EffectiveOn);
            Assert.All(byPerson[person.Id], t => Assert.InRange(t.EffectiveOn, person.EmploymentStart, person.EmploymentEnd ?? demo.Today));
        }
        foreach (var membership in Data.Memberships)
        {
            var unit = unitsById[membership.UnitId].Name;
            var kind = membership.Role == MembershipRole.Lead ? TransitionKind.BecameLead : TransitionKind.JoinedUnit;
            Assert.Contains(byPerson[membership.PersonId], t => t.Kind == kind && t.EffectiveOn == membership.From && t.ToValue == unit);
        }
        foreach (var line in Data.Lines)
        {
            var manager = peopleById[line.ManagerId].Name;
            Assert.Contains(byPerson[line.PersonId], t => t.Kind == TransitionKind.ManagerChanged && t.EffectiveOn == line.From && t.ToValue == manager);
        }
        Assert.All(Data.Transitions, t => Assert.True(t.RecordedAt <= DemoDatabase.FixedNow));

        // Two years of history: every kind of change happened inside the window.
        var windowStart = demo.Today.AddYears(-2);
        var recentKinds = Data.Transitions.Where(t => t.EffectiveOn >= windowStart).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(recentKinds[TransitionKind.Hired] >= 40);
        Assert.True(recentKinds[TransitionKind.Left] >= 20);
        Assert.True(recentKinds[TransitionKind.LeftUnit] >= 40);
        Assert.True(recentKinds[TransitionKind.TitleChanged] >= 40);
        Assert.InRange(recentKinds[TransitionKind.DisciplineChanged], 1, 5);
        Assert.True(recentKinds[TransitionKind.BecameLead] >= 3);
        // Manager changes other than being hired: chapter lead successions, tribe moves, discipline switches.
        Assert.True(Data.Lines.Count(l => l.From >= windowStart && l.From != peopleById[l.PersonId].EmploymentStart) >= 30);
    }

    [Fact]
    public async Task Seed_DemoAccounts_CanSignInAndAreLinked()
    {
        Assert.Equal(5, demo.Result.Accounts.Count);
        Assert.All(demo.Result.Accounts, a => Assert.Equal("stepwise-demo", a.Password));
        Assert.Equal(5, Data.Users);
        await using var scope = demo.Database.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StepwiseUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StepwiseRole>>();
        foreach (var role in Roles.All) Assert.True(await roles.RoleExistsAsync(role));

        foreach (var account in demo.Result.Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.Equal(account.Email, user.UserName);
            Assert.True(user.EmailConfirmed);
            Assert.False(user.MustChangePassword);
            Assert.True(await users.CheckPasswordAsync(user, DemoOrganization.Password));
            if (account.Email is DemoOrganization.AdminEmail or DemoOrganization.HrEmail)
            {
                Assert.Null(user.PersonId);
                Assert.Equal([account.Email == DemoOrganization.AdminEmail ? Roles.Admin : Roles.HR], await users.GetRolesAsync(user));
            }
            else
            {
                var person = peopleById[user.PersonId!.Value];
                Assert.Equal(account.Email, person.Email);
                Assert.Null(person.EmploymentEnd);
                Assert.Empty(await users.GetRolesAsync(user));
            }
            output.WriteLine($"{account.Email} / {account.Password}: {account.Description}");
        }

        // The chapter lead manages the individual contributor, and reports to the tribe lead.
        var linked = new List<Guid>();
        foreach (var account in demo.Result.Accounts.Skip(2)) linked.Add((await users.FindByEmailAsync(account.Email))!.PersonId!.Value);
        var managerOf = Data.Lines.Where(l => l.IsActiveOn(demo.Today)).ToDictionary(l => l.PersonId, l => l.ManagerId);
        Assert.Equal(linked[0], managerOf[linked[1]]);
        Assert.Equal(linked[1], managerOf[linked[2]]);
    }

    [Fact]
    public async Task Seed_SecondRun_ChangesNothingAndIsFast()
    {
        var (result, elapsed) = await demo.Database.SeedAsync();
        output.WriteLine($"Second run: {elapsed.TotalMilliseconds:F0} ms.");

        Assert.False(result.Seeded);
        Assert.Equal(demo.Result.Accounts, result.Accounts);
        var after = await DemoSnapshot.LoadAsync(demo.Database);
        Assert.Equal(Data.Units.Count, after.Units.Count);
        Assert.Equal(Data.People.Count, after.People.Count);
        Assert.Equal(Data.Memberships.Count, after.Memberships.Count);
        Assert.Equal(Data.Lines.Count, after.Lines.Count);
        Assert.Equal(Data.Transitions.Count, after.Transitions.Count);
        Assert.Equal(Data.Users, after.Users);
        Assert.Equal(Data.AuditEntries, after.AuditEntries);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"The second run took {elapsed}.");
    }

    [Fact]
    public async Task Seed_TwoFreshDatabases_GetTheSameOrganization()
    {
        await using var other = await DemoDatabase.CreateAsync();
        var (result, _) = await other.SeedAsync();
        var copy = await DemoSnapshot.LoadAsync(other);

        Assert.True(result.Seeded);
        Assert.Equal(demo.Result.Accounts, result.Accounts);
        Assert.Equal(Data.Units.Select(u => (u.Id, u.Key, u.Name, u.ParentId)), copy.Units.Select(u => (u.Id, u.Key, u.Name, u.ParentId)));
        Assert.Equal(Data.People.Select(p => (p.Id, p.Email, p.Title, p.EmploymentStart, p.EmploymentEnd)),
            copy.People.Select(p => (p.Id, p.Email, p.Title, p.EmploymentStart, p.EmploymentEnd)));
        Assert.Equal(Data.Memberships.Count, copy.Memberships.Count);
        Assert.Equal(Data.Lines.Count, copy.Lines.Count);
        Assert.Equal(Data.Transitions.Count, copy.Transitions.Count);
        Assert.Equal(Fingerprint(Data), Fingerprint(copy));
    }

    [Fact]
    public async Task Seed_AnotherDay_GivesTheSamePeopleAndAccounts()
    {
        await using var other = await DemoDatabase.CreateAsync(DemoDatabase.FixedNow.AddDays(45));
        var (result, _) = await other.SeedAsync();
        var copy = await DemoSnapshot.LoadAsync(other);

        Assert.Equal(demo.Result.Accounts.Select(a => a.Email), result.Accounts.Select(a => a.Email));
        Assert.Equal(Data.People.Select(p => (p.Email, p.EmploymentStart.AddDays(45))), copy.People.Select(p => (p.Email, p.EmploymentStart)));
    }

    private static void AssertWithinEmployment(Person person, IEffectiveDated fact)
    {
        Assert.True(fact.From >= person.EmploymentStart, $"{person.Name}: a fact from {fact.From} before the start {person.EmploymentStart}.");
        if (person.EmploymentEnd is { } end) Assert.True(fact.From < end && fact.To is { } to && to <= end, $"{person.Name}: a fact outlives employment.");
    }

    private static string Fingerprint(DemoSnapshot s) => string.Join("\n",
        s.Memberships.OrderBy(m => m.Id).Select(m => $"{m.Id} {m.PersonId} {m.UnitId} {m.Role} {m.From} {m.To}")
            .Concat(s.Lines.OrderBy(l => l.Id).Select(l => $"{l.Id} {l.PersonId} {l.ManagerId} {l.From} {l.To}"))
            .Concat(s.Transitions.OrderBy(t => t.Id).Select(t => $"{t.Id} {t.PersonId} {t.Kind} {t.EffectiveOn} {t.FromValue} {t.ToValue} {t.RecordedAt:O}")));
}
