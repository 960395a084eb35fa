namespace Stepwise.Delivery.Model;

public enum ExperimentStatus
{
    Draft,
    Running,
    Stopped,
}

/// <summary>
/// An A/B/n test on one flag in one environment. In a layer it owns the range [RangeStart, RangeEnd) of the
/// layer's hash space, which the server allocates so running experiments in a layer never overlap.
/// </summary>
public sealed class Experiment
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Hypothesis { get; set; }
    public Guid FlagId { get; set; }
    public Guid EnvironmentId { get; set; }
    public List<ExperimentVariation> Variations { get; set; } = [];
    public string HashAttribute { get; set; } = "id";
    public string? Condition { get; set; }

    /// <summary>Share of eligible units (inside the layer range) that enter the experiment.</summary>
    public double Coverage { get; set; } = 1;

    public Guid? LayerId { get; set; }

    /// <summary>Width of the layer range requested; the server places it at start.</summary>
    public double LayerShare { get; set; } = 1;

    public double? RangeStart { get; set; }
    public double? RangeEnd { get; set; }
    public ExperimentStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>Expected share of all units assigned to a variation, before targeting and holdouts.</summary>
    public double TrafficShare => Coverage * (LayerId is null ? 1 : (RangeEnd ?? 0) - (RangeStart ?? 0));
}

/// <summary>A variation: its stable key (reported as the OFREP variant), a display name, its flag value (JSON) and weight.</summary>
public sealed record ExperimentVariation(string Key, string Name, string Value, double Weight);
