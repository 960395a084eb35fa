namespace Stepwise.Delivery.Lifecycle;

/// <summary>Where a feature (a bet) is in the Think it → Build it → Ship it → Tweak it → Maintain it loop.</summary>
public enum FeaturePhase
{
    /// <summary>Shaping the bet: the hypothesis, its metrics, prototypes and user tests.</summary>
    ThinkIt,

    /// <summary>Building the smallest version that can test the hypothesis, behind a flag.</summary>
    BuildIt,

    /// <summary>Progressive rollout and experiments: real users, real metrics.</summary>
    ShipIt,

    /// <summary>Released to everyone; iterating on what the numbers say.</summary>
    TweakIt,

    /// <summary>Kept because it earns its keep; standing cost watched.</summary>
    MaintainIt,

    /// <summary>Stopped before release or retired after it.</summary>
    Removed,
}

/// <summary>What a gate decision does to the feature.</summary>
public enum GateDecisionKind
{
    /// <summary>Stay in the phase (or go back to an earlier one) and try again.</summary>
    Iterate,

    /// <summary>Move to the next phase.</summary>
    Advance,

    /// <summary>End the bet before it reaches maintenance.</summary>
    Stop,

    /// <summary>Retire a released feature and its flags.</summary>
    Remove,
}

/// <summary>Kinds of evidence a decision can point to.</summary>
public enum EvidenceKind
{
    Analysis,
    Experiment,
    PrototypeTest,
    UserTest,
    Research,
    Other,
}

public static class FeaturePhases
{
    /// <summary>The phases a feature moves through, in order (Removed is where it ends, not a step).</summary>
    public static readonly IReadOnlyList<FeaturePhase> Loop =
        [FeaturePhase.ThinkIt, FeaturePhase.BuildIt, FeaturePhase.ShipIt, FeaturePhase.TweakIt, FeaturePhase.MaintainIt];

    public static string Label(this FeaturePhase phase) => phase switch
    {
        FeaturePhase.ThinkIt => "Think it",
        FeaturePhase.BuildIt => "Build it",
        FeaturePhase.ShipIt => "Ship it",
        FeaturePhase.TweakIt => "Tweak it",
        FeaturePhase.MaintainIt => "Maintain it",
        _ => "Removed",
    };

    public static FeaturePhase? Next(this FeaturePhase phase) =>
        phase is FeaturePhase.MaintainIt or FeaturePhase.Removed ? null : phase + 1;

    /// <summary>Users get value from the feature from this phase on.</summary>
    public static bool ReachesUsers(this FeaturePhase phase) => phase is FeaturePhase.ShipIt or FeaturePhase.TweakIt or FeaturePhase.MaintainIt;

    /// <summary>Everyone has the feature from this phase on.</summary>
    public static bool IsFullyReleased(this FeaturePhase phase) => phase is FeaturePhase.TweakIt or FeaturePhase.MaintainIt;
}
