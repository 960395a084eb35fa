using System.Globalization;
using Stepwise.Delivery;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Server.Components.Features;

/// <summary>Wording and small formatting shared by the feature pages.</summary>
internal static class FeatureText
{
    public static string SignedPercent(double share) => (share >= 0 ? "+" : "") + DeliveryValidation.Percent(share);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Days(TimeSpan span) => $"{Math.Max(0, (int)span.TotalDays)} d";

    public static string Direction(MetricDirection direction) => direction == MetricDirection.Increase ? "higher is better" : "lower is better";

    public static string DecisionVerb(GateDecisionKind kind) => kind switch
    {
        GateDecisionKind.Advance => "Advance",
        GateDecisionKind.Iterate => "Iterate",
        GateDecisionKind.Stop => "Stop",
        _ => "Remove",
    };

    public static string Evidence(EvidenceKind kind) => kind switch
    {
        EvidenceKind.PrototypeTest => "Prototype test",
        EvidenceKind.UserTest => "User test",
        _ => kind.ToString(),
    };

    /// <summary>CSS modifier for a phase badge.</summary>
    public static string PhaseCss(FeaturePhase phase) => "phase-" + phase.ToString().ToLowerInvariant();
}
