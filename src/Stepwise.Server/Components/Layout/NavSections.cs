namespace Stepwise.Server.Components.Layout;

/// <summary>One page in a section's sub-navigation. <see cref="Roles"/> (comma-separated) limits who sees it.</summary>
public sealed record NavEntry(string Label, string Href, string? Roles = null, bool Exact = false);

/// <summary>A pillar of the product in the top navigation; its pages appear in the row below while you are inside it.</summary>
public sealed record NavSection(string Label, string Href, IReadOnlyList<string> Prefixes, IReadOnlyList<NavEntry> Entries, string? Roles = null)
{
    public bool Contains(string path) => Prefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The navigation grouped by pillar (Grow, Ship, Learn) so the header stays one line however many pages modules add.
/// Each module adds its pages to its section here. "{me}" in an href stands for the signed-in person's id.
/// </summary>
public static class NavSections
{
    private const string HrOrAdmin = $"{Identity.Roles.Admin},{Identity.Roles.HR}";

    public static readonly IReadOnlyList<NavSection> All =
    [
        new("Organization", "/org", ["/org"],
        [
            new("Organization", "/org", Exact: true),
            new("People", "/org/people"),
            new("Import", "/org/import", HrOrAdmin),
        ]),
        new("Grow", "/careers/framework", ["/careers"],
        [
            new("Career framework", "/careers/framework", Exact: true),
            new("My steps", "/careers/steps/people/{me}"),
            new("Assessment cycles", "/careers/cycles"),
            new("Step reports", "/careers/reports"),
            new("Simulations", "/careers/simulations"),
            new("Step data quality", "/careers/steps/data-quality", HrOrAdmin),
            new("Compensation", "/careers/compensation"),
            new("Surveys", "/careers/surveys"),
            new("Framework files", "/careers/framework/import", HrOrAdmin),
        ]),
        new("Ship", "/features", ["/features", "/delivery", "/metrics"],
        [
            new("Features", "/features"),
            new("Delivery", "/delivery"),
            new("Metrics", "/metrics"),
        ]),
        new("Learn", "/learn", ["/learn"], []),
        new("Align", "/align", ["/align"],
        [
            new("Priorities", "/align", Exact: true),
            new("Work by priority", "/align/work"),
            new("Goals", "/align/goals"),
            new("DUHBs", "/align/duhbs"),
            new("RFCs", "/align/rfcs"),
        ]),
        new("Admin", "/admin/users", ["/admin"],
        [
            new("Users", "/admin/users"),
            new("Audit log", "/admin/audit"),
        ], Identity.Roles.Admin),
    ];

    public static NavSection? Current(string path) => All.FirstOrDefault(s => s.Contains(path));
}
