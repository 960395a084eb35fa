namespace Stepwise.Stats.Distributions;

/// <summary>
/// Log-gamma, log-beta, regularized incomplete gamma and beta functions: the building blocks of the
/// normal, Student t and chi-square distributions. Implemented from Stirling's series and the
/// continued fractions of Numerical Recipes (Press et al., 3rd ed., §6.1–6.4).
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double TinyValue = 1e-300;
    private const int MaxIterations = 100_000;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Natural logarithm of the gamma function for <paramref name="x"/> &gt; 0.</summary>
    /// <param name="x">A positive argument.</param>
    /// <returns>ln Γ(x), or NaN when x is not positive.</returns>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) return double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        // Shift to x >= 10 where the Stirling series is accurate to ~1e-16, keeping the product in range.
        double shift = 0;
        double product = 1;
        while (x < 10)
        {
            product *= x;
            x += 1;
            if (product > 1e280) { shift += Math.Log(product); product = 1; }
        }
        shift += Math.Log(product);
        return StirlingLogGamma(x) - shift;
    }

    private static double StirlingLogGamma(double x) =>
        (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + StirlingCorrection(x);

    /// <summary>ln Γ(x) − Stirling's leading terms, accurate for x ≥ 10.</summary>
    private static double StirlingCorrection(double x)
    {
        double r = 1 / x;
        double r2 = r * r;
        return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
            + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
    }

    /// <summary>Natural logarithm of the beta function B(a, b), stable when a or b is huge.</summary>
    /// <param name="a">First positive shape.</param>
    /// <param name="b">Second positive shape.</param>
    /// <returns>ln B(a, b).</returns>
    public static double LogBeta(double a, double b)
    {
        if (!(a > 0 && b > 0)) return double.NaN;
        if (a < b) (a, b) = (b, a);
        if (a < 10) return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        double sum = a + b;
        // Avoid the cancellation of ln Γ(a) − ln Γ(a + b) for large a (Welch df can reach millions).
        double correction = StirlingCorrection(a) - StirlingCorrection(sum);
        if (b < 10)
            return LogGamma(b) - (a - 0.5) * Log1p.Of(b / a) - b * Math.Log(sum) + b + correction;
        return HalfLogTwoPi + (a - 0.5) * Math.Log(a / sum) + (b - 0.5) * Math.Log(b / sum)
            - 0.5 * Math.Log(sum) + StirlingCorrection(b) + correction;
    }

    /// <summary>Regularized lower incomplete beta function I_x(a, b).</summary>
    /// <param name="a">First positive shape.</param>
    /// <param name="b">Second positive shape.</param>
    /// <param name="x">Point in [0, 1].</param>
    /// <returns>I_x(a, b) in [0, 1].</returns>
    public static double RegularizedBeta(double a, double b, double x) =>
        RegularizedBeta(a, b, x, 1 - x);

    /// <summary>
    /// I_x(a, b) given both x and its complement y = 1 − x, so callers that know y exactly
    /// (for example t²/(ν + t²)) keep full precision near x = 1.
    /// </summary>
    /// <param name="a">First positive shape.</param>
    /// <param name="b">Second positive shape.</param>
    /// <param name="x">Point in [0, 1].</param>
    /// <param name="y">1 − x, computed by the caller without cancellation.</param>
    /// <returns>I_x(a, b) in [0, 1].</returns>
    public static double RegularizedBeta(double a, double b, double x, double y)
    {
        if (double.IsNaN(x) || !(a > 0 && b > 0)) return double.NaN;
        if (x <= 0) return 0;
        if (y <= 0) return 1;
        if (x < (a + 1) / (a + b + 2)) return BetaContinuedFractionTerm(a, b, x, y);
        return 1 - BetaContinuedFractionTerm(b, a, y, x);
    }

    private static double BetaContinuedFractionTerm(double a, double b, double x, double y)
    {
        // ln x and ln y through log1p of the smaller complement: a can be in the millions.
        double logX = y < 0.5 ? Log1p.Of(-y) : Math.Log(x);
        double logY = x < 0.5 ? Log1p.Of(-x) : Math.Log(y);
        double logFront = a * logX + b * logY - LogBeta(a, b);
        return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
    }

    // Modified Lentz evaluation of the continued fraction for I_x(a, b) (Numerical Recipes betacf).
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = NonZero(1 - qab * x / qap);
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MaxIterations; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / NonZero(1 + aa * d);
            c = NonZero(1 + aa / c);
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / NonZero(1 + aa * d);
            c = NonZero(1 + aa / c);
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }

    /// <summary>Regularized lower incomplete gamma function P(a, x).</summary>
    /// <param name="a">Positive shape.</param>
    /// <param name="x">Non-negative point.</param>
    /// <returns>P(a, x) in [0, 1].</returns>
    public static double RegularizedGammaP(double a, double x)
    {
        if (double.IsNaN(x) || !(a > 0)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>Regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far tail.</summary>
    /// <param name="a">Positive shape.</param>
    /// <param name="x">Non-negative point.</param>
    /// <returns>Q(a, x) in [0, 1].</returns>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (double.IsNaN(x) || !(a > 0)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    private static double GammaSeries(double a, double x)
    {
        double ap = a, sum = 1 / a, del = sum;
        for (int n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.Abs(del) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    private static double GammaContinuedFraction(double a, double x)
    {
        double b = x + 1 - a, c = 1 / TinyValue, d = 1 / b, h = d;
        for (int i = 1; i < MaxIterations; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = 1 / NonZero(an * d + b);
            c = NonZero(b + an / c);
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }

    private static double NonZero(double value) => Math.Abs(value) < TinyValue ? TinyValue : value;
}
