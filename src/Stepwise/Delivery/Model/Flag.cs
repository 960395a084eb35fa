namespace Stepwise.Delivery.Model;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the flag types users see.")]
public enum FlagValueType
{
    Boolean,
    String,
    Number,
    Json,
}

/// <summary>
/// A feature flag: one typed value per unit, decided per environment by rules, experiments and a rollout plan.
/// Values are stored as JSON text so every type shares one column and reaches the payload unchanged.
/// </summary>
public sealed class Flag
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public FlagValueType ValueType { get; set; }

    /// <summary>Served when no rule applies, as JSON.</summary>
    public required string DefaultValue { get; set; }

    /// <summary>The squad (or other unit) that owns the flag; its members may change it.</summary>
    public Guid? OwnerUnitId { get; set; }

    /// <summary>The part of the product the flag changes (e.g. <c>checkout</c>); trials on one surface can interact, so the collision guard compares them.</summary>
    public string? Surface { get; set; }

    public bool Archived { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<FlagEnvironment> Environments { get; set; } = [];

    /// <summary>The value a kill switch serves: false for booleans, otherwise the default value.</summary>
    public string OffValue => ValueType == FlagValueType.Boolean ? "false" : DefaultValue;
}

/// <summary>A flag's settings in one environment: the kill switch and the ordered targeting rules.</summary>
public sealed class FlagEnvironment
{
    public Guid FlagId { get; set; }
    public Guid EnvironmentId { get; set; }

    /// <summary>False is the kill switch: every unit gets <see cref="Flag.OffValue"/>, whatever the rules, experiments and rollouts say.</summary>
    public bool Enabled { get; set; }

    public List<TargetingRule> Rules { get; set; } = [];

    /// <summary>Who turned the kill switch, when and why, newest last.</summary>
    public List<KillSwitchEvent> KillSwitchHistory { get; set; } = [];
}

/// <summary>One use of the kill switch.</summary>
public sealed record KillSwitchEvent(DateTimeOffset At, bool Enabled, string? By, string? Reason);

/// <summary>
/// Serves <see cref="Value"/> to units matching <see cref="Condition"/> (a GrowthBook condition, JSON) and
/// every listed segment, optionally to a stable percentage of them.
/// </summary>
public sealed record TargetingRule
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public string? Condition { get; init; }
    public IReadOnlyList<string> Segments { get; init; } = [];
    public required string Value { get; init; }
    public double Coverage { get; init; } = 1;
    public string HashAttribute { get; init; } = "id";
}
