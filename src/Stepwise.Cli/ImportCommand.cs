using System.Globalization;
using System.Net;
using System.Text.Json;
using Spectre.Console;

namespace Stepwise.Cli;

/// <summary>One CSV file named on the command line.</summary>
/// <param name="Kind">units, people or memberships: the JSON property and the table row.</param>
/// <param name="ServerName">The name the server uses in its errors (units.csv, ...).</param>
/// <param name="DisplayPath">The path as the user typed it; used in every message.</param>
/// <param name="FullPath">The resolved path.</param>
internal sealed record ImportFile(string Kind, string ServerName, string DisplayPath, string FullPath);

/// <summary>The parsed options of <c>stepwise import</c>.</summary>
internal sealed record ImportOptions(string? Units, string? People, string? Memberships, bool DryRun, string? Server, string? Token);

/// <summary><c>stepwise import</c>: validates the CSV files locally, uploads them, reports counts or row errors.</summary>
internal static class ImportCommand
{
    private const long MaxFileBytes = 512L * 1024 * 1024;

    public static async Task<int> RunAsync(ImportOptions options, CliEnvironment env, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var files = SelectFiles(options, env);
        var baseUri = ServerConnection.ResolveServer(options.Server, env);
        CheckFilesExist(files);

        var outcome = await ProgressDisplay.RunAsync(env, console, async progress =>
        {
            var texts = await ReadAllAsync(files, progress, cancellationToken);
            using var connection = ServerConnection.Open(baseUri.ToString(), options.Token, env);
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new ImportRequest(
                    texts.GetValueOrDefault("units"),
                    texts.GetValueOrDefault("people"),
                    texts.GetValueOrDefault("memberships")),
                CliJsonContext.Default.ImportRequest);

            var endpoint = connection.Endpoint($"api/org/import?dryRun={(options.DryRun ? "true" : "false")}");
            var onUpload = progress.BeginBytes($"uploading to {connection.BaseUri}{(options.DryRun ? " (dry run)" : "")}", body.Length);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new ProgressContent(body, "application/json", sent =>
                {
                    onUpload(sent);
                    if (sent == body.Length)
                    {
                        progress.BeginWaiting("server processing");
                    }
                }),
            };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("application/problem+json");

            using var response = await connection.SendAsync(request, cancellationToken);
            var text = await connection.ReadBodyAsync(response, cancellationToken);
            progress.EndStep();
            return Interpret(response, text, connection, files, options.DryRun);
        });

        return outcome.Report(env, console);
    }

    internal static List<ImportFile> SelectFiles(ImportOptions options, CliEnvironment env)
    {
        var files = new List<ImportFile>();
        Add("units", options.Units);
        Add("people", options.People);
        Add("memberships", options.Memberships);
        if (files.Count == 0)
        {
            throw new CliFailure(ExitCodes.BadInput, "nothing to import: pass at least one of --units, --people, --memberships");
        }

        return files;

        void Add(string kind, string? path)
        {
            if (path is null)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new CliFailure(ExitCodes.BadInput, $"--{kind}: the file name is empty");
            }

            string full;
            try
            {
                full = Path.GetFullPath(path, env.WorkingDirectory);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new CliFailure(ExitCodes.BadInput, $"{path}: not a valid file name ({ex.Message})");
            }

            files.Add(new ImportFile(kind, kind + ".csv", path, full));
        }
    }

    private static void CheckFilesExist(List<ImportFile> files)
    {
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (Directory.Exists(file.FullPath))
            {
                problems.Add($"{file.DisplayPath}: is a directory, expected a CSV file (--{file.Kind})");
            }
            else if (!File.Exists(file.FullPath))
            {
                problems.Add($"{file.DisplayPath}: no such file (--{file.Kind})");
            }
        }

        if (problems.Count > 0)
        {
            throw new CliFailure(ExitCodes.BadInput, problems);
        }
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(List<ImportFile> files, IProgressSink progress, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = await ReadBytesAsync(file, progress, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file.DisplayPath}: cannot read the file: {ex.Message}");
                continue;
            }
            finally
            {
                progress.EndStep();
            }

            if (StrictUtf8.TryDecode(bytes, out var text, out var invalid))
            {
                texts[file.Kind] = text;
            }
            else
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{file.DisplayPath}:{invalid.Line}:{invalid.Column}: not valid UTF-8 (byte 0x{invalid.Byte:X2} at offset {invalid.ByteOffset}); save the file as UTF-8 and try again"));
            }
        }

        if (problems.Count > 0)
        {
            throw new CliFailure(ExitCodes.BadInput, problems);
        }

        return texts;
    }

    private static async Task<byte[]> ReadBytesAsync(ImportFile file, IProgressSink progress, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        var length = stream.Length;
        if (length > MaxFileBytes)
        {
            throw new IOException($"the file is {ProgressDisplay.FormatBytes(length)}; the limit is {ProgressDisplay.FormatBytes(MaxFileBytes)}");
        }

        var onRead = progress.BeginBytes($"reading {file.DisplayPath}", length);
        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, Math.Min(1024 * 1024, buffer.Length - read)), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
            onRead(read);
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }

    private static ImportOutcome Interpret(HttpResponseMessage response, string body, ServerConnection connection, List<ImportFile> files, bool dryRun)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            ImportResult? result;
            try
            {
                result = JsonSerializer.Deserialize(body, CliJsonContext.Default.ImportResult);
            }
            catch (JsonException)
            {
                result = null;
            }

            return result is null
                ? throw new CliFailure(ExitCodes.Failure, $"unexpected response from {connection.BaseUri}: the import result could not be read")
                : new ImportOutcome(result, null, files, dryRun);
        }

        if (response.StatusCode == HttpStatusCode.UnprocessableEntity
            && ProblemParser.TryParse(body) is { } problem
            && problem.Errors is { Count: > 0 })
        {
            return new ImportOutcome(null, problem, files, dryRun);
        }

        throw connection.UnexpectedStatus(response, body, "importing");
    }

    /// <summary>Formats one server error as <c>FILE:LINE:COLUMN: message</c> with the user's own path.</summary>
    internal static string FormatError(ImportError error, IReadOnlyList<ImportFile> files)
    {
        string? location = null;
        if (error.File is { Length: > 0 } serverFile)
        {
            var name = Path.GetFileName(serverFile);
            location = files.FirstOrDefault(f => string.Equals(f.ServerName, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(f.Kind, name, StringComparison.OrdinalIgnoreCase))?.DisplayPath
                ?? serverFile;
        }

        if (error.Line is { } line)
        {
            location = string.Create(CultureInfo.InvariantCulture, $"{location ?? "line"}:{line}");
            if (error.Column is { } column)
            {
                location = string.Create(CultureInfo.InvariantCulture, $"{location}:{column}");
            }
        }

        var message = string.IsNullOrWhiteSpace(error.Message) ? "invalid value" : error.Message.Trim();
        if (!string.IsNullOrWhiteSpace(error.Field) && !message.StartsWith(error.Field, StringComparison.OrdinalIgnoreCase))
        {
            message = $"{error.Field}: {message}";
        }

        return location is null ? message : $"{location}: {message}";
    }

    private sealed record ImportOutcome(ImportResult? Result, ProblemDetails? Problem, List<ImportFile> Files, bool DryRun)
    {
        public int Report(CliEnvironment env, IAnsiConsole console)
        {
            if (Problem is { } problem)
            {
                var errors = problem.Errors ?? [];
                foreach (var error in errors)
                {
                    env.Error.WriteLine(FormatError(error, Files));
                }

                var total = Math.Max(problem.ErrorCount ?? errors.Count, errors.Count);
                var fileCount = errors.Select(e => e.File).Where(f => f is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count();
                var shown = total > errors.Count ? string.Create(CultureInfo.InvariantCulture, $" (showing the first {errors.Count})") : "";
                var inFiles = fileCount > 1 ? string.Create(CultureInfo.InvariantCulture, $" in {fileCount} files") : "";
                env.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"import rejected: {total} {(total == 1 ? "error" : "errors")}{inFiles}{shown}; nothing was written"));
                return ExitCodes.BadInput;
            }

            var result = Result!;
            var table = new Table()
                .Border(CliApp.IsLive(env) ? TableBorder.Rounded : TableBorder.Ascii)
                .AddColumn("File")
                .AddColumn(new TableColumn("Created").RightAligned())
                .AddColumn(new TableColumn("Updated").RightAligned())
                .AddColumn(new TableColumn("Unchanged").RightAligned());
            foreach (var file in Files)
            {
                var counts = file.Kind switch
                {
                    "units" => result.Units,
                    "people" => result.People,
                    _ => result.Memberships,
                } ?? new ImportCounts(0, 0, 0);
                table.AddRow(
                    Markup.Escape(file.DisplayPath),
                    counts.Created.ToString(CultureInfo.InvariantCulture),
                    counts.Updated.ToString(CultureInfo.InvariantCulture),
                    counts.Unchanged.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            if (result.DryRun || DryRun)
            {
                console.WriteLine("dry run: nothing written");
            }
            else if (result.Applied)
            {
                console.WriteLine("import applied");
            }
            else
            {
                console.WriteLine("the server reports that nothing was applied");
            }

            return ExitCodes.Success;
        }
    }
}
