using Xunit;

namespace Stepwise.Cli.Tests;

/// <summary>The outcome of one in-process CLI run.</summary>
internal sealed record CliRunResult(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the CLI in-process with captured output, a temp working directory and explicit variables.</summary>
internal sealed class CliRunner : IDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public CliRunner()
    {
        // A folder of its own directly in the temp folder: a shared parent folder would be left behind.
        WorkingDirectory = Directory.CreateTempSubdirectory("stepwise-cli-tests-").FullName;
    }

    public string WorkingDirectory { get; }

    public bool Terminal { get; set; }

    public bool ErrorTerminal { get; set; }

    public HttpMessageHandler? Handler { get; set; }

    public CliRunner WithVariable(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public string WriteFile(string relativePath, string text) =>
        WriteFile(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteFile(string relativePath, byte[] bytes)
    {
        var full = Path.Combine(WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return relativePath;
    }

    public async Task<CliRunResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            OutputIsTerminal = Terminal,
            ErrorIsTerminal = ErrorTerminal,
            HttpMessageHandler = Handler,
            GetEnvironmentVariable = name => _variables.GetValueOrDefault(name),
            WorkingDirectory = WorkingDirectory,
            HttpTimeout = TimeSpan.FromSeconds(30),
        };
        var code = await CliApp.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new CliRunResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder never fails a test.
        }
    }
}
