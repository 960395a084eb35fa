namespace Stepwise.Delivery.Model;

/// <summary>A saved, named targeting condition (GrowthBook condition JSON) that rules, experiments and rollouts reuse by key.</summary>
public sealed class Segment
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string Condition { get; set; }
    public Guid? CreatedByPersonId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An exclusive layer: experiments placed in it get disjoint ranges of one hash space, so no unit is in two of them.
/// </summary>
public sealed class Layer
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>Keeps a stable share of units out of every experiment in its scope, so the combined effect of experiments can be measured.</summary>
public sealed class Holdout
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public double Share { get; set; }
    public string HashAttribute { get; set; } = "id";

    /// <summary>Null applies in every environment.</summary>
    public Guid? EnvironmentId { get; set; }

    /// <summary>Empty means every experiment; otherwise only experiments in these layers.</summary>
    public List<Guid> LayerIds { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>The share of an experiment's units that no active holdout covering it keeps out (holdouts hash independently).</summary>
    public static double KeptShare(IEnumerable<Holdout> holdouts, Experiment experiment) =>
        holdouts.Where(h => h.Covers(experiment)).Aggregate(1.0, (share, h) => share * (1 - h.Share));

    public bool Covers(Experiment experiment) =>
        Active
        && (EnvironmentId is null || EnvironmentId == experiment.EnvironmentId)
        && (LayerIds.Count == 0 || (experiment.LayerId is { } layer && LayerIds.Contains(layer)));
}
