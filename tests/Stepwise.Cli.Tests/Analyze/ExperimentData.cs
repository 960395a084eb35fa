using System.Globalization;
using System.Text;

namespace Stepwise.Cli.Tests.Analyze;

/// <summary>Writes seeded random experiment CSVs for the tests: A/B/n with a mean metric (CUPED), 0/1 metrics and counts.</summary>
internal static class ExperimentData
{
    /// <summary>
    /// Columns: unit_id, variant, revenue, revenue_pre (CUPED), converted (0/1), engaged and engaged_pre
    /// (0/1 with CUPED), sessions (counts). Treatments lift revenue and conversion a little. Numbers are
    /// written in several notations (plain, exponent, quoted) so the parser's slow paths run too.
    /// </summary>
    public static string Generate(int seed, int units, IReadOnlyList<(string Name, double Weight)> variants)
    {
        var random = new Random(seed);
        double totalWeight = variants.Sum(v => v.Weight);
        var text = new StringBuilder("unit_id,variant,revenue,revenue_pre,converted,engaged,engaged_pre,sessions\n");
        for (int i = 0; i < units; i++)
        {
            int v = Pick(random, variants, totalWeight);
            double lift = v == 0 ? 0 : 0.15 * v;
            double pre = Gamma2(random) * 5;
            double revenue = 0.6 * pre + Gamma2(random) * 2 + lift;
            int converted = random.NextDouble() < 0.1 + 0.01 * v ? 1 : 0;
            int engagedBefore = random.NextDouble() < 0.3 ? 1 : 0;
            int engaged = random.NextDouble() < (engagedBefore == 1 ? 0.6 : 0.2) + 0.01 * v ? 1 : 0;
            int sessions = Poisson(random, 3);
            string name = variants[v].Name;
            text.Append(CultureInfo.InvariantCulture, $"u{i},{(i % 7 == 0 ? $"\"{name}\"" : name)},{Number(revenue, i)},{Number(pre, i + 3)},{converted},{engaged},{engagedBefore},{sessions}\n");
        }

        return text.ToString();
    }

    private static string Number(double x, int i) => (i % 5) switch
    {
        0 => x.ToString("R", CultureInfo.InvariantCulture),
        1 => x.ToString("0.000e+0", CultureInfo.InvariantCulture),
        2 => $"\"{x.ToString("0.####", CultureInfo.InvariantCulture)}\"",
        _ => x.ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static int Pick(Random random, IReadOnlyList<(string Name, double Weight)> variants, double total)
    {
        double u = random.NextDouble() * total;
        for (int v = 0; v < variants.Count - 1; v++)
        {
            u -= variants[v].Weight;
            if (u < 0) return v;
        }

        return variants.Count - 1;
    }

    // Sum of two exponentials: a skewed, revenue-like Gamma(2, 1).
    private static double Gamma2(Random random) => -Math.Log(1 - random.NextDouble()) - Math.Log(1 - random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }
}
