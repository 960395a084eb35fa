using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Stepwise.Organization;
using Stepwise.Server.Components.Shared;

namespace Stepwise.Server.Components.Organization;

/// <summary>
/// The org browser's tree as HTML, written directly rather than as components or render fragments: an organization has
/// thousands of units, and building and diffing a render tree for each of them cost more than the page's queries.
/// The markup is that of <see cref="UnitLink"/> and <see cref="UnitBadge"/>; every value is HTML-encoded.
/// </summary>
internal static class OrgTreeMarkup
{
    // Handed to the renderer in pieces of about this many characters: one string for the whole tree would be a
    // megabyte on the large-object heap per request.
    private const int ChunkChars = 8 * 1024;

    public static RenderFragment Items(OrgTree tree) => builder =>
    {
        var html = new StringBuilder(ChunkChars * 2);
        var date = tree.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var root in tree.Roots) Node(builder, html, root, open: true, date);
        builder.AddMarkupContent(0, html.ToString());
    };

    private static void Node(RenderTreeBuilder builder, StringBuilder html, OrgTreeNode node, bool open, string date)
    {
        if (html.Length >= ChunkChars)
        {
            builder.AddMarkupContent(0, html.ToString());
            html.Clear();
        }
        html.Append("<li>");
        if (node.Children.Count > 0)
        {
            html.Append(open ? "<details open><summary>" : "<details><summary>");
            Link(html, node.Unit, date);
            html.Append("</summary><ul>");
            foreach (var child in node.Children) Node(builder, html, child, open: child.Unit.Kind is UnitKind.Company, date);
            html.Append("</ul></details>");
        }
        else
        {
            Link(html, node.Unit, date);
        }
        html.Append("</li>\n");
    }

    private static void Link(StringBuilder html, UnitSummary unit, string date)
    {
        var encoder = HtmlEncoder.Default;
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"badge unit-{unit.Kind.ToString().ToLowerInvariant()}\">")
            .Append(encoder.Encode(UnitBadge.Label(unit.Kind)))
            .Append(CultureInfo.InvariantCulture, $"</span> <a href=\"/org/units/{unit.Id}?asOf={date}\">")
            .Append(encoder.Encode(unit.Name))
            .Append(CultureInfo.InvariantCulture, $"</a>\n<span class=\"text-body-secondary small\">{unit.MemberCount} {(unit.MemberCount == 1 ? "person" : "people")}</span>");
    }
}
