using System.Globalization;

namespace Stepwise.Cli.Analyze;

/// <summary>What a column of the input holds.</summary>
internal enum ColumnKind
{
    /// <summary>The unit identifier; checked for presence only.</summary>
    UnitId,

    /// <summary>The variant the unit was assigned to.</summary>
    Variant,

    /// <summary>A metric value.</summary>
    Metric,

    /// <summary>A metric's pre-period covariate (<c>&lt;metric&gt;_pre</c>), which turns on CUPED.</summary>
    Covariate,
}

/// <summary>A column's role; <see cref="Slot"/> is the metric's position for metrics and covariates.</summary>
internal readonly record struct ColumnRole(ColumnKind Kind, int Slot, string Name);

/// <summary>The meaning of each column, worked out from the header line.</summary>
internal sealed class CsvLayout
{
    public const string UnitIdColumn = "unit_id";
    public const string VariantColumn = "variant";
    public const string CovariateSuffix = "_pre";

    private CsvLayout(IReadOnlyList<string> header, ColumnRole[] columns, string[] metrics, bool[] hasCovariate, int variantColumn)
    {
        Header = header;
        Columns = columns;
        Metrics = metrics;
        HasCovariate = hasCovariate;
        VariantColumnNumber = variantColumn + 1;
    }

    /// <summary>The column names as written (trimmed).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>One role per column, in file order.</summary>
    public ColumnRole[] Columns { get; }

    /// <summary>Metric names in file order; a metric's slot indexes this.</summary>
    public string[] Metrics { get; }

    /// <summary>Per metric slot: true when a <c>_pre</c> column exists.</summary>
    public bool[] HasCovariate { get; }

    /// <summary>1-based number of the variant column, for messages about variants.</summary>
    public int VariantColumnNumber { get; }

    /// <summary>Interprets the header.</summary>
    /// <param name="names">The header fields.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="CsvInputException">A missing, unnamed, duplicate or orphaned column (line 1).</exception>
    public static CsvLayout Create(IReadOnlyList<string> names)
    {
        var trimmed = names.Select(n => n.Trim()).ToArray();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < trimmed.Length; c++)
        {
            if (trimmed[c].Length == 0)
            {
                throw new CsvInputException(1, c + 1, Invariant($"column {c + 1} of the header has no name"));
            }

            if (!firstSeen.TryAdd(trimmed[c], c))
            {
                throw new CsvInputException(1, c + 1, Invariant($"duplicate column '{trimmed[c]}' (also column {firstSeen[trimmed[c]] + 1}); every column needs its own name"));
            }
        }

        foreach (var required in new[] { UnitIdColumn, VariantColumn })
        {
            if (!firstSeen.ContainsKey(required))
            {
                throw new CsvInputException(1, 1, $"missing column '{required}'; the header is '{string.Join(',', trimmed)}' but needs {UnitIdColumn}, {VariantColumn} and one column per metric");
            }
        }

        var metrics = new List<string>();
        for (int c = 0; c < trimmed.Length; c++)
        {
            if (!IsReserved(trimmed[c]) && !IsCovariateName(trimmed[c])) metrics.Add(trimmed[c]);
        }

        if (metrics.Count == 0)
        {
            throw new CsvInputException(1, trimmed.Length + 1, $"no metric columns; after {UnitIdColumn} and {VariantColumn} add one numeric column per metric (for example revenue)");
        }

        var slots = metrics.Select((name, slot) => (name, slot)).ToDictionary(p => p.name, p => p.slot, StringComparer.Ordinal);
        var roles = new ColumnRole[trimmed.Length];
        var hasCovariate = new bool[metrics.Count];
        for (int c = 0; c < trimmed.Length; c++)
        {
            string name = trimmed[c];
            if (name == UnitIdColumn)
            {
                roles[c] = new ColumnRole(ColumnKind.UnitId, -1, name);
            }
            else if (name == VariantColumn)
            {
                roles[c] = new ColumnRole(ColumnKind.Variant, -1, name);
            }
            else if (slots.TryGetValue(name, out int slot))
            {
                roles[c] = new ColumnRole(ColumnKind.Metric, slot, name);
            }
            else
            {
                string metric = name[..^CovariateSuffix.Length];
                if (!slots.TryGetValue(metric, out int owner))
                {
                    throw new CsvInputException(1, c + 1, $"column '{name}' is named like the pre-period covariate of a metric '{metric}', but there is no metric column '{metric}'; rename it if it is a metric of its own");
                }

                roles[c] = new ColumnRole(ColumnKind.Covariate, owner, name);
                hasCovariate[owner] = true;
            }
        }

        return new CsvLayout(trimmed, roles, [.. metrics], hasCovariate, firstSeen[VariantColumn]);
    }

    private static bool IsReserved(string name) => name is UnitIdColumn or VariantColumn;

    // Every "x_pre" column is a covariate; Create rejects it when "x" is not a metric column.
    private static bool IsCovariateName(string name) =>
        name.EndsWith(CovariateSuffix, StringComparison.Ordinal) && name.Length > CovariateSuffix.Length;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
