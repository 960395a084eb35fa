namespace Stepwise.Delivery.Model;

/// <summary>A deployment environment (development, staging, production). Each compiles to its own SDK payload.</summary>
public sealed class DeliveryEnvironment
{
    public const string Development = "development";
    public const string Staging = "staging";
    public const string Production = "production";

    public static readonly IReadOnlyList<string> Standard = [Development, Staging, Production];

    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>
/// A client key that names one environment's payload. Client keys are not secrets (GrowthBook SDKs in
/// browsers carry them); they select a payload and authenticate OFREP and event calls, and can be revoked.
/// </summary>
public sealed class SdkKey
{
    public Guid Id { get; set; }
    public Guid EnvironmentId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
