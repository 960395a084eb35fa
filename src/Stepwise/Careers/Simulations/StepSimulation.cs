namespace Stepwise.Careers.Simulations;

/// <summary>
/// A what-if: managers estimate the step each of their people would get, and the combined histogram is compared with
/// the target before anything is decided. Stored apart from step records, which it never changes.
/// </summary>
public sealed class StepSimulation
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    /// <summary>The tribe simulated; null for the whole organization.</summary>
    public Guid? TribeId { get; init; }
    /// <summary>The day the population (people, their managers and tribes) was taken.</summary>
    public DateOnly PopulationOn { get; init; }
    public SimulationStatus Status { get; set; }
    public Guid? CreatedByPersonId { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public enum SimulationStatus
{
    Open,
    Closed,
    Archived,
}

/// <summary>One person in a simulation: who estimates them (their manager when it opened) and the estimate, if given yet.</summary>
public sealed class SimulationEstimate
{
    public Guid Id { get; init; }
    public Guid SimulationId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? ManagerId { get; init; }
    public Guid? TribeId { get; init; }
    public int? Level { get; set; }
    public DateTimeOffset? EstimatedAt { get; set; }
    public string? EstimatedBy { get; set; }
}
