namespace Stepwise.Flags.Evaluation;

/// <summary>Why a feature has its value (GrowthBook's <c>source</c>).</summary>
public enum FeatureSource
{
    /// <summary>The feature is not in the payload.</summary>
    UnknownFeature,

    /// <summary>No rule applied; the feature's default value.</summary>
    DefaultValue,

    /// <summary>A force rule (targeting and/or percentage rollout) applied.</summary>
    Force,

    /// <summary>The context overrode the feature.</summary>
    Override,

    /// <summary>The unit is in an experiment rule.</summary>
    Experiment,

    /// <summary>A gating prerequisite failed; the value is null.</summary>
    Prerequisite,

    /// <summary>Prerequisites form a cycle; the value is null.</summary>
    CyclicPrerequisite,
}

/// <summary>GrowthBook wire names of <see cref="FeatureSource"/>.</summary>
public static class FeatureSourceNames
{
    /// <summary>The camelCase name GrowthBook uses (e.g. <c>defaultValue</c>).</summary>
    public static string ToWireName(this FeatureSource source) => source switch
    {
        FeatureSource.UnknownFeature => "unknownFeature",
        FeatureSource.DefaultValue => "defaultValue",
        FeatureSource.Force => "force",
        FeatureSource.Override => "override",
        FeatureSource.Experiment => "experiment",
        FeatureSource.Prerequisite => "prerequisite",
        _ => "cyclicPrerequisite",
    };
}
