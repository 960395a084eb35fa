namespace Stepwise.Organization.Csv;

/// <summary>The rows an import creates. They stay off the change tracker so that <see cref="OrgImportWriter"/> can write them in bulk;
/// rows that already exist are changed on the tracked entities instead.</summary>
internal sealed class OrgImportInserts
{
    private readonly HashSet<object> _new = new(ReferenceEqualityComparer.Instance);

    public List<OrgUnit> Units { get; } = [];
    public List<Person> People { get; } = [];
    public List<Membership> Memberships { get; } = [];
    public List<ReportingLine> ReportingLines { get; } = [];
    public List<Transition> Transitions { get; } = [];

    public void Add<T>(List<T> list, T row) where T : class
    {
        list.Add(row);
        _new.Add(row);
    }

    public bool IsNew(object entity) => _new.Contains(entity);

    /// <summary>New units with every new parent before its children, as the foreign key needs when rows go in one by one.</summary>
    public List<OrgUnit> UnitsParentsFirst()
    {
        var byId = Units.ToDictionary(u => u.Id);
        var done = new HashSet<Guid>();
        var ordered = new List<OrgUnit>(Units.Count);
        void Visit(OrgUnit unit)
        {
            // The validator has refused cycles, so this recursion ends; units nest only a few levels deep.
            if (!done.Add(unit.Id)) return;
            if (unit.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent)) Visit(parent);
            ordered.Add(unit);
        }
        foreach (var unit in Units) Visit(unit);
        return ordered;
    }
}
