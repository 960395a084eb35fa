namespace Stepwise.Careers.Compensation;

/// <summary>Pure arithmetic of bands, kept apart from storage so it is unit-tested on its own.</summary>
public static class BandMath
{
    public static decimal WidthPercent(decimal min, decimal max) => min <= 0 ? 0 : Round((max - min) / min * 100);

    public static decimal HeadroomPercent(decimal mid, decimal max) => mid <= 0 ? 0 : Round((max - mid) / mid * 100);

    /// <summary>How much of the lower band's range the upper band also covers: 0 when they do not touch.</summary>
    public static (decimal Amount, decimal Percent) Overlap(decimal lowerMin, decimal lowerMax, decimal upperMin, decimal upperMax)
    {
        var amount = Math.Max(0, Math.Min(lowerMax, upperMax) - Math.Max(lowerMin, upperMin));
        var range = lowerMax - lowerMin;
        return (amount, range <= 0 ? 0 : Round(amount / range * 100));
    }

    public static decimal? CompaRatio(decimal salary, decimal mid) => mid <= 0 ? null : Math.Round(salary / mid, 3);

    public static decimal? RangePenetration(decimal salary, decimal min, decimal max) =>
        max <= min ? null : Math.Round((salary - min) / (max - min), 3);

    public static BandPosition Position(decimal salary, decimal min, decimal max) =>
        salary < min ? BandPosition.Below : salary > max ? BandPosition.Above : BandPosition.Within;

    private static decimal Round(decimal d) => Math.Round(d, 1);
}
