namespace Stepwise.Careers.Framework;

/// <summary>
/// A career framework: characteristics × steps. Each cell describes what is expected at that step and gives
/// example behaviours (illustrations, never a checklist). The mastery characteristic also has a definition per
/// discipline. Ids are stable across versions: characteristic "impact", cell "impact.2", mastery "mastery.backend".
/// </summary>
public sealed record CareerFramework(string Key, string Title, string? Description, IReadOnlyList<FrameworkStep> Steps,
    IReadOnlyList<Characteristic> Characteristics)
{
    public const string DefaultKey = "default";

    public Characteristic? Characteristic(string id) => Characteristics.FirstOrDefault(c => c.Id == id);

    public static string CellId(string characteristicId, int step) => $"{characteristicId}.{step}";

    public static string MasteryId(string characteristicId, string discipline) => $"{characteristicId}.{discipline}";
}

/// <summary>A step, named by its sphere of influence (1 Individual … 4 Technology/Company).</summary>
public sealed record FrameworkStep(int Number, string Name, string Sphere);

public sealed record Characteristic(string Id, string Name, string Summary, bool IsMastery, IReadOnlyList<FrameworkCell> Cells,
    IReadOnlyList<DisciplineMastery> Disciplines)
{
    public FrameworkCell? Cell(int step) => Cells.FirstOrDefault(c => c.Step == step);
}

public sealed record FrameworkCell(int Step, string Expected, IReadOnlyList<string> Examples);

/// <summary>What mastery looks like in one discipline (a Person.Discipline value such as "backend").</summary>
public sealed record DisciplineMastery(string Discipline, string Name, string Definition);
