using System.Text;
using System.Text.RegularExpressions;
using Stepwise.Governance.Model;

namespace Stepwise.Align.Rfcs;

/// <summary>
/// Splits an RFC's Markdown into governed sections at its second-level headings ("## Motivation"), so comments and
/// suggestions attach to a part of the proposal; text before the first heading is the summary.
/// </summary>
public static partial class RfcMarkdown
{
    public const string SummaryId = "summary";

    public static IReadOnlyList<DocumentSection> Sections(string markdown)
    {
        var sections = new List<DocumentSection>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string id = SummaryId, title = "Summary";
        var text = new StringBuilder();
        void Flush()
        {
            var body = text.ToString().Trim();
            if (body.Length > 0 || id != SummaryId) sections.Add(new DocumentSection(id, title, body));
            text.Clear();
        }
        foreach (var line in Normalize(markdown).Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                text.Append(line).Append('\n');
                continue;
            }
            Flush();
            title = heading.Groups[1].Value.Trim();
            var slug = Slug(title);
            id = slug;
            for (var n = 2; !ids.Add(id); n++) id = $"{slug}-{n}";
        }
        Flush();
        return sections;
    }

    public static string Join(IEnumerable<DocumentSection> sections)
    {
        var text = new StringBuilder();
        foreach (var section in sections)
        {
            if (section.Id != SummaryId) text.Append("## ").Append(section.Title).Append("\n\n");
            if (section.Text.Length > 0) text.Append(section.Text).Append("\n\n");
        }
        return text.ToString().TrimEnd() + "\n";
    }

    public static string Normalize(string markdown) => markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Slug(string title)
    {
        var slug = NotWord().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "section" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    [GeneratedRegex(@"^##\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotWord();
}
