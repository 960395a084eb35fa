namespace Stepwise.Careers.Framework.Files;

/// <summary>Rules a JSON Schema cannot express. Paths use Newtonsoft's token form ("characteristics[0].cells").</summary>
internal static class FrameworkRules
{
    public static IEnumerable<(string Path, string Message)> Check(FrameworkFile file)
    {
        for (var i = 0; i < file.Steps.Count; i++)
            if (file.Steps[i].Number != i + 1) yield return ($"steps[{i}].number", $"Steps are numbered 1, 2, 3… in order; this one should be {i + 1}.");
        var steps = file.Steps.Select(s => s.Number).ToHashSet();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var masteries = 0;
        for (var i = 0; i < file.Characteristics.Count; i++)
        {
            var c = file.Characteristics[i];
            var at = $"characteristics[{i}]";
            if (!ids.Add(c.Id)) yield return ($"{at}.id", $"Another characteristic already has the id '{c.Id}'.");
            var seen = new HashSet<int>();
            for (var j = 0; j < c.Cells.Count; j++)
            {
                var step = c.Cells[j].Step;
                if (!steps.Contains(step)) yield return ($"{at}.cells[{j}].step", $"There is no step {step}.");
                else if (!seen.Add(step)) yield return ($"{at}.cells[{j}].step", $"Step {step} has two cells in '{c.Id}'.");
            }
            foreach (var missing in steps.Where(s => !seen.Contains(s)).Order())
                yield return ($"{at}.cells", $"'{c.Id}' has no cell for step {missing}.");
            if (c.Mastery == true) masteries++;
            if (c.Mastery == true && masteries > 1) yield return ($"{at}.mastery", "Only one characteristic is the mastery characteristic.");
            if (c.Mastery != true && c.Disciplines is { Count: > 0 })
                yield return ($"{at}.disciplines", "Only the mastery characteristic has definitions per discipline.");
            var disciplines = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < (c.Disciplines?.Count ?? 0); j++)
                if (!disciplines.Add(c.Disciplines![j].Discipline))
                    yield return ($"{at}.disciplines[{j}].discipline", $"'{c.Disciplines[j].Discipline}' is defined twice.");
        }
    }
}
