using System.Text.Json;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery;

/// <summary><paramref name="Surface"/>: the part of the product the flag changes, compared by the collision guard.</summary>
public sealed record CreateFlagRequest(string? Key, string? Name, string? Description, FlagValueType? ValueType, JsonElement? DefaultValue, Guid? OwnerUnitId, string? Surface = null);

/// <summary><paramref name="Surface"/>: null keeps it, an empty string clears it.</summary>
public sealed record UpdateFlagRequest(string? Name, string? Description, JsonElement? DefaultValue, Guid? OwnerUnitId, bool? Archived, string? Surface = null);

public sealed record TargetingRuleRequest(string? Id, string? Description, JsonElement? Condition, IReadOnlyList<string>? Segments, JsonElement? Value, double? Coverage, string? HashAttribute);

public sealed record UpdateFlagEnvironmentRequest(bool? Enabled, IReadOnlyList<TargetingRuleRequest>? Rules);

public sealed record KillSwitchRequest(bool? Enabled, string? Reason);

public sealed record CreateRolloutRequest(
    string? Environment, JsonElement? Value, IReadOnlyList<double>? Stages, double? Holdback, double? MinimumStageHours,
    string? HashAttribute, JsonElement? Condition);

/// <summary>
/// A rollout step. <see cref="ExpectedStage"/> guards against acting twice (a double click, two people at once):
/// the step is refused when the plan is no longer at that stage. <see cref="Override"/> advances before the
/// minimum stage duration has passed, and needs a reason.
/// </summary>
/// <summary><paramref name="AcknowledgeCollisions"/> (start only): go ahead despite collisions; needs a <paramref name="Reason"/>, which is recorded.</summary>
public sealed record RolloutActionRequest(int? ExpectedStage, string? Reason, bool? Override, bool? AcknowledgeCollisions = null);

/// <summary>Starting an experiment: acknowledging collisions needs a reason, which is recorded.</summary>
public sealed record StartExperimentRequest(bool? AcknowledgeCollisions, string? Reason);

public sealed record VariationRequest(string? Key, string? Name, JsonElement? Value, double? Weight);

public sealed record CreateExperimentRequest(
    string? Key, string? Name, string? Hypothesis, string? Flag, string? Environment, IReadOnlyList<VariationRequest>? Variations,
    string? HashAttribute, double? Coverage, string? Layer, double? LayerShare, double? RangeStart, JsonElement? Condition);

public sealed record SegmentRequest(string? Key, string? Name, string? Description, JsonElement? Condition);

public sealed record LayerRequest(string? Key, string? Name, string? Description);

public sealed record HoldoutRequest(string? Key, string? Name, double? Share, string? HashAttribute, string? Environment, IReadOnlyList<string>? Layers, bool? Active);

public sealed record CreateSdkKeyRequest(string? Name);
