using System.Globalization;
using Spectre.Console;

namespace Stepwise.Cli;

/// <summary>The phases of a long command, reported as they happen.</summary>
internal interface IProgressSink
{
    /// <summary>Starts a step with a known amount of bytes; returns a callback for bytes done so far.</summary>
    Action<long> BeginBytes(string description, long totalBytes);

    /// <summary>Starts a step of unknown length (for example, the server processing the import).</summary>
    void BeginWaiting(string description);

    /// <summary>Marks the current step finished.</summary>
    void EndStep();
}

/// <summary>
/// Runs work under a live Spectre.Console progress display when standard output is a terminal,
/// otherwise writes one plain line per step.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliEnvironment env, IAnsiConsole console, Func<IProgressSink, Task<T>> work)
    {
        if (!CliApp.IsLive(env))
        {
            return await work(new PlainSink(env.Out));
        }

        var progress = new Progress(console, env.TimeProvider)
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn());
        return await progress.StartAsync(context => work(new SpectreSink(context)));
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MB"),
    };

    private sealed class PlainSink(TextWriter output) : IProgressSink
    {
        public Action<long> BeginBytes(string description, long totalBytes)
        {
            output.WriteLine($"{description}: {FormatBytes(totalBytes)}");
            return static _ => { };
        }

        public void BeginWaiting(string description) => output.WriteLine(description);

        public void EndStep()
        {
        }
    }

    private sealed class SpectreSink(ProgressContext context) : IProgressSink
    {
        private ProgressTask? _current;

        public Action<long> BeginBytes(string description, long totalBytes)
        {
            EndStep();
            var escaped = Markup.Escape(description);
            var task = context.AddTask(escaped, autoStart: true, maxValue: Math.Max(1, totalBytes));
            _current = task;
            return done =>
            {
                task.Value = Math.Min(done, task.MaxValue);
                task.Description = $"{escaped} [grey]{FormatBytes(done)}/{FormatBytes(totalBytes)}[/]";
            };
        }

        public void BeginWaiting(string description)
        {
            EndStep();
            var task = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: 1);
            task.IsIndeterminate = true;
            _current = task;
        }

        public void EndStep()
        {
            if (_current is { } task)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
                _current = null;
            }
        }
    }
}
