using System.Text.Json;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Flags;

public sealed record FlagSummary(Guid Id, string Key, string Name, FlagValueType ValueType, JsonElement DefaultValue, Guid? OwnerUnitId, string? OwnerName, bool Archived, IReadOnlyList<FlagEnvironmentState> Environments, DateTimeOffset UpdatedAt);

public sealed record FlagEnvironmentState(string Environment, bool Enabled, int Rules, string? Rollout, string? Experiment);

public sealed record FlagDetails(
    Guid Id, string Key, string Name, string? Description, FlagValueType ValueType, JsonElement DefaultValue, Guid? OwnerUnitId, string? OwnerName,
    bool Archived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<FlagEnvironmentDetails> Environments)
{
    /// <summary>The part of the product the flag changes, if set.</summary>
    public string? Surface { get; init; }
}

public sealed record FlagEnvironmentDetails(string Environment, string EnvironmentName, bool Enabled, IReadOnlyList<TargetingRuleView> Rules, IReadOnlyList<RolloutView> Rollouts, IReadOnlyList<ExperimentSummary> Experiments)
{
    /// <summary>Uses of the kill switch, newest last.</summary>
    public IReadOnlyList<KillSwitchEvent> KillSwitchHistory { get; init; } = [];
}

public sealed record TargetingRuleView(string Id, string? Description, JsonElement? Condition, IReadOnlyList<string> Segments, JsonElement Value, double Coverage, string HashAttribute);

public sealed record RolloutView(
    Guid Id, string Flag, string Environment, JsonElement Value, RolloutStatus Status, IReadOnlyList<double> Stages, int CurrentStage, double CurrentShare,
    double Holdback, bool HoldbackReleased, double MinimumStageHours, DateTimeOffset? StageStartedAt, DateTimeOffset? CanAdvanceAt,
    string HashAttribute, JsonElement? Condition, IReadOnlyList<RolloutEvent> History, RolloutGuard? Guard = null, string? AwaitingApproval = null);

public sealed record ExperimentSummary(Guid Id, string Key, string Name, string Flag, string Environment, ExperimentStatus Status, string? Layer, double? RangeStart, double? RangeEnd, double TrafficShare);

public sealed record ExperimentDetails(
    Guid Id, string Key, string Name, string? Hypothesis, string Flag, string Environment, ExperimentStatus Status, IReadOnlyList<VariationView> Variations,
    string HashAttribute, double Coverage, string? Layer, double LayerShare, double? RangeStart, double? RangeEnd, JsonElement? Condition,
    IReadOnlyList<string> Holdouts, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt);

public sealed record VariationView(string Key, string Name, JsonElement Value, double Weight);

internal static class Json
{
    public static JsonElement Parse(string json) => JsonElement.Parse(json);

    public static JsonElement? ParseOptional(string? json) => json is null ? null : JsonElement.Parse(json);
}
