namespace Stepwise.Stats;

/// <summary>Which way a metric should move for the change to count as an improvement.</summary>
public enum Direction
{
    /// <summary>Higher is better (conversion, revenue).</summary>
    Increase,

    /// <summary>Lower is better (latency, error rate, churn).</summary>
    Decrease,
}

/// <summary>How a non-inferiority margin is expressed.</summary>
public enum MarginType
{
    /// <summary>A fraction of the control mean, for example 0.02 = a 2% worsening is tolerated.</summary>
    Relative,

    /// <summary>In the metric's own units.</summary>
    Absolute,
}
