using Spectre.Console;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// A live progress bar on standard error while a big file is read. Shown only when standard error is
/// a terminal (not TERM=dumb), so redirected output, CI logs and the JSON on standard output stay clean.
/// </summary>
internal static class ReadProgress
{
    /// <summary>Files smaller than this are read too quickly for a progress bar to help.</summary>
    public const long MinimumBytes = 4L << 20;

    /// <summary>Runs <paramref name="work"/>, giving it a callback for the bytes read so far.</summary>
    public static T Run<T>(CliEnvironment env, string description, long totalBytes, Func<Action<long>, T> work)
    {
        if (!IsShown(env, totalBytes))
        {
            return work(static _ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Error),
            Ansi = OperatingSystem.IsWindows() ? AnsiSupport.Detect : AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var escaped = Markup.Escape(description);
        return new Progress(console, env.TimeProvider)
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(escaped, autoStart: true, maxValue: Math.Max(1, totalBytes));
                var result = work(done =>
                {
                    task.Value = Math.Min(done, task.MaxValue);
                    task.Description = $"{escaped} [grey]{ProgressDisplay.FormatBytes(done)}/{ProgressDisplay.FormatBytes(totalBytes)}[/]";
                });
                task.Description = $"{escaped} [grey]analysing[/]";
                return result;
            });
    }

    internal static bool IsShown(CliEnvironment env, long totalBytes) =>
        env.ErrorIsTerminal
        && totalBytes >= MinimumBytes
        && !string.Equals(env.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
