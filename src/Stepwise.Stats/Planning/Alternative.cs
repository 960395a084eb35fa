namespace Stepwise.Stats.Planning;

/// <summary>The alternative hypothesis a planned test uses.</summary>
public enum Alternative
{
    /// <summary>Two-sided: detect a change in either direction.</summary>
    TwoSided,

    /// <summary>One-sided: detect a change in one stated direction (for example a regression).</summary>
    OneSided,
}
