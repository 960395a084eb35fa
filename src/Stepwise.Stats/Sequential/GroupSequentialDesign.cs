using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Sequential;

/// <summary>
/// A group-sequential test with alpha spending for a set of planned looks (Lan and DeMets 1983).
/// The z-statistics at the looks behave like a Brownian motion observed at the information
/// fractions, so Corr(Z_j, Z_k) = √(t_j / t_k). Boundary c_k is chosen so the probability of first
/// crossing at look k under H0 equals α(t_k) − α(t_{k−1}); that probability is computed by
/// recursive numerical integration of the density of the continuing paths (Armitage, McPherson and
/// Rowe 1969; Jennison and Turnbull 2000, ch. 19) with Simpson's rule.
/// Two-sided symmetric designs spend α/2 on each side with the one-sided spending function (the
/// convention of gsDesign, ldbounds and rpact), so O'Brien–Fleming-type with five equally spaced looks
/// at α = 0.05 gives 4.877, 3.357, 2.680, 2.290, 2.031.
/// Boundaries of earlier looks never depend on later ones, so an unplanned look is handled by creating
/// the design again with the information fractions actually observed.
/// </summary>
public sealed class GroupSequentialDesign
{
    private const double TruncationSds = 8.5;
    private const int MinIntervals = 64;
    private const int MaxIntervals = 4000;
    private const double PointsPerSd = 16;

    private GroupSequentialDesign(double[] fractions, double[] boundaries, double[] spent, double alpha, bool twoSided, SpendingFunction spending)
    {
        InformationFractions = fractions;
        Boundaries = boundaries;
        CumulativeAlpha = spent;
        Alpha = alpha;
        TwoSided = twoSided;
        Spending = spending;
    }

    /// <summary>Information fraction at each look, increasing, in (0, 1].</summary>
    public IReadOnlyList<double> InformationFractions { get; }

    /// <summary>Critical |z| (two-sided) or z (one-sided, upper) at each look; +∞ when a look spends nothing.</summary>
    public IReadOnlyList<double> Boundaries { get; }

    /// <summary>Error spent up to and including each look: α(t_k), or 2·α_{α/2}(t_k) for two-sided designs.</summary>
    public IReadOnlyList<double> CumulativeAlpha { get; }

    /// <summary>Total significance level.</summary>
    public double Alpha { get; }

    /// <summary>Whether the boundaries are symmetric two-sided (reject for large |z|) or one-sided (large z).</summary>
    public bool TwoSided { get; }

    /// <summary>The spending function used.</summary>
    public SpendingFunction Spending { get; }

    /// <summary>Nominal p-value threshold at look k: the fixed-sample p-value that corresponds to the boundary.</summary>
    /// <param name="look">Zero-based look index.</param>
    /// <returns>(Two-sided or one-sided) nominal significance level.</returns>
    public double NominalAlpha(int look) => (TwoSided ? 2 : 1) * Normal.Sf(Boundaries[look]);

    /// <summary>True when the statistic at a look crosses the efficacy boundary (stop and reject H0).</summary>
    /// <param name="look">Zero-based look index.</param>
    /// <param name="z">The look's z-statistic (effect / standard error).</param>
    /// <returns>Whether H0 is rejected at this look.</returns>
    public bool CrossesBoundary(int look, double z) => (TwoSided ? Math.Abs(z) : z) >= Boundaries[look];

    /// <summary>A design with <paramref name="looks"/> equally spaced looks (t = 1/K, 2/K, …, 1).</summary>
    /// <param name="looks">Number of looks, ≥ 1.</param>
    /// <param name="spending">The spending function.</param>
    /// <param name="alpha">Total significance level.</param>
    /// <param name="twoSided">Two-sided symmetric (default) or one-sided upper boundaries.</param>
    /// <returns>The design.</returns>
    public static GroupSequentialDesign EquallySpaced(int looks, SpendingFunction spending, double alpha = 0.05, bool twoSided = true)
    {
        if (looks < 1) throw new ArgumentOutOfRangeException(nameof(looks), looks, "At least one look is needed.");
        var fractions = new double[looks];
        for (int k = 0; k < looks; k++) fractions[k] = (k + 1.0) / looks;
        return Create(fractions, spending, alpha, twoSided);
    }

