namespace Stepwise.Guard;

/// <summary>The <c>Guard</c> configuration section: how often the scheduled analysis and rollout guard run.</summary>
public sealed class GuardOptions
{
    public const string Section = "Guard";

    /// <summary>False stops the schedule (on-demand checks still work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs; daily by default (the analyses are always valid, so daily looks are safe).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
