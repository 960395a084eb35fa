namespace Stepwise.Server.Components.Delivery;

/// <summary>Addresses of a flag page in a given state: an environment tab, a pending confirmation, a notice after a step.</summary>
public static class FlagLinks
{
    public static string Flag(string key, string environment) => $"/delivery/flags/{key}?env={environment}";

    public static string Confirm(string key, string environment, string action, Guid? rollout = null) =>
        $"{Flag(key, environment)}&confirm={action}{(rollout is { } id ? $"&rollout={id}" : "")}";

    public static string Done(string key, string environment, string done, string? anchor = null) =>
        $"{Flag(key, environment)}&done={done}{(anchor is null ? "" : "#" + anchor)}";
}
