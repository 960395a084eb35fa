using System.Globalization;
using Spectre.Console;

namespace Stepwise.Cli;

/// <summary>The parsed options of <c>stepwise export</c>.</summary>
internal sealed record ExportOptions(string Out, string? Server, string? Token);

/// <summary>
/// <c>stepwise export</c>: downloads units.csv, people.csv and memberships.csv into a directory.
/// All three are downloaded to temporary files first, so a failure never leaves a mix of old and new files.
/// </summary>
internal static class ExportCommand
{
    internal static readonly string[] Kinds = ["units", "people", "memberships"];

    public static async Task<int> RunAsync(ExportOptions options, CliEnvironment env, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var baseUri = ServerConnection.ResolveServer(options.Server, env);
        var directory = PrepareDirectory(options.Out, env);
        using var connection = ServerConnection.Open(baseUri.ToString(), options.Token, env);

        var written = await ProgressDisplay.RunAsync(env, console, async progress =>
        {
            var temporary = new List<(string Temp, string Final, long Bytes)>();
            try
            {
                foreach (var kind in Kinds)
                {
                    progress.BeginWaiting($"downloading {kind}.csv");
                    var final = Path.Combine(directory, kind + ".csv");
                    var temp = Path.Combine(directory, $".{kind}.csv.{Guid.NewGuid():N}.tmp");
                    var bytes = await DownloadAsync(connection, kind, temp, cancellationToken);
                    temporary.Add((temp, final, bytes));
                    progress.EndStep();
                }

                foreach (var (temp, final, _) in temporary)
                {
                    File.Move(temp, final, overwrite: true);
                }

                return temporary.Select(t => (Path: t.Final, t.Bytes)).ToList();
            }
            catch (IOException ex)
            {
                throw new CliFailure(ExitCodes.Failure, $"{options.Out}: cannot write the export: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new CliFailure(ExitCodes.Failure, $"{options.Out}: cannot write the export: {ex.Message}");
            }
            finally
            {
                foreach (var (temp, _, _) in temporary)
                {
                    TryDelete(temp);
                }
            }
        });

        foreach (var (path, bytes) in written)
        {
            var shown = Path.Join(options.Out, Path.GetFileName(path));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {shown} ({ProgressDisplay.FormatBytes(bytes)})"));
        }

        return ExitCodes.Success;
    }

    private static string PrepareDirectory(string path, CliEnvironment env)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliFailure(ExitCodes.BadInput, "--out: the directory name is empty");
        }

        try
        {
            var full = Path.GetFullPath(path, env.WorkingDirectory);
            if (File.Exists(full))
            {
                throw new CliFailure(ExitCodes.BadInput, $"{path}: is a file; --out expects a directory");
            }

            Directory.CreateDirectory(full);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"{path}: cannot create the directory: {ex.Message}");
        }
    }

    private static async Task<long> DownloadAsync(ServerConnection connection, string kind, string temp, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, connection.Endpoint($"api/org/export/{kind}"));
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await connection.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await connection.ReadBodyAsync(response, cancellationToken);
            throw connection.UnexpectedStatus(response, body, "exporting");
        }

        try
        {
            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 81920, useAsync: true);
            await source.CopyToAsync(target, cancellationToken);
            return target.Length;
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpIOException)
        {
            throw new CliFailure(ExitCodes.Failure, $"the connection to {connection.BaseUri} broke while downloading {kind}.csv: {ex.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
