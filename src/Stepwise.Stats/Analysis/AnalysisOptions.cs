namespace Stepwise.Stats.Analysis;

/// <summary>Settings for <see cref="ExperimentAnalysis.Analyze"/>.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Name of the control variant; "control" by default.</summary>
    public string Control { get; init; } = "control";

    /// <summary>Significance level; intervals are two-sided (1 − α).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Planned assignment weights by variant name (any positive scale); equal when null.</summary>
    public IReadOnlyDictionary<string, double>? Weights { get; init; }

    /// <summary>SRM p-value threshold; 0.001 by default.</summary>
    public double SrmThreshold { get; init; } = SampleRatioMismatch.DefaultThreshold;

    /// <summary>Correction across success metrics × treatment variants; Holm by default.</summary>
    public CorrectionMethod Correction { get; init; } = CorrectionMethod.Holm;

    /// <summary>
    /// When set, p-values, intervals and non-inferiority are always valid (safe under continuous
    /// monitoring), tightest at this many total units. Fix it before the experiment starts.
    /// When null (default), results are fixed-horizon: valid for one look at the planned end.
    /// </summary>
    public long? AlwaysValidPlannedUnits { get; init; }

    /// <summary>Adds the Bayesian summary (chance to beat control, expected loss) to each result.</summary>
    public bool IncludeBayesian { get; init; }
}
