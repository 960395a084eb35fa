namespace Stepwise.Client;

/// <summary>The server endpoints of the wire contract, resolved against <see cref="StepwiseOptions.BaseUrl"/>.</summary>
internal static class ServerAddress
{
    public static Uri Payload(StepwiseOptions options) => Resolve(options, $"api/features/{Uri.EscapeDataString(options.ClientKey)}");

    public static Uri Stream(StepwiseOptions options) => Resolve(options, $"api/features/{Uri.EscapeDataString(options.ClientKey)}/stream");

    public static Uri Events(StepwiseOptions options) => Resolve(options, "api/events");

    /// <summary>Keeps a base path (<c>https://host/stepwise</c>) by treating the base as a directory.</summary>
    private static Uri Resolve(StepwiseOptions options, string relative)
    {
        var root = options.BaseUrl!.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }
}
