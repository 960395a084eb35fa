using System.Text.RegularExpressions;
using Stepwise.Api;
using Stepwise.Learn.Model;

namespace Stepwise.Learn;

/// <summary>Limits and parsing shared by the API and the pages, so both refuse the same input with the same words.</summary>
public static partial class LearnValidation
{
    public const int TitleMax = 200, SummaryMax = 8000, NoteMax = 1000, LessonMax = 2000, GroupMax = 100, OwnerMax = 200;
    public const int TagMax = 40, TagsMax = 20, DecisionsMax = 50, DecisionTextMax = 2000, SubjectRefMax = 100;

    /// <summary>Parses an enumeration value by name (any case, hyphens ignored); adds a field error listing the allowed values otherwise.</summary>
    public static T? Parse<T>(this FieldErrors errors, string field, string? value, bool required = true) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"'{field}' is required; one of: {Names<T>()}.");
            return null;
        }
        var plain = value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        if (!int.TryParse(plain, out _) && Enum.TryParse<T>(plain, ignoreCase: true, out var parsed)) return parsed;
        errors.Add(field, $"'{value}' is not a known {field}; use one of: {Names<T>()}.");
        return null;
    }

    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(Camel));

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static List<string> Tags(this FieldErrors errors, IReadOnlyList<string>? tags)
    {
        var result = new List<string>();
        if (tags is null) return result;
        if (tags.Count > TagsMax) errors.Add("tags", $"At most {TagsMax} tags; got {tags.Count}.");
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = (tags[i] ?? "").Trim().ToLowerInvariant();
            if (!TagPattern().IsMatch(tag)) errors.Add($"tags[{i}]", $"Tag '{tags[i]}' must be 1–{TagMax} lowercase letters, digits or hyphens.");
            else if (!result.Contains(tag)) result.Add(tag);
        }
        return result;
    }

    public static List<CriticalDecision> Decisions(this FieldErrors errors, IReadOnlyList<DecisionRequest>? decisions)
    {
        var result = new List<CriticalDecision>();
        if (decisions is null) return result;
        if (decisions.Count > DecisionsMax) errors.Add("decisions", $"At most {DecisionsMax} decisions; got {decisions.Count}.");
        for (var i = 0; i < decisions.Count; i++)
        {
            var d = decisions[i];
            errors.Require($"decisions[{i}].decided", d.Decided, DecisionTextMax)
                .Limit($"decisions[{i}].informedBy", d.InformedBy, DecisionTextMax).Limit($"decisions[{i}].result", d.Result, DecisionTextMax);
            if (!string.IsNullOrWhiteSpace(d.Decided))
                result.Add(new CriticalDecision(d.On, d.Decided.Trim(), Blank(d.InformedBy), Blank(d.Result)));
        }
        return result;
    }

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Text(LessonSource source) => source switch
    {
        LessonSource.Process => "Process",
        LessonSource.Team => "Team",
        LessonSource.CustomerPerception => "Perception of customers",
        LessonSource.ProductUnderstanding => "Understanding of the product",
        _ => "Yourself",
    };

    public static string Text(ContributionKind kind) => kind switch
    {
        ContributionKind.WentWell => "Went well",
        ContributionKind.WentWrong => "Went wrong",
        _ => "Went well, could be better",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TagPattern();
}
