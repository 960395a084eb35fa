using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Planning;

/// <summary>One stage of a progressive rollout.</summary>
/// <param name="TreatmentShare">Share of eligible traffic that gets the feature in this stage, for example 0.05.</param>
/// <param name="ControlShare">Share of eligible traffic compared against it (the holdback), for example 0.01.</param>
public readonly record struct RolloutStage(double TreatmentShare, double ControlShare);

/// <summary>How long a rollout stage must run.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Days">Whole days needed to detect the regression with the target power.</param>
/// <param name="TreatmentUnits">Treatment units enrolled by then.</param>
/// <param name="ControlUnits">Control units enrolled by then.</param>
public readonly record struct StagePlan(RolloutStage Stage, int Days, double TreatmentUnits, double ControlUnits);

/// <summary>
/// Plans progressive rollouts: for each stage, how many days it must run so that a regression of a
/// given size is detected by a one-sided test at level α with the target power. With daily eligible
/// traffic T, shares f (treatment) and c (control) and per-unit standard deviation σ, a regression δ is
/// detected after d days when δ / (σ·√(1/(fTd) + 1/(cTd))) ≥ z_{1−α} + z_{power}, so
/// d = (z_{1−α} + z_{power})² σ² (1/f + 1/c) / (T δ²).
/// </summary>
public static class RolloutPlanner
{
    /// <summary>Days each stage needs.</summary>
    /// <param name="stages">The stages in order.</param>
    /// <param name="dailyUnits">New eligible units per day.</param>
    /// <param name="standardDeviation">Per-unit standard deviation of the guarded metric.</param>
    /// <param name="regression">Absolute size of the regression to detect, &gt; 0.</param>
    /// <param name="alpha">One-sided significance level.</param>
    /// <param name="power">Target power.</param>
    /// <returns>One plan per stage.</returns>
    public static IReadOnlyList<StagePlan> StageDurations(IReadOnlyList<RolloutStage> stages, double dailyUnits, double standardDeviation, double regression, double alpha = 0.05, double power = 0.8)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (!(dailyUnits > 0 && standardDeviation > 0 && regression > 0)) throw new ArgumentOutOfRangeException(nameof(regression), "Traffic, standard deviation and regression must be positive.");
        double zSum = Normal.UpperQuantile(alpha) + Normal.UpperQuantile(1 - power);
        var plans = new StagePlan[stages.Count];
        for (int i = 0; i < plans.Length; i++)
        {
            RolloutStage s = stages[i];
            if (!(s.TreatmentShare > 0 && s.ControlShare > 0 && s.TreatmentShare + s.ControlShare <= 1 + 1e-12))
                throw new ArgumentException($"Stage {i + 1}: shares must be positive and sum to at most 1.", nameof(stages));
            double exactDays = zSum * zSum * standardDeviation * standardDeviation * (1 / s.TreatmentShare + 1 / s.ControlShare) / (dailyUnits * regression * regression);
            int days = Math.Max(1, (int)Math.Ceiling(exactDays - 1e-9));
            plans[i] = new StagePlan(s, days, days * dailyUnits * s.TreatmentShare, days * dailyUnits * s.ControlShare);
        }
        return plans;
    }

    /// <summary>The default Stepwise ladder 1% → 5% → 10% → 25% → 50% → 99%, each compared with a 1% holdback.</summary>
    public static IReadOnlyList<RolloutStage> DefaultStages { get; } =
    [
        new(0.01, 0.01), new(0.05, 0.01), new(0.10, 0.01), new(0.25, 0.01), new(0.50, 0.01), new(0.99, 0.01),
    ];
}
