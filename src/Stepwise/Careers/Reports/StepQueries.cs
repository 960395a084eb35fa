using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Reports;

/// <summary>Someone's step on a date, with what reports break it down by.</summary>
public sealed class CurrentStep
{
    public Guid PersonId { get; init; }
    public int Level { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public string Discipline { get; init; } = "";
    public string Location { get; init; } = "";
}

/// <summary>Which tribe someone belonged to on a date: through a squad, chapter or journey team in it, or the tribe itself.</summary>
public sealed class TribeMember
{
    public Guid PersonId { get; init; }
    public Guid TribeId { get; init; }
}

/// <summary>
/// The SQL building blocks of the reports, as composable queries: every report groups and counts in the database,
/// on SQLite and PostgreSQL alike. Discipline and location are the person's current ones (the organization model
/// keeps only their present value on the person).
/// </summary>
public static class StepQueries
{
    /// <summary>
    /// The step each person employed on <paramref name="date"/> held that day: their latest decision effective by then
    /// (the latest recorded one when two share a date), unless it was closed. People without a decision are not in it.
    /// <para>
    /// Read from the maintained <see cref="LatestStep"/> row (one primary-key lookup per person) whenever that latest
    /// decision took effect by <paramref name="date"/>, which is everyone's for today's report. Only for people whose
    /// latest decision is later (past dates, decisions dated ahead) is it sought in the history, one seek per person in
    /// the covering index <c>StepRecords (PersonId, EffectiveOn, RecordedAt, Level, EndedOn)</c>.
    /// </para>
    /// </summary>
    public static IQueryable<CurrentStep> On(StepwiseDb db, DateOnly date) =>
        from p in Employed(db, date)
        join l in db.LatestSteps on p.Id equals l.PersonId
        let level = l.EffectiveOn <= date
            ? (l.EndedOn == null || l.EndedOn > date ? (int?)l.Level : null)
            : db.StepRecords.Where(r => r.PersonId == p.Id && r.EffectiveOn <= date)
                .OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.RecordedAt)
                .Select(r => r.EndedOn == null || r.EndedOn > date ? (int?)r.Level : null).FirstOrDefault()
        where level != null
        select new CurrentStep
        {
            PersonId = p.Id,
            Level = level!.Value,
            EffectiveOn = l.EffectiveOn <= date
                ? l.EffectiveOn
                : db.StepRecords.Where(r => r.PersonId == p.Id && r.EffectiveOn <= date)
                    .OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.RecordedAt).Select(r => r.EffectiveOn).FirstOrDefault(),
            Discipline = p.Discipline,
            Location = p.Location,
        };

    public static IQueryable<Person> Employed(StepwiseDb db, DateOnly date) =>
        db.People.Where(p => p.EmploymentStart <= date && (p.EmploymentEnd == null || p.EmploymentEnd > date));

    /// <summary>Person and tribe pairs on <paramref name="date"/>, once each even when someone is in a squad and a chapter of the same tribe.</summary>
    public static IQueryable<TribeMember> Tribes(StepwiseDb db, DateOnly date) =>
        (from m in db.Memberships
         where m.From <= date && (m.To == null || m.To > date)
         join u in db.Units on m.UnitId equals u.Id
         join t in db.Units on (u.Kind == UnitKind.Tribe ? (Guid?)u.Id : u.ParentId) equals (Guid?)t.Id
         where t.Kind == UnitKind.Tribe
         select new TribeMember { PersonId = m.PersonId, TribeId = t.Id }).Distinct();

    /// <summary>Keeps the rows of people inside <paramref name="scope"/> on <paramref name="date"/>.</summary>
    public static IQueryable<CurrentStep> Within(this IQueryable<CurrentStep> steps, StepwiseDb db, ReportScope scope, DateOnly date)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Tribes:
                var tribes = scope.TribeIds;
                return steps.Where(s => Tribes(db, date).Any(t => t.PersonId == s.PersonId && tribes.Contains(t.TribeId)));
            case ScopeKind.ReportingChain:
                var people = scope.PersonIds;
                return steps.Where(s => people.Contains(s.PersonId));
            default:
                return steps;
        }
    }

    /// <inheritdoc cref="Within(IQueryable{CurrentStep}, StepwiseDb, ReportScope, DateOnly)"/>
    public static IQueryable<Person> Within(this IQueryable<Person> people, StepwiseDb db, ReportScope scope, DateOnly date)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Tribes:
                var tribes = scope.TribeIds;
                return people.Where(p => Tribes(db, date).Any(t => t.PersonId == p.Id && tribes.Contains(t.TribeId)));
            case ScopeKind.ReportingChain:
                var ids = scope.PersonIds;
                return people.Where(p => ids.Contains(p.Id));
            default:
                return people;
        }
    }
}
