using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

public static class RolloutViewExtensions
{
    /// <summary>True while units get the rollout value (the same rule as RolloutPlan.IsLive).</summary>
    public static bool IsLive(this RolloutView plan) => plan.Status is RolloutStatus.Running or RolloutStatus.Paused or RolloutStatus.Released;

    public static string StageLabel(this RolloutView plan, int stage) =>
        stage < 0 ? "not started" : $"stage {stage + 1} ({DeliveryText.Percent(plan.Stages[stage])})";
}
