using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Organization;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Careers.Reports;

/// <summary>
/// A seven-person organization whose report figures are worked out by hand in <see cref="CareerReportNumbersTests{TDatabase}"/>:
/// two tribes, someone in a squad and a chapter of the same tribe, someone who moved tribe, a leaver, someone without a
/// step, someone in no tribe, a re-confirmation that is not a promotion.
/// </summary>
internal sealed record SmallOrg(Guid T1, Guid T2, Guid P1, Guid P2, Guid P3, Guid P4, Guid P5, Guid P6, Guid P7)
{
    public static async Task<SmallOrg> SeedAsync(StepwiseApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var now = TimeProvider.System.GetUtcNow();
        OrgUnit Unit(string key, UnitKind kind, Guid? parent) => new() { Id = Guid.NewGuid(), Key = key, Name = key.ToUpperInvariant(), Kind = kind, ParentId = parent };
        var company = Unit("co", UnitKind.Company, null);
        var t1 = Unit("t1", UnitKind.Tribe, company.Id);
        var t2 = Unit("t2", UnitKind.Tribe, company.Id);
        var s1 = Unit("s1", UnitKind.Squad, t1.Id);
        var ch1 = Unit("ch1", UnitKind.Chapter, t1.Id);
        var s2 = Unit("s2", UnitKind.Squad, t2.Id);
        db.Units.AddRange(company, t1, t2, s1, ch1, s2);

        Person Person(string name, string discipline, string location, string start, string? end = null)
        {
            var p = new Person
            {
                Id = Guid.NewGuid(), Email = $"{name}@small.example", Name = name, Discipline = discipline, Location = location,
                EmploymentStart = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                EmploymentEnd = end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            };
            db.People.Add(p);
            return p;
        }
        void Member(Person p, OrgUnit u, string from, string? to = null, MembershipRole role = MembershipRole.Member) => db.Memberships.Add(new Membership
        {
            Id = Guid.NewGuid(), PersonId = p.Id, UnitId = u.Id, Role = role, From = D(from), To = to is null ? null : D(to),
        });
        void Step(Person p, int level, int? previous, string on, string? ended = null) => db.StepRecords.Add(new StepRecord
        {
            Id = Guid.NewGuid(), PersonId = p.Id, Level = level, PreviousLevel = previous, EffectiveOn = D(on), EndedOn = ended is null ? null : D(ended),
            Rationale = "Test.", DecidedBy = "Test", Source = StepSource.Manual, RecordedAt = now,
        });

        var p1 = Person("p1", "backend", "Oslo", "2020-01-01");
        Member(p1, s1, "2020-01-01");
        Step(p1, 1, null, "2020-02-01");
        Step(p1, 2, 1, "2022-03-01");
        Step(p1, 2, 2, "2023-03-01"); // re-confirmed: neither a promotion nor a new start
        var p2 = Person("p2", "backend", "Oslo", "2021-01-01");
        Member(p2, s1, "2021-01-01");
        Member(p2, ch1, "2021-01-01"); // two units, one tribe: counted once
        Step(p2, 1, null, "2021-02-01");
        Step(p2, 3, 1, "2024-01-15");
        db.ReportingLines.Add(new ReportingLine { Id = Guid.NewGuid(), PersonId = p2.Id, ManagerId = p1.Id, From = D("2021-01-01") });
        var p3 = Person("p3", "frontend", "Bergen", "2019-01-01");
        Member(p3, s2, "2019-01-01");
        Step(p3, 2, null, "2019-06-01");
        Step(p3, 3, 2, "2023-07-01");
        var p4 = Person("p4", "frontend", "Bergen", "2022-01-01", "2024-06-30");
        Member(p4, s2, "2022-01-01", "2024-06-30");
        Step(p4, 1, null, "2022-02-01", "2024-06-30");
        var p5 = Person("p5", "backend", "Bergen", "2023-01-01");
        Member(p5, s2, "2023-01-01");
        var p6 = Person("p6", "design", "Oslo", "2020-01-01");
        Member(p6, s1, "2020-01-01", "2024-01-01");
        Member(p6, s2, "2024-01-01");
        Step(p6, 4, null, "2020-03-01");
        var p7 = Person("p7", "backend", "Oslo", "2024-05-01");
        Step(p7, 1, null, "2024-05-15");
        Member(p1, t1, "2020-01-01", role: MembershipRole.Lead); // p1 leads tribe 1 (and is counted in it once)
        await db.SaveChangesAsync();
        return new SmallOrg(t1.Id, t2.Id, p1.Id, p2.Id, p3.Id, p4.Id, p5.Id, p6.Id, p7.Id);
    }

    public static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
