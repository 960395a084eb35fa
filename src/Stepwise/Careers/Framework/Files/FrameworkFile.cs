namespace Stepwise.Careers.Framework.Files;

/// <summary>The file shape of a framework (YAML or JSON), described by docs/schemas/career-framework.schema.json.</summary>
public sealed class FrameworkFile
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public List<StepFile> Steps { get; set; } = [];
    public List<CharacteristicFile> Characteristics { get; set; } = [];

    public static FrameworkFile From(CareerFramework f) => new()
    {
        Key = f.Key, Title = f.Title, Description = f.Description,
        Steps = [.. f.Steps.Select(s => new StepFile { Number = s.Number, Name = s.Name, Sphere = s.Sphere })],
        Characteristics = [.. f.Characteristics.Select(c => new CharacteristicFile
        {
            Id = c.Id, Name = c.Name, Summary = c.Summary, Mastery = c.IsMastery ? true : null,
            Cells = [.. c.Cells.Select(x => new CellFile { Step = x.Step, Expected = x.Expected, Examples = [.. x.Examples] })],
            Disciplines = c.Disciplines.Count == 0 ? null : [.. c.Disciplines.Select(d => new DisciplineFile { Discipline = d.Discipline, Name = d.Name, Definition = d.Definition })],
        })],
    };

    public CareerFramework ToFramework() => new(Key, Title.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        [.. Steps.OrderBy(s => s.Number).Select(s => new FrameworkStep(s.Number, s.Name.Trim(), s.Sphere.Trim()))],
        [.. Characteristics.Select(c => new Characteristic(c.Id, c.Name.Trim(), c.Summary.Trim(), c.Mastery == true,
            [.. c.Cells.OrderBy(x => x.Step).Select(x => new FrameworkCell(x.Step, x.Expected.Trim(), [.. (x.Examples ?? []).Select(e => e.Trim())]))],
            [.. (c.Disciplines ?? []).Select(d => new DisciplineMastery(d.Discipline, d.Name.Trim(), d.Definition.Trim()))]))]);
}

public sealed class StepFile
{
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public string Sphere { get; set; } = "";
}

public sealed class CharacteristicFile
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Summary { get; set; } = "";
    public bool? Mastery { get; set; }
    public List<CellFile> Cells { get; set; } = [];
    public List<DisciplineFile>? Disciplines { get; set; }
}

public sealed class CellFile
{
    public int Step { get; set; }
    public string Expected { get; set; } = "";
    public List<string>? Examples { get; set; }
}

public sealed class DisciplineFile
{
    public string Discipline { get; set; } = "";
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
}
