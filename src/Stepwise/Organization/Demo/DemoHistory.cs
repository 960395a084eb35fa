using static Stepwise.Organization.Demo.DemoCatalog;

namespace Stepwise.Organization.Demo;

/// <summary>
/// Builds the demo organization and its history in memory, without a database.
/// Everything is drawn from one <see cref="Random"/> with a fixed seed, and dates are drawn as day offsets from
/// 'today', so the same 'today' gives the same rows and a different 'today' gives the same people and structure, shifted.
/// </summary>
/// <remarks>
/// First a plan is drawn (units, people, and the dated events of their working lives); then the events are applied in
/// date order against an in-memory model that follows the same rules as <see cref="OrgChanges"/>: open facts are closed
/// at the effective date, a person is in one squad and one chapter at a time, and every change leaves a <see cref="Transition"/>.
/// </remarks>
internal sealed class DemoHistory
{
    public const int Seed = 20261123;
    public const string CompanyKey = "acme";
    public const string CompanyName = "Acme Music";
    public const string EmailDomain = "acme.example";

    private const int TargetPeople = 400;
    private const int HistoryDays = 730;

    private readonly Random rng = new(Seed);
    private readonly DateOnly today;
    private readonly DateTimeOffset now;
    private readonly List<Tribe> tribes = [];
    private readonly List<Member> members = [];
    private readonly HashSet<string> emails = new(StringComparer.Ordinal);
    private readonly List<Scheduled> events = [];
    private readonly Dictionary<string, OrgUnit> guilds = [];
    private readonly List<OrgUnit> journeyTeams = [];
    private OrgUnit company = null!;
    private Member cto = null!;

    public List<OrgUnit> Units { get; } = [];
    public List<Person> People { get; } = [];
    public List<Membership> Memberships { get; } = [];
    public List<ReportingLine> ReportingLines { get; } = [];
    public List<Transition> Transitions { get; } = [];

    public Person Cto => cto.Person;
    public Person DemoTribeLead { get; private set; } = null!;
    public Person DemoChapterLead { get; private set; } = null!;
    public Person DemoIndividual { get; private set; } = null!;

    private DateOnly WindowStart => today.AddDays(-HistoryDays);

    private DemoHistory(DateOnly today, DateTimeOffset now)
    {
        this.today = today;
        this.now = now;
    }

    /// <summary>Draws the plan only: units and people as hired, and who the demo accounts belong to. Cheap; used on a second start.</summary>
    public static DemoHistory Plan(DateOnly today, DateTimeOffset now)
    {
        var history = new DemoHistory(today, now);
        history.DrawPlan();
        return history;
    }

