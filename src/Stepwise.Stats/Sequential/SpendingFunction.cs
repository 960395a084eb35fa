using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Sequential;

/// <summary>
/// An alpha-spending function α(t): the type I error that may have been spent by information
/// fraction t ∈ [0, 1], with α(0) = 0 and α(1) = α (Lan and DeMets, Biometrika 1983).
/// </summary>
public abstract class SpendingFunction
{
    /// <summary>Lan–DeMets O'Brien–Fleming-type: α(t) = 2 − 2Φ(z_{1−α/2} / √t). Spends almost nothing early.</summary>
    public static SpendingFunction OBrienFleming { get; } = new OBrienFlemingSpending();

    /// <summary>Lan–DeMets Pocock-type: α(t) = α·ln(1 + (e − 1)t). Spends evenly, wider final boundary.</summary>
    public static SpendingFunction Pocock { get; } = new PocockSpending();

    /// <summary>Power family (Kim and DeMets 1987): α(t) = α·t^φ; φ = 3 resembles O'Brien–Fleming, φ = 1 Pocock.</summary>
    /// <param name="phi">The exponent φ &gt; 0.</param>
    /// <returns>The spending function.</returns>
    public static SpendingFunction Power(double phi) =>
        phi > 0 ? new PowerSpending(phi) : throw new ArgumentOutOfRangeException(nameof(phi), phi, "phi must be positive.");

    /// <summary>Cumulative error spent by information fraction <paramref name="fraction"/>.</summary>
    /// <param name="alpha">Total error to spend.</param>
    /// <param name="fraction">Information fraction; values above 1 are treated as 1.</param>
    /// <returns>α(t).</returns>
    public double Spent(double alpha, double fraction)
    {
        if (fraction <= 0) return 0;
        if (fraction >= 1) return alpha;
        return Math.Min(alpha, SpentCore(alpha, fraction));
    }

    /// <summary>α(t) for t in (0, 1).</summary>
    /// <param name="alpha">Total error to spend.</param>
    /// <param name="fraction">Information fraction in (0, 1).</param>
    /// <returns>α(t).</returns>
    protected abstract double SpentCore(double alpha, double fraction);

    private sealed class OBrienFlemingSpending : SpendingFunction
    {
        protected override double SpentCore(double alpha, double fraction) =>
            2 * Normal.Sf(Normal.UpperQuantile(alpha / 2) / Math.Sqrt(fraction));

        public override string ToString() => "Lan-DeMets O'Brien-Fleming";
    }

    private sealed class PocockSpending : SpendingFunction
    {
        protected override double SpentCore(double alpha, double fraction) =>
            alpha * Math.Log(1 + (Math.E - 1) * fraction);

        public override string ToString() => "Lan-DeMets Pocock";
    }

    private sealed class PowerSpending(double phi) : SpendingFunction
    {
        protected override double SpentCore(double alpha, double fraction) => alpha * Math.Pow(fraction, phi);

        public override string ToString() => $"power family, phi = {phi}";
    }
}
