using System.Globalization;
using Stepwise.Delivery.Model;
using Stepwise.Guard;
using Stepwise.Server.Components.Delivery;

namespace Stepwise.Server.Components.Guard;

/// <summary>The guard plan form: metric lists as comma-separated keys, a guardrail's own margin as <c>key:5%</c>.</summary>
internal sealed class GuardInput
{
    public string? Guardrails { get; set; }
    public string? Success { get; set; }
    public GuardHarmAction OnHarm { get; set; } = GuardHarmAction.RollBack;
    public StageCompletion Completion { get; set; } = StageCompletion.Both;
    public double? Alpha { get; set; } = 0.05;
    public double? Power { get; set; } = 0.8;
    public int? HoldbackDays { get; set; } = 14;
    public bool AutoAdvance { get; set; }
    public bool AutoReleaseHoldback { get; set; }

    public static GuardInput From(RolloutGuard? guard) => guard is null ? new() : new()
    {
        Guardrails = string.Join(", ", guard.Guardrails.Select(g => g.Margin is { } m ? $"{g.MetricKey}:{(m * 100).ToString("0.###", CultureInfo.InvariantCulture)}%" : g.MetricKey)),
        Success = string.Join(", ", guard.SuccessMetrics), OnHarm = guard.OnHarm, Completion = guard.Completion, Alpha = guard.Alpha, Power = guard.Power,
        HoldbackDays = guard.HoldbackDays, AutoAdvance = guard.AutoAdvance, AutoReleaseHoldback = guard.AutoReleaseHoldback,
    };

    public GuardRequest ToRequest(PageErrors errors)
    {
        var guardrails = new List<GuardMetric>();
        foreach (var (item, i) in Split(Guardrails).Select((item, i) => (item, i)))
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            double? margin = null;
            if (parts.Length == 2)
            {
                if (double.TryParse(parts[1].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)) margin = percent / 100;
                else errors.Add($"guardrails[{i}].margin", $"'{parts[1]}' is not a percentage.");
            }
            guardrails.Add(new GuardMetric(parts[0], margin));
        }
        return new GuardRequest(Split(Success), guardrails, Alpha, Power, AutoAdvance, OnHarm, Completion, HoldbackDays, AutoReleaseHoldback);
    }

    private static List<string> Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
}
