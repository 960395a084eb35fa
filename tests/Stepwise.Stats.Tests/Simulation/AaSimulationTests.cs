using Stepwise.Stats.Sequential;

namespace Stepwise.Stats.Tests.Simulation;

/// <summary>
/// A/A simulations at α = 0.05 with fixed seeds: with no true effect, the false-positive rate of a
/// correct method lies in [4%, 6%] (a one-look test, or the group-sequential tests with 10 looks),
/// the always-valid method stays below 6%, and naive repeated testing at 10 looks is shown to exceed it.
/// </summary>
public class AaSimulationTests(ITestOutputHelper output)
{
    private const double Alpha = 0.05;
    private const int Simulations = 4000;
    private const int Looks = 10;
    private const int UnitsPerLookPerArm = 100;

    [Fact]
    public void Welch_FixedHorizonAaTests_FalsePositiveRateWithinFourToSixPercent()
    {
        var normal = new SeededNormal(11);
        int positives = 0;
        for (int s = 0; s < Simulations; s++)
        {
            // Skewed metric (exp of a normal), as revenue-like metrics are.
            Moments control = Draw(normal, 200, x => Math.Exp(x)), treatment = Draw(normal, 200, x => Math.Exp(x));
            if (TwoSampleTests.Welch(control, treatment, Alpha).IsSignificant) positives++;
        }
        AssertRateWithinBand(positives, "Welch t-test, one look");
    }

    [Fact]
    public void Proportions_FixedHorizonAaTests_FalsePositiveRateWithinFourToSixPercent()
    {
        var random = new SeededNormal(12);
        int positives = 0;
        for (int s = 0; s < Simulations; s++)
        {
            long xc = 0, xt = 0;
            for (int i = 0; i < 1000; i++)
            {
                if (random.Bernoulli(0.1)) xc++;
                if (random.Bernoulli(0.1)) xt++;
            }
            if (TwoSampleTests.Proportions(1000, xc, 1000, xt, Alpha).IsSignificant) positives++;
        }
        AssertRateWithinBand(positives, "two-proportion z-test, one look");
    }

    [Fact]
    public void Cuped_FixedHorizonAaTests_FalsePositiveRateWithinFourToSixPercent()
    {
        var normal = new SeededNormal(13);
        int positives = 0;
        for (int s = 0; s < Simulations; s++)
        {
            CoMoments control = default, treatment = default;
            for (int i = 0; i < 200; i++)
            {
                double pre = normal.Next(), preT = normal.Next();
                control = control.Add(0.8 * pre + 0.6 * normal.Next(), pre);
                treatment = treatment.Add(0.8 * preT + 0.6 * normal.Next(), preT);
            }
            if (Cuped.Compare(control, treatment, Alpha).Adjusted.IsSignificant) positives++;
        }
        AssertRateWithinBand(positives, "CUPED + Welch, one look");
    }

    [Fact]
    public void SequentialMethods_TenInterimLooks_StayWithinBandWhileNaivePeekingExceedsIt()
    {
        GroupSequentialDesign obrienFleming = GroupSequentialDesign.EquallySpaced(Looks, SpendingFunction.OBrienFleming, Alpha);
        GroupSequentialDesign pocock = GroupSequentialDesign.EquallySpaced(Looks, SpendingFunction.Pocock, Alpha);
        long plannedUnits = 2L * Looks * UnitsPerLookPerArm;
        var normal = new SeededNormal(14);
        int naive = 0, ofPositives = 0, pocockPositives = 0, alwaysValid = 0;
        for (int s = 0; s < Simulations; s++)
        {
            Moments control = default, treatment = default;
            bool naiveHit = false, ofHit = false, pocockHit = false, avHit = false;
            for (int look = 0; look < Looks; look++)
            {
                control = Moments.Combine(control, Draw(normal, UnitsPerLookPerArm, x => x));
                treatment = Moments.Combine(treatment, Draw(normal, UnitsPerLookPerArm, x => x));
                EffectEstimate e = TwoSampleTests.Welch(control, treatment, Alpha);
                naiveHit |= e.IsSignificant;
                ofHit |= obrienFleming.CrossesBoundary(look, e.Statistic);
                pocockHit |= pocock.CrossesBoundary(look, e.Statistic);
                avHit |= AlwaysValidInference.Evaluate(e, control.Count + treatment.Count, plannedUnits, Alpha).PValue < Alpha;
            }
            naive += naiveHit ? 1 : 0;
            ofPositives += ofHit ? 1 : 0;
            pocockPositives += pocockHit ? 1 : 0;
            alwaysValid += avHit ? 1 : 0;
        }

        AssertRateWithinBand(ofPositives, "O'Brien-Fleming alpha spending, 10 looks");
        AssertRateWithinBand(pocockPositives, "Pocock alpha spending, 10 looks");
        double avRate = (double)alwaysValid / Simulations, naiveRate = (double)naive / Simulations;
        output.WriteLine($"10 looks: naive {naiveRate:P2}, always-valid {avRate:P2}");
        Assert.True(avRate <= 0.06, $"Always-valid (mSPRT) false-positive rate {avRate:P2} exceeds 6% over 10 looks.");
        Assert.True(naiveRate > 0.06, $"Naive repeated testing should inflate the false-positive rate above 6%; got {naiveRate:P2}.");
    }

    private static Moments Draw(SeededNormal normal, int count, Func<double, double> transform)
    {
        Moments m = default;
        for (int i = 0; i < count; i++) m = m.Add(transform(normal.Next()));
        return m;
    }

    private void AssertRateWithinBand(int positives, string method)
    {
        double rate = (double)positives / Simulations;
        output.WriteLine($"{method}: {rate:P2}");
        Assert.True(rate is >= 0.04 and <= 0.06, $"{method}: false-positive rate {rate:P2} over {Simulations} A/A tests is outside [4%, 6%].");
    }
}
