using System.Globalization;
using System.Text.Json;
using Stepwise.Delivery;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

/// <summary>How delivery values read on the pages: percentages, JSON values, times and status badges.</summary>
public static class DeliveryText
{
    public static string Percent(double share) => DeliveryValidation.Percent(share);

    /// <summary>A share as a CSS length on a 0–100% bar.</summary>
    public static string Width(double share) => (Math.Clamp(share, 0, 1) * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A share as the number typed into a percent input.</summary>
    public static string PercentNumber(double share) => (share * 100).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Json(JsonElement value) => value.GetRawText();

    public static string Json(JsonElement? value) => value is { } v ? v.GetRawText() : "";

    /// <summary>A value as the flag's form shows it: strings as plain text (see <see cref="JsonInput.Value"/>), the rest as JSON.</summary>
    public static string ValueForInput(JsonElement value, FlagValueType type) =>
        type == FlagValueType.String && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "";

    /// <summary>A wait or an age in the largest two units that matter ("2 d 3 h", "5 h 20 min", "4 min").</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays} d {span.Hours} h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min";
    }

    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + " h";

    public static string RolloutBadge(RolloutStatus status) => status switch
    {
        RolloutStatus.Running => "text-bg-primary",
        RolloutStatus.Paused => "text-bg-warning",
        RolloutStatus.Released => "text-bg-success",
        RolloutStatus.RolledBack => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public static string ExperimentBadge(ExperimentStatus status) => status switch
    {
        ExperimentStatus.Running => "text-bg-primary",
        ExperimentStatus.Stopped => "text-bg-dark",
        _ => "text-bg-secondary",
    };

    public static string Lower(Enum value) => value.ToString().ToLowerInvariant();

    public static string RolloutStatusText(RolloutStatus status) => status == RolloutStatus.RolledBack ? "rolled back" : Lower(status);

    public static string ActionText(RolloutAction action) => action switch
    {
        RolloutAction.Started => "Started",
        RolloutAction.Advanced => "Advanced",
        RolloutAction.Paused => "Paused",
        RolloutAction.Resumed => "Resumed",
        RolloutAction.RolledBack => "Rolled back",
        _ => "Released the holdback",
    };

    /// <summary>The success notice a page shows after redirecting with <c>?done=</c>; only known codes, so the URL cannot inject text.</summary>
    public static string? Notice(string? done) => done switch
    {
        "flag-created" => "Flag created. It is on in every environment except production, where it starts switched off.",
        "flag-saved" => "Flag saved.",
        "rules-saved" => "Targeting rules saved.",
        "killed" => "Kill switch thrown: everyone in this environment now gets the off value.",
        "enabled" => "Flag switched back on in this environment.",
        "rollout-created" => "Rollout plan created as a draft. Start it when you are ready.",
        "started" => "Rollout started.",
        "advanced" => "Rollout advanced to the next stage.",
        "paused" => "Rollout paused: the current audience keeps the value; nothing advances until you resume.",
        "resumed" => "Rollout resumed.",
        "rolled-back" => "Rollout rolled back: nobody gets the rollout value any more.",
        "holdback-released" => "Holdback released: everyone now gets the value.",
        "experiment-created" => "Experiment created as a draft.",
        "experiment-started" => "Experiment started.",
        "experiment-stopped" => "Experiment stopped.",
        "layer-created" => "Layer created.",
        "holdout-saved" => "Holdout saved.",
        "segment-saved" => "Segment saved.",
        "key-created" => "SDK key created.",
        "key-revoked" => "SDK key revoked: SDKs using it no longer get the payload.",
        _ => null,
    };
}
