namespace Stepwise.Organization;

/// <summary>A company, tribe, squad, chapter, guild or journey team. <see cref="Key"/> is the stable handle used by CSV files and URLs.</summary>
public sealed class OrgUnit
{
    public Guid Id { get; init; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public Guid? ParentId { get; set; }
    /// <summary>For chapters: the discipline they gather.</summary>
    public string? Discipline { get; set; }

    /// <summary>Which kinds of unit may contain a unit of <paramref name="kind"/>; null means it is a root.</summary>
    public static IReadOnlyList<UnitKind>? AllowedParents(UnitKind kind) => kind switch
    {
        UnitKind.Company => null,
        UnitKind.Tribe => [UnitKind.Company],
        UnitKind.Squad or UnitKind.Chapter => [UnitKind.Tribe],
        UnitKind.Guild => [UnitKind.Company],
        UnitKind.JourneyTeam => [UnitKind.Company, UnitKind.Tribe],
        _ => null,
    };

    /// <summary>Returns an error message when <paramref name="parentKind"/> cannot hold a unit of this kind, else null.</summary>
    public static string? CheckParent(UnitKind kind, UnitKind? parentKind)
    {
        var allowed = AllowedParents(kind);
        if (allowed is null)
            return parentKind is null ? null : $"A {kind} cannot have a parent unit.";
        if (parentKind is null)
            return $"A {kind} needs a parent unit ({string.Join(" or ", allowed)}).";
        return allowed.Contains(parentKind.Value) ? null : $"A {kind} cannot sit in a {parentKind}; allowed: {string.Join(", ", allowed)}.";
    }
}

public enum UnitKind
{
    Company,
    Tribe,
    Squad,
    Chapter,
    Guild,
    JourneyTeam,
}
