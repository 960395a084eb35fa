using System.Text.Json;

namespace Stepwise.Delivery.Shared;

public sealed record EnvironmentView(Guid Id, string Key, string Name, IReadOnlyList<SdkKeyView> SdkKeys);

public sealed record SdkKeyView(Guid Id, string Key, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record SegmentView(Guid Id, string Key, string Name, string? Description, JsonElement Condition, DateTimeOffset UpdatedAt, Guid? CreatedByPersonId);

/// <summary>A layer and its allocations. Ranges are allocated per environment; <see cref="FreeShare"/> is the free share in the busiest environment.</summary>
public sealed record LayerView(Guid Id, string Key, string Name, string? Description, IReadOnlyList<LayerAllocation> Allocations, double FreeShare);

public sealed record LayerAllocation(string Experiment, string Environment, string Status, double? RangeStart, double? RangeEnd, double LayerShare);

public sealed record HoldoutView(Guid Id, string Key, string Name, double Share, string HashAttribute, string? Environment, IReadOnlyList<string> Layers, bool Active);
