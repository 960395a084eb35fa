using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

/// <summary>The rollout steps a page offers: which a plan allows, how their buttons read, and the notice each leaves.</summary>
public static class RolloutSteps
{
    public const string Start = "start", Advance = "advance", Pause = "pause", Resume = "resume", RollBack = "rollback", ReleaseHoldback = "release-holdback";
    private static readonly string[] All = [Start, Advance, Pause, Resume, RollBack, ReleaseHoldback];

    public static bool IsStep(string? step) => step is not null && All.Contains(step);

    /// <summary>The steps a plan allows in its status, in the order the buttons show.</summary>
    public static IReadOnlyList<string> For(RolloutView plan) => plan.Status switch
    {
        RolloutStatus.Draft => [Start],
        RolloutStatus.Running => [Advance, Pause, RollBack],
        RolloutStatus.Paused => [Resume, RollBack],
        RolloutStatus.Released when !plan.HoldbackReleased => [ReleaseHoldback, RollBack],
        RolloutStatus.Released => [RollBack],
        _ => [],
    };

    public static string LinkText(string step) => step switch
    {
        Start => "Start…",
        Advance => "Advance…",
        Pause => "Pause…",
        Resume => "Resume…",
        RollBack => "Roll back…",
        _ => "Release holdback…",
    };

    public static string ButtonCss(string step, bool outline = true) => (step switch
    {
        RollBack => "btn-outline-danger",
        Pause => "btn-outline-warning",
        _ => "btn-outline-primary",
    }).Replace("-outline", outline ? "-outline" : "", StringComparison.Ordinal);

    /// <summary>The <c>?done=</c> code (see <see cref="DeliveryText.Notice"/>) after the step succeeds.</summary>
    public static string Done(string step) => step switch
    {
        Start => "started",
        Advance => "advanced",
        Pause => "paused",
        Resume => "resumed",
        RollBack => "rolled-back",
        _ => "holdback-released",
    };
}
