using System.Text;
using System.Text.Json;
using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Careers.Framework;

/// <summary>
/// How a framework lives in governed editing: every piece of text is a section (a characteristic's summary, a
/// cell, a discipline's mastery definition) so suggestions, comments and diffs work per cell; names and order
/// are the structure, carried from version to version and replaced only by an import.
/// </summary>
public static class FrameworkSections
{
    public const string Kind = "career-framework";
    public const string ExamplesHeading = "Examples:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Structure(string Key, string Title, string? Description, List<FrameworkStep> Steps, List<CharacteristicShape> Characteristics);

    private sealed record CharacteristicShape(string Id, string Name, bool IsMastery, List<DisciplineShape> Disciplines);

    private sealed record DisciplineShape(string Discipline, string Name);

    public static DocumentContent ToContent(CareerFramework framework)
    {
        var sections = new List<DocumentSection>();
        foreach (var c in framework.Characteristics)
        {
            sections.Add(new(c.Id, c.Name, c.Summary.Trim()));
            foreach (var cell in c.Cells.OrderBy(x => x.Step))
            {
                var step = framework.Steps.First(s => s.Number == cell.Step);
                sections.Add(new(CareerFramework.CellId(c.Id, cell.Step), $"{c.Name} · Step {step.Number} ({step.Name})", CellText(cell)));
            }
            foreach (var d in c.Disciplines)
                sections.Add(new(CareerFramework.MasteryId(c.Id, d.Discipline), $"{c.Name} · {d.Name}", d.Definition.Trim()));
        }
        var structure = new Structure(framework.Key, framework.Title, framework.Description, [.. framework.Steps],
            [.. framework.Characteristics.Select(c => new CharacteristicShape(c.Id, c.Name, c.IsMastery, [.. c.Disciplines.Select(d => new DisciplineShape(d.Discipline, d.Name))]))]);
        return new DocumentContent(framework.Title, JsonSerializer.Serialize(structure, Json), sections);
    }

    public static CareerFramework FromVersion(string structureJson, IReadOnlyList<DocumentSection> sections)
    {
        var structure = JsonSerializer.Deserialize<Structure>(structureJson, Json) ?? throw new InvalidOperationException("A framework version has no structure.");
        var text = sections.ToDictionary(s => s.Id, s => s.Text);
        string Text(string id) => text.GetValueOrDefault(id, "");
        var characteristics = structure.Characteristics.Select(c => new Characteristic(c.Id, c.Name, Text(c.Id), c.IsMastery,
            [.. structure.Steps.Select(s => ParseCell(s.Number, Text(CareerFramework.CellId(c.Id, s.Number))))],
            [.. c.Disciplines.Select(d => new DisciplineMastery(d.Discipline, d.Name, Text(CareerFramework.MasteryId(c.Id, d.Discipline))))])).ToList();
        return new CareerFramework(structure.Key, structure.Title, structure.Description, structure.Steps, characteristics);
    }

    /// <summary>The expectation, then the examples as a bulleted list under a heading: readable in a diff and easy to edit.</summary>
    public static string CellText(FrameworkCell cell)
    {
        var text = new StringBuilder(cell.Expected.Trim());
        if (cell.Examples.Count > 0)
        {
            text.Append("\n\n").Append(ExamplesHeading);
            foreach (var example in cell.Examples) text.Append("\n- ").Append(example.Trim());
        }
        return text.ToString();
    }

    public static FrameworkCell ParseCell(int step, string text)
    {
        var lines = DraftEditing.Normalize(text).Split('\n');
        var heading = Array.FindIndex(lines, l => l.Trim() == ExamplesHeading);
        var expected = string.Join('\n', heading < 0 ? lines : lines[..heading]).Trim();
        var examples = new List<string>();
        if (heading >= 0)
        {
            foreach (var line in lines[(heading + 1)..])
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "-") examples.Add(trimmed.TrimStart('-').Trim());
                else if (trimmed.Length > 0 && examples.Count > 0) examples[^1] = $"{examples[^1]} {trimmed}";
                else if (trimmed.Length > 0) examples.Add(trimmed);
            }
        }
        return new FrameworkCell(step, expected, examples);
    }
}