    /// <summary>Computes the boundaries for looks at the given information fractions.</summary>
    /// <param name="informationFractions">Strictly increasing fractions in (0, 1] (for example n_k / n_planned).</param>
    /// <param name="spending">The spending function.</param>
    /// <param name="alpha">Total significance level.</param>
    /// <param name="twoSided">Two-sided symmetric (default) or one-sided upper boundaries.</param>
    /// <returns>The design.</returns>
    public static GroupSequentialDesign Create(IReadOnlyList<double> informationFractions, SpendingFunction spending, double alpha = 0.05, bool twoSided = true)
    {
        ArgumentNullException.ThrowIfNull(informationFractions);
        ArgumentNullException.ThrowIfNull(spending);
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        int looks = informationFractions.Count;
        if (looks == 0) throw new ArgumentException("At least one look is needed.", nameof(informationFractions));
        var fractions = new double[looks];
        for (int k = 0; k < looks; k++)
        {
            fractions[k] = informationFractions[k];
            if (!(fractions[k] > 0 && fractions[k] <= 1) || (k > 0 && fractions[k] <= fractions[k - 1]))
                throw new ArgumentException("Information fractions must be strictly increasing in (0, 1].", nameof(informationFractions));
        }

        var boundaries = new double[looks];
        var spent = new double[looks];
        var integrator = new ContinuationDensity(twoSided);
        double previousSpent = 0;
        for (int k = 0; k < looks; k++)
        {
            // Two-sided designs spend α/2 on each side, as gsDesign, ldbounds and rpact do.
            spent[k] = twoSided ? 2 * spending.Spent(alpha / 2, fractions[k]) : spending.Spent(alpha, fractions[k]);
            double increment = spent[k] - previousSpent;
            boundaries[k] = k == 0
                ? FirstBoundary(increment, twoSided)
                : integrator.SolveBoundary(fractions[k], increment);
            integrator.Advance(fractions[k], boundaries[k]);
            previousSpent = spent[k];
        }
        return new GroupSequentialDesign(fractions, boundaries, spent, alpha, twoSided, spending);
    }

    private static double FirstBoundary(double increment, bool twoSided) =>
        increment <= 0 ? double.PositiveInfinity : Normal.UpperQuantile(twoSided ? increment / 2 : increment);

    /// <summary>
    /// The sub-density of W(t) = Z·√t over paths that have not crossed any boundary yet, held on a
    /// Simpson grid. Under H0, W has independent N(0, Δt) increments.
    /// </summary>
    private sealed class ContinuationDensity(bool twoSided)
    {
        private double[] _points = [];
        private double[] _weightedDensity = [];
        private double _fraction;

        public double SolveBoundary(double fraction, double increment)
        {
            if (increment <= 0) return double.PositiveInfinity;
            double sd = Math.Sqrt(fraction - _fraction), root = Math.Sqrt(fraction);
            double low = 0, high = 40;
            if (ExitProbability(high, root, sd) > increment) return high;
            for (int i = 0; i < 200 && high - low > 1e-12; i++)
            {
                double mid = 0.5 * (low + high);
                if (ExitProbability(mid, root, sd) > increment) low = mid; else high = mid;
            }
            return 0.5 * (low + high);
        }

        private double ExitProbability(double z, double root, double sd)
        {
            double b = z * root, total = 0;
            for (int j = 0; j < _points.Length; j++)
            {
                double w = _points[j];
                double exit = Normal.Sf((b - w) / sd);
                if (twoSided) exit += Normal.Cdf((-b - w) / sd);
                total += _weightedDensity[j] * exit;
            }
            return total;
        }

        public void Advance(double fraction, double boundary)
        {
            double root = Math.Sqrt(fraction);
            double high = Math.Min(boundary * root, TruncationSds * root);
            double low = twoSided ? -high : -TruncationSds * root;
            double stepSd = _points.Length == 0 ? root : Math.Sqrt(fraction - _fraction);
            int intervals = (int)Math.Ceiling((high - low) / stepSd * PointsPerSd);
            intervals = Math.Clamp(intervals + (intervals & 1), MinIntervals, MaxIntervals);
            double h = (high - low) / intervals;
            var points = new double[intervals + 1];
            var density = new double[intervals + 1];
            for (int i = 0; i <= intervals; i++)
            {
                double w = low + i * h;
                points[i] = w;
                density[i] = _points.Length == 0 ? Normal.Pdf(w / root) / root : Convolve(w, stepSd);
            }
            // Fold Simpson weights (h/3 · 1,4,2,…,4,1) into the stored density.
            for (int i = 0; i <= intervals; i++)
                density[i] *= h / 3 * (i == 0 || i == intervals ? 1 : (i & 1) == 1 ? 4 : 2);
            _points = points;
            _weightedDensity = density;
            _fraction = fraction;
        }

        private double Convolve(double w, double sd)
        {
            double total = 0;
            for (int j = 0; j < _points.Length; j++)
                total += _weightedDensity[j] * Normal.Pdf((w - _points[j]) / sd);
            return total / sd;
        }
    }
}
