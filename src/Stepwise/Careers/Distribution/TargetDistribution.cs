namespace Stepwise.Careers.Distribution;

/// <summary>
/// Settings under <c>Careers:Distribution</c>: the share of people the organization aims to have at each step.
/// Calibration sessions, reports and simulations all compare against this one target.
/// </summary>
public sealed class TargetDistributionOptions
{
    public const string Section = "Careers:Distribution";

    /// <summary>Target share per step level (1 = Individual … 4 = Technology/Company); normalised to sum to one.</summary>
    public Dictionary<int, double> Target { get; set; } = new() { [1] = 0.40, [2] = 0.35, [3] = 0.20, [4] = 0.05 };

    /// <summary>A step whose actual share differs from the target by more than this many percentage points is flagged.</summary>
    public double FlagDeviationPoints { get; set; } = 10;
}

/// <summary>One step's actual count and share next to the target share.</summary>
public sealed record StepShare(int Level, int Count, double Share, double TargetShare)
{
    /// <summary>Actual minus target, in percentage points.</summary>
    public double DeviationPoints => (Share - TargetShare) * 100;
}

/// <summary>
/// A distribution of people over steps compared with the target. <see cref="DeviationPoints"/> is the total variation
/// distance in percentage points: the share of people who would have to sit at another step for the distribution to
/// match the target (0 = identical, 100 = disjoint). It is one number people can compare across units.
/// </summary>
public sealed record DistributionComparison(IReadOnlyList<StepShare> Steps, int Total, double DeviationPoints)
{
    public static DistributionComparison Compare(IReadOnlyDictionary<int, int> countsByLevel, IReadOnlyDictionary<int, double> target)
    {
        ArgumentNullException.ThrowIfNull(countsByLevel);
        ArgumentNullException.ThrowIfNull(target);
        var targetSum = target.Values.Where(v => v > 0).Sum();
        var levels = target.Keys.Concat(countsByLevel.Keys).Distinct().Order().ToList();
        var total = countsByLevel.Values.Sum();
        var steps = levels.Select(level =>
        {
            var count = countsByLevel.GetValueOrDefault(level);
            var share = total == 0 ? 0 : (double)count / total;
            var targetShare = targetSum <= 0 ? 0 : Math.Max(0, target.GetValueOrDefault(level)) / targetSum;
            return new StepShare(level, count, share, targetShare);
        }).ToList();
        var deviation = total == 0 ? 0 : steps.Sum(s => Math.Abs(s.Share - s.TargetShare)) / 2 * 100;
        return new DistributionComparison(steps, total, deviation);
    }
}
