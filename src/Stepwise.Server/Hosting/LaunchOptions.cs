namespace Stepwise.Server.Hosting;

public enum LaunchCommand
{
    Serve,
    Migrate,
}

/// <summary>Stepwise's own arguments (<c>--demo</c>, <c>migrate</c>), separated from those ASP.NET Core reads (<c>--urls</c>, <c>--Key=value</c>).</summary>
public sealed record LaunchOptions(LaunchCommand Command, bool Demo, string[] HostArgs)
{
    public static LaunchOptions Parse(string[] args)
    {
        var rest = new List<string>();
        var demo = false;
        var command = LaunchCommand.Serve;
        foreach (var arg in args)
        {
            if (arg == "--demo") demo = true;
            else if (arg == "migrate" && rest.Count == 0 && command == LaunchCommand.Serve) command = LaunchCommand.Migrate;
            else rest.Add(arg);
        }
        return new LaunchOptions(command, demo, [.. rest]);
    }
}
