namespace Stepwise.Delivery.Collisions;

/// <summary>
/// A running experiment or live rollout that a trial about to start could interact with: the share of all units
/// the two are expected to have in common, and why their effects could mix (one surface, shared metrics).
/// </summary>
public sealed record Collision(string Kind, string Key, string Flag, double SharedUnits, IReadOnlyList<string> Reasons)
{
    public string Describe() =>
        $"{Kind} '{Key}' (flag '{Flag}'): about {DeliveryValidation.Percent(SharedUnits)} of units in common; {string.Join("; ", Reasons)}";
}

/// <summary>
/// A start that went ahead despite collisions, kept with who accepted the risk and why. Each row is written once
/// (and so lands in the audit log); nothing updates or deletes it.
/// </summary>
public sealed class CollisionAcknowledgement
{
    public Guid Id { get; set; }
    public required string Environment { get; set; }

    /// <summary><c>experiment</c> or <c>rollout</c>.</summary>
    public required string SubjectKind { get; set; }

    public required string SubjectKey { get; set; }
    public List<string> Collisions { get; set; } = [];
    public required string Reason { get; set; }
    public required string AcknowledgedBy { get; set; }
    public DateTimeOffset AcknowledgedAt { get; set; }
}
