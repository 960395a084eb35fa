namespace Stepwise.Cli;

/// <summary>
/// Everything a CLI run touches outside itself: output streams, environment variables, the working
/// directory, the HTTP stack and the clock. <see cref="FromProcess"/> gives the real ones; tests and
/// in-process callers build their own.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>Standard output: results, tables and (when not a terminal) plain progress lines.</summary>
    public TextWriter Out { get; init; } = TextWriter.Null;

    /// <summary>Standard error: error messages.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;

    /// <summary>True when <see cref="Out"/> is an interactive terminal: shows a live progress display.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>
    /// True when <see cref="Error"/> is an interactive terminal. Commands whose standard output is data
    /// (<c>analyze --format json</c>) show their progress there, and only then.
    /// </summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>
    /// Handler used for every request (for example a test server's handler). When null a new
    /// <see cref="SocketsHttpHandler"/> is created per run. The handler is never disposed by the CLI.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>Reads an environment variable (STEPWISE_SERVER, STEPWISE_TOKEN). Defaults to none set.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = static _ => null;

    /// <summary>Directory that relative file paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Clock for progress timing.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Overall timeout of one HTTP request, including server processing.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The environment of the current process: console streams, real variables, real network.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutputIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        WorkingDirectory = Environment.CurrentDirectory,
    };
}
