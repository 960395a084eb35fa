using System.CommandLine;
using System.Globalization;
using System.CommandLine.Invocation;
using Spectre.Console;
using Stepwise.Cli.Analyze;

namespace Stepwise.Cli;

/// <summary>
/// The <c>stepwise</c> command-line tool. <see cref="RunAsync"/> runs one command line in-process
/// against an injected <see cref="CliEnvironment"/> and returns the exit code; <c>Program</c> calls it
/// with the real console and network.
/// </summary>
public static class CliApp
{
    /// <summary>
    /// Parses and runs <paramref name="args"/> (without the program name). Never throws for bad input,
    /// network or server failures: those are written to <see cref="CliEnvironment.Error"/> and mapped to
    /// <see cref="ExitCodes"/>.
    /// </summary>
    /// <returns>0 on success, 1 for network, authentication or server failures, 2 for bad input, 130 when cancelled.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);

        var root = BuildCommand(env);
        ParseResult parseResult;
        try
        {
            parseResult = root.Parse(args);
        }
        catch (Exception ex)
        {
            // A parser or validator bug must still not show a stack trace.
            await env.Error.WriteLineAsync($"stepwise: cannot read the command line ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await env.Error.WriteLineAsync($"stepwise: {error.Message}");
            }

            var command = parseResult.CommandResult.Command;
            var helpFor = command is RootCommand ? "stepwise --help" : $"stepwise {command.Name} --help";
            await env.Error.WriteLineAsync($"Run '{helpFor}' for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliFailure failure)
        {
            foreach (var line in failure.Lines)
            {
                await env.Error.WriteLineAsync(line);
            }

            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await env.Error.WriteLineAsync("stepwise: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            // Never a stack trace: one line naming what went wrong.
            await env.Error.WriteLineAsync($"stepwise: unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Builds the command tree; actions capture <paramref name="env"/>.</summary>
    internal static RootCommand BuildCommand(CliEnvironment env)
    {
        var root = new RootCommand("Stepwise command-line tool: import and export the organization (units, people, memberships) as CSV, and analyse A/B experiments.")
        {
            HelpName = "stepwise",
        };
        root.Add(BuildImport(env));
        root.Add(BuildExport(env));
        root.Add(BuildAnalyze(env));
        return root;
    }

    private static Command BuildImport(CliEnvironment env)
    {
        var units = FileOption("--units", "units.csv: key,name,kind,parent_key,discipline");
        var people = FileOption("--people", "people.csv: email,name,employment_start,title,discipline,location,track,employment_end,manager_email");
        var memberships = FileOption("--memberships", "memberships.csv: email,unit_key,from,role,to");
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Validate and count what would change without writing anything.",
        };
        var server = ServerOption();
        var token = TokenOption();

        var command = new Command(
            "import",
            "Import units, people and memberships from UTF-8 CSV files. The files are imported together and atomically: on any error nothing is written, and each error is printed as FILE:LINE:COLUMN with exit code 2.")
        {
            units, people, memberships, dryRun, server, token,
        };
        command.SetAction((parseResult, cancellationToken) => ImportCommand.RunAsync(
            new ImportOptions(
                parseResult.GetValue(units),
                parseResult.GetValue(people),
                parseResult.GetValue(memberships),
                parseResult.GetValue(dryRun),
                parseResult.GetValue(server),
                parseResult.GetValue(token)),
            env,
            CreateConsole(env),
            cancellationToken));
        return command;
    }

    private static Command BuildExport(CliEnvironment env)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory to write units.csv, people.csv and memberships.csv to (created if missing; existing files are replaced).",
            HelpName = "DIR",
            Required = true,
        };
        var server = ServerOption();
        var token = TokenOption();
        var command = new Command("export", "Export units, people and memberships as CSV files in the import format.")
        {
            output, server, token,
        };
        command.SetAction((parseResult, cancellationToken) => ExportCommand.RunAsync(
            new ExportOptions(parseResult.GetRequiredValue(output), parseResult.GetValue(server), parseResult.GetValue(token)),
            env,
            CreateConsole(env),
            cancellationToken));
        return command;
    }

    private static Command BuildAnalyze(CliEnvironment env)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Experiment CSV: unit_id,variant, one numeric column per metric (0/1 = proportion), optional <metric>_pre columns for CUPED.",
            HelpName = "FILE",
            Required = true,
        };
        var control = new Option<string>("--control")
        {
            Description = "Name of the control variant.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "control",
        };
        var alpha = new Option<double>("--alpha")
        {
            Description = "Significance level; intervals are two-sided (1 - alpha).",
            HelpName = "ALPHA",
            DefaultValueFactory = _ => 0.05,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"--alpha: '{text}' is not a number; use a significance level such as 0.05");
                }
                else if (!(value > 0 && value < 1))
                {
                    result.AddError($"--alpha must be between 0 and 1 (exclusive), not {text}");
                }

                return value;
            },
        };
        var weights = new Option<IReadOnlyDictionary<string, double>?>("--weights")
        {
            Description = "Planned split for the sample-ratio check, e.g. control=0.5,treatment=0.5 (any positive scale). Default: equal.",
            HelpName = "NAME=W,...",
            CustomParser = result =>
            {
                if (WeightsParser.TryParse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "", out var parsed, out var error))
                {
                    return parsed;
                }

                result.AddError($"--weights: {error}");
                return null;
            },
        };
        var format = new Option<string>("--format")
        {
            Description = "table (for people) or json (for programs).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command(
            "analyze",
            "Analyse an A/B/n experiment from a CSV with one row per unit: sample-ratio check, effect, confidence interval and p-value per metric and variant (Welch t-test, two-proportion z-test, or CUPED), and a recommendation. Bad input exits with code 2 and FILE:LINE:COLUMN.")
        {
            input, control, alpha, weights, format,
        };
        command.SetAction((parseResult, cancellationToken) => AnalyzeCommand.RunAsync(
            new AnalyzeOptions(
                parseResult.GetRequiredValue(input),
                parseResult.GetValue(control) ?? "control",
                parseResult.GetValue(alpha),
                parseResult.GetValue(weights),
                parseResult.GetValue(format) == "json" ? AnalyzeFormat.Json : AnalyzeFormat.Table),
            env,
            cancellationToken));
        return command;
    }

    private static Option<string> FileOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "FILE",
    };

    private static Option<string> ServerOption() => new("--server")
    {
        Description = $"Server base URL. Default: ${ServerConnection.ServerVariable}, else {ServerConnection.DefaultServer}.",
        HelpName = "URL",
    };

    private static Option<string> TokenOption() => new("--token")
    {
        Description = $"Personal access token (swp_...). Default: ${ServerConnection.TokenVariable}. Create one at <server>/account/tokens.",
        HelpName = "TOKEN",
    };

    /// <summary>
    /// A Spectre console over the environment's output: live and coloured only when the caller says it
    /// is a terminal. Terminals outside Windows speak ANSI unless TERM=dumb; Windows is detected.
    /// </summary>
    internal static IAnsiConsole CreateConsole(CliEnvironment env)
    {
        var live = IsLive(env);
        var ansi = !live ? AnsiSupport.No
            : OperatingSystem.IsWindows() ? AnsiSupport.Detect
            : AnsiSupport.Yes;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = ansi,
            ColorSystem = ansi == AnsiSupport.No ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = live ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    /// <summary>True when output goes to a terminal that can show a live display (not TERM=dumb).</summary>
    internal static bool IsLive(CliEnvironment env) =>
        env.OutputIsTerminal && !string.Equals(env.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
