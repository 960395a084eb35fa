namespace Stepwise.Stats.Distributions;

internal static class Log1p
{
    /// <summary>ln(1 + x) without the cancellation of Math.Log(1 + x) for small x (Goldberg's trick).</summary>
    public static double Of(double x)
    {
        double u = 1 + x;
        if (u == 1) return x;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1);
    }
}
