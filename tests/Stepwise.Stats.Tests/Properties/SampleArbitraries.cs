using FsCheck;
using FsCheck.Fluent;

namespace Stepwise.Stats.Tests.Properties;

/// <summary>Two independent samples of moderate size and magnitude, each with some spread.</summary>
public sealed record TwoSamples(double[] Control, double[] Treatment)
{
    public override string ToString() => $"control=[{string.Join(", ", Control)}] treatment=[{string.Join(", ", Treatment)}]";
}

/// <summary>A set of raw p-values.</summary>
public sealed record PValueSet(double[] Values)
{
    public override string ToString() => $"[{string.Join(", ", Values)}]";
}

/// <summary>FsCheck generators for the property tests.</summary>
public static class SampleArbitraries
{
    private static Gen<double[]> Sample() =>
        from length in Gen.Choose(3, 60)
        from raw in Gen.ArrayOf(Gen.Choose(-100_000, 100_000), length)
        let values = raw.Select(x => x / 100.0).ToArray()
        where values.Distinct().Count() > 1
        select values;

    public static Arbitrary<TwoSamples> TwoSamples() =>
        Arb.From(from control in Sample() from treatment in Sample() select new TwoSamples(control, treatment));

    public static Arbitrary<PValueSet> PValueSets() =>
        Arb.From(from length in Gen.Choose(1, 40)
                 from raw in Gen.ArrayOf(Gen.Choose(0, 1_000_000), length)
                 select new PValueSet([.. raw.Select(x => x / 1_000_000.0)]));
}
