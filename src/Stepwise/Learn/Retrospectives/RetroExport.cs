using System.Globalization;
using System.Net;
using System.Text;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Retrospectives;

/// <summary>A retrospective as a document: Markdown for wikis and repositories, and self-contained HTML with print styles (print to PDF from any browser).</summary>
public static class RetroExport
{
    public static string Markdown(RetrospectiveDetails r)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {Md(r.Title)}").AppendLine();
        foreach (var (label, value) in Facts(r)) md.AppendLine($"- **{label}:** {Md(value)}");
        md.AppendLine();
        if (r.Summary is { } summary) md.AppendLine(Md(summary)).AppendLine();
        if (r.Decisions.Count > 0)
        {
            md.AppendLine("## Timeline of critical decisions").AppendLine();
            md.AppendLine("| When | Decided | Informed by | Result |").AppendLine("| --- | --- | --- | --- |");
            foreach (var d in r.Decisions) md.AppendLine($"| {Date(d.On)} | {Cell(d.Decided)} | {Cell(d.InformedBy)} | {Cell(d.Result)} |");
            md.AppendLine();
        }
        foreach (var kind in Enum.GetValues<ContributionKind>())
        {
            var notes = r.Contributions.Where(c => c.Kind == kind).ToList();
            if (notes.Count == 0) continue;
            md.AppendLine($"## {LearnValidation.Text(kind)}").AppendLine();
            foreach (var n in notes) md.AppendLine($"- {Md(n.Text)}{(n.Group is { } g ? $" _({Md(g)})_" : "")}{(n.Votes > 0 ? $" — {n.Votes} vote{(n.Votes == 1 ? "" : "s")}" : "")}");
            md.AppendLine();
        }
        if (r.Lessons.Count > 0)
        {
            md.AppendLine("## Lessons").AppendLine();
            foreach (var l in r.Lessons) md.AppendLine($"- **{LearnValidation.Text(l.Source)}:** {Md(l.Text)}");
            md.AppendLine();
        }
        if (r.Actions.Count > 0)
        {
            md.AppendLine("## Action items").AppendLine();
            md.AppendLine("| Action | Owner | Due | Status |").AppendLine("| --- | --- | --- | --- |");
            foreach (var a in r.Actions) md.AppendLine($"| {Cell(a.Text)} | {Cell(a.Owner)} | {Date(a.DueOn)} | {Lower(a.Status)} |");
        }
        return md.ToString();
    }

    public static string Html(RetrospectiveDetails r)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(r.Title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#222;line-height:1.45}")
            .Append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}")
            .Append("dt{font-weight:600}dd{margin:0 0 .4rem}.source{font-weight:600}")
            .Append("@page{size:A4;margin:18mm}@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr,li{break-inside:avoid}a{color:inherit;text-decoration:none}}")
            .Append("</style></head><body>");
        h.Append("<h1>").Append(E(r.Title)).Append("</h1><dl>");
        foreach (var (label, value) in Facts(r)) h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        h.Append("</dl>");
        if (r.Summary is { } summary) h.Append("<p>").Append(E(summary)).Append("</p>");
        if (r.Decisions.Count > 0)
        {
            h.Append("<h2>Timeline of critical decisions</h2><table><thead><tr><th>When</th><th>Decided</th><th>Informed by</th><th>Result</th></tr></thead><tbody>");
            foreach (var d in r.Decisions)
                h.Append("<tr><td>").Append(Date(d.On)).Append("</td><td>").Append(E(d.Decided)).Append("</td><td>").Append(E(d.InformedBy ?? "")).Append("</td><td>").Append(E(d.Result ?? "")).Append("</td></tr>");
            h.Append("</tbody></table>");
        }
        foreach (var kind in Enum.GetValues<ContributionKind>())
        {
            var notes = r.Contributions.Where(c => c.Kind == kind).ToList();
            if (notes.Count == 0) continue;
            h.Append("<h2>").Append(E(LearnValidation.Text(kind))).Append("</h2><ul>");
            foreach (var n in notes)
                h.Append("<li>").Append(E(n.Text)).Append(n.Group is { } g ? $" <em>({E(g)})</em>" : "").Append(n.Votes > 0 ? $" — {n.Votes} vote{(n.Votes == 1 ? "" : "s")}" : "").Append("</li>");
            h.Append("</ul>");
        }
        if (r.Lessons.Count > 0)
        {
            h.Append("<h2>Lessons</h2><ul>");
            foreach (var l in r.Lessons) h.Append("<li><span class=\"source\">").Append(E(LearnValidation.Text(l.Source))).Append(":</span> ").Append(E(l.Text)).Append("</li>");
            h.Append("</ul>");
        }
        if (r.Actions.Count > 0)
        {
            h.Append("<h2>Action items</h2><table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>");
            foreach (var a in r.Actions)
                h.Append("<tr><td>").Append(E(a.Text)).Append("</td><td>").Append(E(a.Owner)).Append("</td><td>").Append(Date(a.DueOn)).Append("</td><td>").Append(Lower(a.Status)).Append("</td></tr>");
            h.Append("</tbody></table>");
        }
        return h.Append("</body></html>").ToString();
    }

    private static IEnumerable<(string, string)> Facts(RetrospectiveDetails r)
    {
        yield return ("Subject", $"{Lower(r.SubjectKind)}{(r.SubjectRef is { } s ? " " + s : "")}");
        yield return ("Owner", r.OwnerUnit);
        yield return ("Outcome", Lower(r.Outcome));
        yield return ("Held on", r.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        yield return ("Status", Lower(r.Status) + (r.IsPrivate ? " (private)" : ""));
        if (r.Tags.Count > 0) yield return ("Tags", string.Join(", ", r.Tags));
    }

    private static string Lower<T>(T value) where T : struct, Enum => LearnValidation.Camel(value.ToString());

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // Markdown: keep the text, but neutralise characters that would start HTML or break a table row.
    private static string Md(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    private static string Cell(string? text) => Md(text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
