using System.Security.Claims;

namespace Stepwise.Client.FeatureManagement;

/// <summary>How the default <see cref="IStepwiseContextAccessor"/> turns the current user into attributes.</summary>
public sealed class StepwiseFeatureManagementOptions
{
    /// <summary>Claim types tried in order for the unit id (the <c>id</c> attribute); the first present wins.</summary>
    public IList<string> UserIdClaimTypes { get; } = [ClaimTypes.NameIdentifier, "sub"];

    /// <summary>Further claims copied into attributes: claim type → attribute name (e.g. <c>"country" → "country"</c>).</summary>
    public IDictionary<string, string> ClaimAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
