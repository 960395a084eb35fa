using System.Globalization;
using Spectre.Console;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// <c>stepwise analyze</c>: reads an experiment CSV (one row per unit) in one streaming pass, runs the
/// statistics engine on the per-variant sufficient statistics and prints a table or JSON.
/// </summary>
internal static class AnalyzeCommand
{
    public static Task<int> RunAsync(AnalyzeOptions options, CliEnvironment env, CancellationToken cancellationToken)
    {
        string path = ResolvePath(options.Input, env);
        ExperimentCsv csv = ReadFile(options.Input, path, env, cancellationToken);
        CheckVariants(options, csv);

        ExperimentReport report;
        try
        {
            report = ExperimentAnalysis.Analyze(csv.Accumulator.ToData(), new AnalysisOptions
            {
                Control = options.Control,
                Alpha = options.Alpha,
                Weights = options.Weights,
            });
        }
        catch (ArgumentException ex)
        {
            // CheckVariants catches what users get wrong; this keeps anything else to one line.
            throw new CliFailure(ExitCodes.BadInput, $"{options.Input}: {ex.Message}");
        }

        if (options.Format == AnalyzeFormat.Json)
        {
            env.Out.WriteLine(AnalysisJson.Write(report, options.Input, csv.Rows));
        }
        else
        {
            bool live = CliApp.IsLive(env);
            IAnsiConsole console = CliApp.CreateConsole(env);
            if (!live) console.Profile.Width = Math.Max(console.Profile.Width, 200);   // files and pipes: no wrapping
            AnalysisTable.Write(console, report, options.Input, csv.Rows, live);
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static string ResolvePath(string input, CliEnvironment env)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new CliFailure(ExitCodes.BadInput, "--input: the file name is empty");
        }

        string full;
        try
        {
            full = Path.GetFullPath(input, env.WorkingDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"{input}: not a valid file name ({ex.Message})");
        }

        if (Directory.Exists(full))
        {
            throw new CliFailure(ExitCodes.BadInput, $"{input}: is a directory, expected a CSV file");
        }

        if (!File.Exists(full))
        {
            throw new CliFailure(ExitCodes.BadInput, $"{input}: no such file");
        }

        return full;
    }

    private static ExperimentCsv ReadFile(string input, string path, CliEnvironment env, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,   // the reader has its own 1 MB buffer
                Options = FileOptions.SequentialScan,
            });
            return ReadProgress.Run(env, $"reading {input}", stream.Length, onProgress => ExperimentCsvReader.Read(stream, onProgress, cancellationToken));
        }
        catch (CsvInputException ex)
        {
            throw new CliFailure(ExitCodes.BadInput, string.Create(CultureInfo.InvariantCulture, $"{input}:{ex.Line}:{ex.Column}: {ex.Message}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"{input}: cannot read the file: {ex.Message}");
        }
    }

    /// <summary>
    /// Checks the variants found against --control and --weights. Problems point at the header cell of
    /// the variant column, the place to look.
    /// </summary>
    private static void CheckVariants(AnalyzeOptions options, ExperimentCsv csv)
    {
        IReadOnlyList<string> variants = csv.Accumulator.Variants;
        string where = string.Create(CultureInfo.InvariantCulture, $"{options.Input}:1:{csv.Layout.VariantColumnNumber}");
        string found = string.Join(", ", variants);
        if (variants.Count < 2)
        {
            throw new CliFailure(ExitCodes.BadInput, $"{where}: only one variant ('{found}') in column '{CsvLayout.VariantColumn}'; an experiment needs a control and at least one other variant");
        }

        if (!variants.Contains(options.Control, StringComparer.Ordinal))
        {
            throw new CliFailure(ExitCodes.BadInput, $"{where}: the control variant '{options.Control}' is not in column '{CsvLayout.VariantColumn}' (found: {found}); name it with --control");
        }

        if (options.Weights is not { } weights)
        {
            return;
        }

        foreach (string name in weights.Keys)
        {
            if (!variants.Contains(name, StringComparer.Ordinal))
            {
                throw new CliFailure(ExitCodes.BadInput, $"{where}: --weights names '{name}', which is not a variant in column '{CsvLayout.VariantColumn}' (found: {found})");
            }
        }

        foreach (string name in variants)
        {
            if (!weights.ContainsKey(name))
            {
                throw new CliFailure(ExitCodes.BadInput, $"{where}: --weights gives no weight for variant '{name}'; give one weight per variant (found: {found})");
            }
        }
    }
}
