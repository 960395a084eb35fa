using System.Globalization;

namespace Stepwise.Cli.Analyze;

/// <summary>Formats numbers for people: about four significant digits, signs on effects, n/a for undefined values.</summary>
internal static class DisplayNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A value with about <paramref name="significant"/> significant digits (never more than 6 decimals).</summary>
    public static string Value(double x, int significant = 4)
    {
        if (!double.IsFinite(x)) return "n/a";
        if (x == 0) return "0";
        double magnitude = Math.Abs(x);
        if (magnitude >= 1e9 || magnitude < 1e-4) return x.ToString("0.###e+0", Invariant);
        int decimals = Math.Clamp(significant - 1 - (int)Math.Floor(Math.Log10(magnitude)), 0, 6);
        return x.ToString("N" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>A value with an explicit sign, for effects.</summary>
    public static string Signed(double x, int significant = 4) => double.IsFinite(x) && x > 0 ? "+" + Value(x, significant) : Value(x, significant);

    /// <summary>A fraction as a percentage with three significant digits (0.1234 → 12.3%).</summary>
    public static string Percent(double fraction) => double.IsFinite(fraction) ? Value(fraction * 100, 3) + "%" : "n/a";

    /// <summary>A fraction as a signed percentage (0.0297 → +2.97%).</summary>
    public static string SignedPercent(double fraction) => double.IsFinite(fraction) ? Signed(fraction * 100, 3) + "%" : "n/a";

    /// <summary>A p-value: three decimals, or scientific notation when tiny.</summary>
    public static string PValue(double p)
    {
        if (!double.IsFinite(p)) return "n/a";
        if (p == 0) return "< 1e-300";
        return p >= 0.001 ? p.ToString("0.000", Invariant) : p.ToString("0.0e+0", Invariant);
    }

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long n) => n.ToString("N0", Invariant);

    /// <summary>The confidence level of a two-sided interval at α, as a percentage (0.05 → 95%).</summary>
    public static string Confidence(double alpha) => ((1 - alpha) * 100).ToString("0.##", Invariant) + "%";
}