    /// <summary>Draws the plan and applies its events, leaving the final rows in the lists.</summary>
    public static DemoHistory Build(DateOnly today, DateTimeOffset now)
    {
        var history = Plan(today, now);
        history.Apply();
        return history;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Plan

    private void DrawPlan()
    {
        CreateUnits();
        CreateLeaders();
        CreateSquadMembers();
        PickDemoPeople();
        PlanLeavers();
        PlanChapterLeadChanges();
        PlanGrowthHires();
        PlanCrossTribeMoves();
        PlanSquadMoves();
        PlanDisciplineSwitches();
        PlanPromotions();
        PlanRelocations();
        PlanGuilds();
        PlanJourneyTeams();
    }

    private void CreateUnits()
    {
        company = AddUnit(CompanyKey, CompanyName, UnitKind.Company, null, null);
        foreach (var spec in DemoCatalog.Tribes)
        {
            var tribe = new Tribe(AddUnit(spec.Key, spec.Name, UnitKind.Tribe, company.Id, null), spec.Home);
            foreach (var squad in spec.Squads)
                tribe.Squads.Add(AddUnit($"{spec.Key}-{Slug(squad)}", squad, UnitKind.Squad, tribe.Unit.Id, null));
            foreach (var discipline in Disciplines)
            {
                var unit = AddUnit($"{spec.Key}-{discipline}", $"{spec.Name} {DisciplineLabel(discipline)} Chapter", UnitKind.Chapter, tribe.Unit.Id, discipline);
                tribe.Chapters[discipline] = new Chapter(unit, tribe);
            }
            tribes.Add(tribe);
        }
        foreach (var spec in DemoCatalog.Guilds)
            guilds[spec.Key] = AddUnit(spec.Key, spec.Name, UnitKind.Guild, company.Id, null);
        foreach (var (key, name) in DemoCatalog.JourneyTeams)
            journeyTeams.Add(AddUnit(key, name, UnitKind.JourneyTeam, company.Id, null));
    }

    private void CreateLeaders()
    {
        cto = NewMember(Leadership, "", 0, Locations[0], DaysAgo(2920));
        SetLeadership(cto, CtoTitle);
        foreach (var tribe in tribes)
        {
            var lead = NewMember(Leadership, "", 0, tribe.Home, DaysAgo(Draw(2800, 2900)));
            SetLeadership(lead, TribeLeadTitle);
            lead.Tribe = tribe;
            tribe.Lead = lead;
        }
    }

    private void CreateSquadMembers()
    {
        for (var t = 0; t < tribes.Count; t++)
        {
            var tribe = tribes[t];
            var platform = tribe.Unit.Key == "platform";
            var slots = new List<(OrgUnit Squad, string Discipline)>();
            for (var s = 0; s < tribe.Squads.Count; s++)
            {
                var squad = tribe.Squads[s];
                void Add(string discipline, int count)
                {
                    for (var i = 0; i < count; i++) slots.Add((squad, discipline));
                }
                Add(Backend, platform ? Draw(4, 6) : Draw(3, 5));
                Add(Frontend, platform ? Draw(0, 1) : Draw(2, 3));
                Add(Mobile, platform ? Draw(0, 1) : tribe.Unit.Key == "listener" ? Draw(2, 3) : Draw(1, 2));
                Add(DataDiscipline, platform ? Draw(1, 3) : Draw(1, 2));
                Add(Design, platform ? Draw(0, 1) : 1);
                Add(Qa, Draw(0, 1));
                Add(AgileCoach, s % 3 == 0 ? 1 : 0);
            }
            // Every chapter needs a lead and a few members.
            foreach (var discipline in Disciplines)
            {
                while (slots.Count(x => x.Discipline == discipline) < 3)
                    slots.Add((tribe.Squads[Draw(0, tribe.Squads.Count - 1)], discipline));
            }
            var people = slots.Select(slot => NewMember(slot.Discipline, PickBaseTitle(slot.Discipline), DrawLevel(recent: false),
                DrawLocation(tribe), DaysAgo(Draw(HistoryDays + 1, 2555)), tribe, slot.Squad)).ToList();
            // The chapter lead: someone from the early days.
            foreach (var discipline in Disciplines)
            {
                var candidates = people.Where(p => p.Person.Discipline == discipline).ToList();
                var lead = candidates[Draw(0, candidates.Count - 1)];
                lead.IsLead = true;
                lead.Person.EmploymentStart = DaysAgo(Draw(2560, 2790));
                lead.Person.Title = ChapterLeadTitle(discipline);
                lead.Person.Track = CareerTrack.Manager;
                tribe.Chapters[discipline].Lead = lead;
            }
            foreach (var person in people) ScheduleHire(person);
        }
        ScheduleHire(cto);
        foreach (var tribe in tribes) ScheduleHire(tribe.Lead);
    }

    private void PickDemoPeople()
    {
        var tribe = tribes[0];
        DemoTribeLead = tribe.Lead.Person;
        var chapterLead = tribe.Chapters[Backend].Lead!;
        chapterLead.Pinned = true;
        DemoChapterLead = chapterLead.Person;
        var individual = members.First(m => m.Tribe == tribe && m.InitialSquad == tribe.Squads[0] && m.Person.Discipline == Backend && !m.IsLead);
        individual.Pinned = true;
        DemoIndividual = individual.Person;
        // Their history shows a promotion and a squad move.
        individual.Busy = true;
        Schedule(DaysAgo(Draw(400, 500)), Priority.Change, () => Promote(individual));
        var next = Draw(0, 1000);
        Schedule(DaysAgo(Draw(150, 300)), Priority.Change, () => MoveWithinTribe(individual, next));
    }

    private void PlanLeavers()
    {
        var pool = Shuffle(members.Where(m => m.Tribe is not null && !m.IsLead && !m.Pinned && m.Person.Discipline != AgileCoach));
        var count = (int)Math.Round(pool.Count * 0.095);
        foreach (var leaver in pool.Take(count))
        {
            var leaveOn = DaysAgo(Draw(14, HistoryDays - 30));
            leaver.Busy = true;
            leaver.PlannedLeave = leaveOn;
            Schedule(leaveOn, Priority.Leave, () => Leave(leaver, leaveOn));
            if (Draw(1, 10) <= 7)
            {
                var hireOn = leaveOn.AddDays(Draw(14, 100));
                if (hireOn >= today) continue;
                var discipline = leaver.Person.Discipline;
                var backfill = NewMember(discipline, PickBaseTitle(discipline), DrawLevel(recent: true), DrawLocation(leaver.Tribe!), hireOn, leaver.Tribe, null);
                backfill.BackfillFor = leaver;
                ScheduleHire(backfill);
            }
        }
    }

    private void PlanChapterLeadChanges()
    {
        var chapters = Shuffle(tribes.SelectMany(t => t.Chapters.Values)
            .Where(c => c.Lead is { Pinned: false } && c.Unit.Discipline is Backend or Frontend or Mobile or DataDiscipline));
        var kinds = new[] { LeadChange.Leaves, LeadChange.Leaves, LeadChange.StepsBack };
        for (var i = 0; i < kinds.Length; i++)
        {
            var chapter = chapters[i];
            var kind = kinds[i];
            var on = DaysAgo(Draw(90, 650));
            var old = chapter.Lead!;
            if (kind == LeadChange.Leaves) old.PlannedLeave = on;
            Schedule(on, Priority.LeadChange, () => ChangeChapterLead(chapter, old, kind, on));
        }
    }

    private void PlanGrowthHires()
    {
        var shortTenure = 2;
        var growth = Math.Max(0, TargetPeople - members.Count - shortTenure);
        var squads = tribes.SelectMany(t => t.Squads.Select(s => (Tribe: t, Squad: s))).ToList();
        string[] weighted = [Backend, Backend, Backend, Backend, Frontend, Frontend, Mobile, Mobile, DataDiscipline, DataDiscipline, Design, Qa];
        for (var i = 0; i < growth + shortTenure; i++)
        {
            var (tribe, squad) = squads[Draw(0, squads.Count - 1)];
            var discipline = weighted[Draw(0, weighted.Length - 1)];
            var hired = i < growth ? DaysAgo(Draw(1, HistoryDays)) : DaysAgo(Draw(300, 700));
            var member = NewMember(discipline, PickBaseTitle(discipline), DrawLevel(recent: true), DrawLocation(tribe), hired, tribe, squad);
            ScheduleHire(member);
            if (i >= growth)
            {
                var leaveOn = hired.AddDays(Draw(60, 200));
                member.Busy = true;
                member.PlannedLeave = leaveOn;
                Schedule(leaveOn, Priority.Leave, () => Leave(member, leaveOn));
            }
        }
    }

    private void PlanCrossTribeMoves()
    {
        foreach (var mover in Shuffle(Available(minTenureDays: 150)).Take(18))
        {
            mover.Busy = true;
            var (from, to) = ChangeWindow(mover, 60);
            if (from > to) continue;
            var on = DrawDate(from, to);
            var (tribe, squad, relocate) = (Draw(0, 1000), Draw(0, 1000), Draw(1, 2) == 1);
            Schedule(on, Priority.Change, () => MoveAcrossTribes(mover, tribe, squad, relocate, on));
        }
    }

    private void PlanSquadMoves()
    {
        var pool = Shuffle(members.Where(m => m.Tribe is not null && !m.IsLead && !m.Pinned && m.Person.Discipline != AgileCoach));
        foreach (var mover in pool.Take(45))
        {
            var (from, to) = ChangeWindow(mover, 60);
            if (from > to) continue;
            var next = Draw(0, 1000);
            Schedule(DrawDate(from, to), Priority.Change, () => MoveWithinTribe(mover, next));
        }
    }

    private void PlanDisciplineSwitches()
    {
        foreach (var (fromDiscipline, toDiscipline) in new[] { (Frontend, Mobile), (Qa, Backend) })
        {
            var person = Shuffle(Available(minTenureDays: 200).Where(m => m.Person.Discipline == fromDiscipline)).First();
            person.Busy = true;
            var (from, to) = ChangeWindow(person, 120);
            var on = DrawDate(from, to);
            var baseTitle = PickBaseTitle(toDiscipline);
            Schedule(on, Priority.Change, () => SwitchDiscipline(person, toDiscipline, baseTitle, on));
        }
    }

    private void PlanPromotions()
    {
        var pool = Shuffle(members.Where(m => m.Tribe is not null && !m.IsLead && !m.Pinned));
        foreach (var person in pool.Take(75))
        {
            var (from, to) = ChangeWindow(person, 270);
            if (from > to) continue;
            Schedule(DrawDate(from, to), Priority.Change, () => Promote(person));
        }
    }

    private void PlanRelocations()
    {
        foreach (var person in Shuffle(Available(minTenureDays: 200)).Take(4))
        {
            var (from, to) = ChangeWindow(person, 90);
            if (from > to) continue;
            var location = Locations[Draw(0, Locations.Count - 1)];
            Schedule(DrawDate(from, to), Priority.Change, () => Relocate(person, location));
        }
    }

    private void PlanGuilds()
    {
        foreach (var spec in DemoCatalog.Guilds)
        {
            var guild = guilds[spec.Key];
            var pool = Shuffle(members.Where(m => m.Tribe is not null && spec.Disciplines.Contains(m.Person.Discipline)));
            var chosen = pool.Take(Draw(22, 30)).ToList();
            var lead = chosen.FirstOrDefault(m => !m.Busy && m.PlannedLeave is null);
            foreach (var member in chosen)
            {
                var start = Max(member.Person.EmploymentStart.AddDays(30), DaysAgo(1500));
                var end = Min(member.End.AddDays(-30), DaysAgo(7));
                if (start > end) continue;
                var joinOn = DrawDate(start, end);
                var role = member == lead ? MembershipRole.Lead : MembershipRole.Member;
                Schedule(joinOn, Priority.Change, () => JoinIfEmployed(member, guild, role, joinOn));
                if (member != lead && Draw(1, 8) == 1)
                {
                    var leaveStart = Max(joinOn.AddDays(60), WindowStart);
                    var leaveEnd = Min(member.End.AddDays(-14), DaysAgo(1));
                    if (leaveStart > leaveEnd) continue;
                    var leaveOn = DrawDate(leaveStart, leaveEnd);
                    Schedule(leaveOn, Priority.Change, () => LeaveUnit(member, guild, leaveOn));
                }
            }
        }
    }

    private void PlanJourneyTeams()
    {
        var (lossless, markets) = (journeyTeams[0], journeyTeams[1]);
        var losslessStart = DaysAgo(420);
        var marketsStart = DaysAgo(240);
        var taken = new HashSet<Member>();
        List<Member> Staff(DateOnly start, int perTribe)
        {
            var staff = new List<Member>();
            foreach (var tribe in tribes)
            {
                var pool = Shuffle(Available(minTenureDays: 0)
                    .Where(m => m.Tribe == tribe && m.Person.EmploymentStart < start.AddDays(-30) && !taken.Contains(m)));
                staff.AddRange(pool.Take(perTribe));
            }
            taken.UnionWith(staff);
            return staff;
        }
        var losslessStaff = Staff(losslessStart, 2);
        var marketsStaff = Staff(marketsStart, 2);
        for (var i = 0; i < losslessStaff.Count; i++)
        {
            var member = losslessStaff[i];
            var role = i == 0 ? MembershipRole.Lead : MembershipRole.Member;
            Schedule(losslessStart, Priority.Change, () => JoinIfEmployed(member, lossless, role, losslessStart));
        }
        for (var i = 0; i < marketsStaff.Count; i++)
        {
            var member = marketsStaff[i];
            var role = i == 0 ? MembershipRole.Lead : MembershipRole.Member;
            Schedule(marketsStart, Priority.Change, () => JoinIfEmployed(member, markets, role, marketsStart));
        }
        // Journey teams rotate people: one leaves Lossless Audio, a newcomer joins it.
        var rotation = DaysAgo(150);
        var leaving = losslessStaff[^1];
        Schedule(rotation, Priority.Change, () => LeaveUnit(leaving, lossless, rotation));
        var joining = Shuffle(Available(minTenureDays: 0).Where(m => m.Person.EmploymentStart < rotation.AddDays(-30) && !taken.Contains(m))).First();
        Schedule(rotation, Priority.Change, () => JoinIfEmployed(joining, lossless, MembershipRole.Member, rotation));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Apply

    private void Apply()
    {
        events.Sort((a, b) => a.On != b.On ? a.On.CompareTo(b.On) : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Sequence.CompareTo(b.Sequence));
        foreach (var e in events) e.Apply();
    }

    private void Hire(Member m)
    {
        var person = m.Person;
        var on = person.EmploymentStart;
        m.Hired = true;
        People.Add(person);
        Record(m, TransitionKind.Hired, on, null, person.Title);
        if (m == cto)
        {
            Join(m, company, MembershipRole.Lead, on);
            return;
        }
        if (m.Tribe!.Lead == m)
        {
            Join(m, m.Tribe.Unit, MembershipRole.Lead, on);
            SetManager(m, cto, on);
            return;
        }
        var squad = m.InitialSquad ?? m.BackfillFor?.LastSquad ?? m.Tribe.Squads[0];
        Join(m, squad, MembershipRole.Member, on);
        var chapter = m.Tribe.Chapters[person.Discipline];
        Join(m, chapter.Unit, m.IsLead ? MembershipRole.Lead : MembershipRole.Member, on);
        SetManager(m, m.IsLead ? m.Tribe.Lead : chapter.Lead!, on);
    }

    private void Promote(Member m)
    {
        if (!IsEmployed(m) || m.IsLead || m.Level >= MaxLevel(m.Person.Discipline)) return;
        m.Level++;
        ChangeTitle(m, IcTitle(m.BaseTitle, m.Level), CurrentDate);
    }

    private void MoveWithinTribe(Member m, int draw)
    {
        if (!IsEmployed(m)) return;
        var options = m.Tribe!.Squads.Where(s => s != m.Squad).ToList();
        Join(m, options[draw % options.Count], MembershipRole.Member, CurrentDate);
    }

    private void MoveAcrossTribes(Member m, int tribeDraw, int squadDraw, bool relocate, DateOnly on)
    {
        if (!IsEmployed(m)) return;
        var others = tribes.Where(t => t != m.Tribe).ToList();
        var tribe = others[tribeDraw % others.Count];
        m.Tribe = tribe;
        Join(m, tribe.Squads[squadDraw % tribe.Squads.Count], MembershipRole.Member, on);
        var chapter = tribe.Chapters[m.Person.Discipline];
        Join(m, chapter.Unit, MembershipRole.Member, on);
        SetManager(m, chapter.Lead!, on);
        if (relocate && m.Person.Location != tribe.Home) Relocate(m, tribe.Home);
    }

    private void SwitchDiscipline(Member m, string discipline, string baseTitle, DateOnly on)
    {
        if (!IsEmployed(m)) return;
        Record(m, TransitionKind.DisciplineChanged, on, m.Person.Discipline, discipline);
        m.Person.Discipline = discipline;
        m.BaseTitle = baseTitle;
        // A switch starts one level lower, capped by what the new discipline has.
        m.Level = Math.Clamp(m.Level - 1, 1, MaxLevel(discipline));
        ChangeTitle(m, IcTitle(baseTitle, m.Level), on);
        var chapter = m.Tribe!.Chapters[discipline];
        Join(m, chapter.Unit, MembershipRole.Member, on);
        SetManager(m, chapter.Lead!, on);
    }

    private void Relocate(Member m, string location)
    {
        if (!IsEmployed(m) || m.Person.Location == location) return;
        Record(m, TransitionKind.LocationChanged, CurrentDate, m.Person.Location, location);
        m.Person.Location = location;
    }

    private void ChangeChapterLead(Chapter chapter, Member old, LeadChange kind, DateOnly on)
    {
        var tribe = chapter.Tribe;
        var successor = members
            .Where(m => m.Chapter == chapter && IsEmployed(m) && !m.IsLead && !m.Busy && !m.Pinned)
            .OrderBy(m => m.Person.EmploymentStart).ThenBy(m => m.Sequence).FirstOrDefault();
        if (successor is null || chapter.Lead != old) return;

        successor.Busy = true;
        successor.IsLead = true;
        Join(successor, chapter.Unit, MembershipRole.Lead, on);
        ChangeTitle(successor, ChapterLeadTitle(chapter.Unit.Discipline!), on);
        ChangeTrack(successor, CareerTrack.Manager, on);
        SetManager(successor, tribe.Lead, on);
        chapter.Lead = successor;

        foreach (var report in members.Where(m => m.Manager == old && m.Line is not null && m != successor).ToList())
            SetManager(report, successor, on);

        if (kind == LeadChange.StepsBack)
        {
            old.IsLead = false;
            old.Level = 3;
            Join(old, chapter.Unit, MembershipRole.Member, on);
            ChangeTitle(old, IcTitle(old.BaseTitle, old.Level), on);
            ChangeTrack(old, CareerTrack.IndividualContributor, on);
            SetManager(old, successor, on);
        }
        else
        {
            Leave(old, on);
        }
    }

    private void JoinIfEmployed(Member m, OrgUnit unit, MembershipRole role, DateOnly on)
    {
        if (IsEmployed(m)) Join(m, unit, role, on);
    }

    private void LeaveUnit(Member m, OrgUnit unit, DateOnly on)
    {
        if (!IsEmployed(m)) return;
        var open = m.Open.Where(o => o.Unit == unit).ToList();
        if (open.Count == 0) return;
        foreach (var o in open)
        {
            Close(o.Membership, on, Memberships);
            m.Open.Remove(o);
        }
        Record(m, TransitionKind.LeftUnit, on, unit.Name, null);
    }

    private void Leave(Member m, DateOnly on)
    {
        if (!IsEmployed(m)) return;
        if (members.Any(r => r.Manager == m && r.Line is not null))
            throw new InvalidOperationException($"Demo data bug: {m.Person.Name} leaves with reports.");
        foreach (var o in m.Open) Close(o.Membership, on, Memberships);
        m.Open.Clear();
        if (m.Line is not null) Close(m.Line, on, ReportingLines);
        (m.Line, m.Manager) = (null, null);
        m.LastSquad = m.Squad;
        (m.Squad, m.Chapter) = (null, null);
        m.Person.EmploymentEnd = on;
        Record(m, TransitionKind.Left, on, null, null);
    }

    /// <summary>As <see cref="OrgChanges.JoinUnitAsync"/>: a new role in the same unit replaces the old one; squads, chapters and tribes are exclusive.</summary>
    private void Join(Member m, OrgUnit unit, MembershipRole role, DateOnly on)
    {
        var same = m.Open.FirstOrDefault(o => o.Unit == unit);
        if (same is not null)
        {
            Close(same.Membership, on, Memberships);
            m.Open.Remove(same);
        }
        else if (OrgChanges.IsExclusive(unit.Kind))
        {
            foreach (var other in m.Open.Where(o => o.Unit.Kind == unit.Kind).ToList())
            {
                Close(other.Membership, on, Memberships);
                m.Open.Remove(other);
                Record(m, TransitionKind.LeftUnit, on, other.Unit.Name, null);
            }
        }
        var membership = new Membership { Id = NewId(), PersonId = m.Person.Id, UnitId = unit.Id, Role = role, From = on };
        Memberships.Add(membership);
        m.Open.Add(new OpenMembership(unit, membership));
        if (unit.Kind == UnitKind.Squad) m.Squad = unit;
        if (unit.Kind == UnitKind.Chapter) m.Chapter = m.Tribe!.Chapters.Values.First(c => c.Unit == unit);
        Record(m, role == MembershipRole.Lead ? TransitionKind.BecameLead : TransitionKind.JoinedUnit, on, null, unit.Name);
    }

    /// <summary>As <see cref="OrgChanges.SetManagerAsync"/>, with the same guarantees checked as invariants.</summary>
    private void SetManager(Member m, Member manager, DateOnly on)
    {
        if (manager == m) throw new InvalidOperationException($"Demo data bug: {m.Person.Name} would manage themselves.");
        if (!IsEmployed(manager)) throw new InvalidOperationException($"Demo data bug: {manager.Person.Name} is not employed on {on}.");
        for (var up = manager.Manager; up is not null; up = up.Manager)
        {
            if (up == m) throw new InvalidOperationException($"Demo data bug: reporting loop through {m.Person.Name}.");
        }
        var previous = m.Manager;
        if (m.Line is not null) Close(m.Line, on, ReportingLines);
        m.Line = new ReportingLine { Id = NewId(), PersonId = m.Person.Id, ManagerId = manager.Person.Id, From = on };
        m.Manager = manager;
        ReportingLines.Add(m.Line);
        Record(m, TransitionKind.ManagerChanged, on, previous?.Person.Name, manager.Person.Name);
    }

    private void ChangeTitle(Member m, string title, DateOnly on)
    {
        if (m.Person.Title == title) return;
        Record(m, TransitionKind.TitleChanged, on, m.Person.Title, title);
        m.Person.Title = title;
    }

    private void ChangeTrack(Member m, CareerTrack track, DateOnly on)
    {
        if (m.Person.Track == track) return;
        Record(m, TransitionKind.TrackChanged, on, m.Person.Track.ToString(), track.ToString());
        m.Person.Track = track;
    }

    /// <summary>Closes a fact; one that would hold for no day at all is dropped rather than kept as an empty interval.</summary>
    private static void Close<T>(T fact, DateOnly on, List<T> all) where T : IEffectiveDatedMutable
    {
        if (on <= fact.From) all.Remove(fact);
        else fact.To = on;
    }

    private void Record(Member m, TransitionKind kind, DateOnly on, string? from, string? to)
    {
        var recorded = new DateTimeOffset(on.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        Transitions.Add(new Transition
        {
            Id = NewId(), PersonId = m.Person.Id, Kind = kind, EffectiveOn = on, FromValue = from, ToValue = to,
            RecordedAt = recorded < now ? recorded : now,
        });
    }

    private static bool IsEmployed(Member m) => m.Hired && m.Person.EmploymentEnd is null;

    private DateOnly CurrentDate { get; set; }

    // ----------------------------------------------------------------------------------------------------------------
    // Drawing

    private OrgUnit AddUnit(string key, string name, UnitKind kind, Guid? parentId, string? discipline)
    {
        var unit = new OrgUnit { Id = NewId(), Key = key, Name = name, Kind = kind, ParentId = parentId, Discipline = discipline };
        Units.Add(unit);
        return unit;
    }

    private Member NewMember(string discipline, string baseTitle, int level, string location, DateOnly hired, Tribe? tribe = null, OrgUnit? squad = null)
    {
        var (first, last, email) = DrawName();
        var person = new Person
        {
            Id = NewId(), Email = email, Name = $"{first} {last}", Discipline = discipline, Location = location,
            Title = discipline == Leadership ? "" : IcTitle(baseTitle, level), Track = CareerTrack.IndividualContributor, EmploymentStart = hired,
        };
        var member = new Member(person, members.Count) { BaseTitle = baseTitle, Level = level, Tribe = tribe, InitialSquad = squad };
        members.Add(member);
        return member;
    }

    private static void SetLeadership(Member m, string title)
    {
        m.IsLead = true;
        m.Pinned = true;
        m.Person.Title = title;
        m.Person.Track = CareerTrack.Manager;
    }

    private (string First, string Last, string Email) DrawName()
    {
        for (var attempt = 0; ; attempt++)
        {
            var first = FirstNames[Draw(0, FirstNames.Count - 1)];
            var last = LastNames[Draw(0, LastNames.Count - 1)];
            var local = $"{EmailPart(first)}.{EmailPart(last)}";
            if (attempt >= 20) local += attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var email = $"{local}@{EmailDomain}";
            if (emails.Add(email)) return (first, last, email);
        }
    }

    private string PickBaseTitle(string discipline)
    {
        var titles = BaseTitles(discipline);
        return titles[Draw(0, titles.Count - 1)];
    }

    private int DrawLevel(bool recent)
    {
        var roll = Draw(1, 100);
        return recent
            ? roll switch { <= 25 => 0, <= 70 => 1, <= 95 => 2, _ => 3 }
            : roll switch { <= 8 => 0, <= 45 => 1, <= 82 => 2, <= 96 => 3, _ => 4 };
    }

    private string DrawLocation(Tribe tribe) =>
        Draw(1, 100) <= 65 ? tribe.Home : Locations[Draw(0, Locations.Count - 1)];

    private void ScheduleHire(Member m) => Schedule(m.Person.EmploymentStart, Priority.Hire, () => Hire(m));

    private void Schedule(DateOnly on, Priority priority, Action apply) =>
        events.Add(new Scheduled(on, priority, events.Count, () =>
        {
            CurrentDate = on;
            apply();
        }));

    /// <summary>Non-lead people free for one structural change (not leaving, not already moving, not a demo account).</summary>
    private IEnumerable<Member> Available(int minTenureDays) =>
        members.Where(m => m.Tribe is not null && !m.IsLead && !m.Busy && !m.Pinned && m.PlannedLeave is null
            && m.Person.Discipline != AgileCoach && m.Person.EmploymentStart <= DaysAgo(minTenureDays));

    /// <summary>The dates on which a change may fall for someone: inside the two-year window, after settling in, well before leaving.</summary>
    private (DateOnly From, DateOnly To) ChangeWindow(Member m, int settleDays) =>
        (Max(m.Person.EmploymentStart.AddDays(settleDays), WindowStart), Min(m.End.AddDays(-30), DaysAgo(7)));

    private List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Draw(0, i);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>A uniform draw from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    private int Draw(int min, int max) => rng.Next(min, max + 1);

    private DateOnly DrawDate(DateOnly from, DateOnly to) => from.AddDays(Draw(0, to.DayNumber - from.DayNumber));

    private DateOnly DaysAgo(int days) => today.AddDays(-days);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A version-4 shaped Guid from the seeded generator, so ids are the same on every run.</summary>
    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Model

    private enum Priority
    {
        Leave,
        LeadChange,
        Hire,
        Change,
    }

    private enum LeadChange
    {
        Leaves,
        StepsBack,
    }

    private sealed record Scheduled(DateOnly On, Priority Priority, int Sequence, Action Apply);

    private sealed record OpenMembership(OrgUnit Unit, Membership Membership);

    private sealed class Tribe(OrgUnit unit, string home)
    {
        public OrgUnit Unit { get; } = unit;
        public string Home { get; } = home;
        public List<OrgUnit> Squads { get; } = [];
        public Dictionary<string, Chapter> Chapters { get; } = new(StringComparer.Ordinal);
        public Member Lead { get; set; } = null!;
    }

    private sealed class Chapter(OrgUnit unit, Tribe tribe)
    {
        public OrgUnit Unit { get; } = unit;
        public Tribe Tribe { get; } = tribe;
        public Member? Lead { get; set; }
    }

    private sealed class Member(Person person, int sequence)
    {
        public Person Person { get; } = person;
        public int Sequence { get; } = sequence;
        public required string BaseTitle { get; set; }
        public int Level { get; set; }
        public Tribe? Tribe { get; set; }
        public OrgUnit? InitialSquad { get; init; }
        public Member? BackfillFor { get; set; }
        /// <summary>Leads (CTO, tribe and chapter leads) stay out of random moves and promotions.</summary>
        public bool IsLead { get; set; }
        /// <summary>Already planned for a structural change (leaving, moving tribe, switching discipline, becoming a lead).</summary>
        public bool Busy { get; set; }
        /// <summary>Behind a demo account or at the top: never leaves, never changes tribe.</summary>
        public bool Pinned { get; set; }
        public DateOnly? PlannedLeave { get; set; }
        public DateOnly End => PlannedLeave ?? DateOnly.MaxValue.AddDays(-31);

        public bool Hired { get; set; }
        public OrgUnit? Squad { get; set; }
        public OrgUnit? LastSquad { get; set; }
        public Chapter? Chapter { get; set; }
        public ReportingLine? Line { get; set; }
        public Member? Manager { get; set; }
        public List<OpenMembership> Open { get; } = [];
    }
}
