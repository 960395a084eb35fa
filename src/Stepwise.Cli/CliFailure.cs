namespace Stepwise.Cli;

/// <summary>
/// A failure that ends the command with a known exit code. Each line of <see cref="Lines"/> is
/// written to standard error as is; no stack trace is ever shown.
/// </summary>
internal sealed class CliFailure : Exception
{
    public CliFailure(int exitCode, string message)
        : this(exitCode, [message])
    {
    }

    public CliFailure(int exitCode, IReadOnlyList<string> lines)
        : base(string.Join(Environment.NewLine, lines))
    {
        ExitCode = exitCode;
        Lines = lines;
    }

    public CliFailure()
        : this(ExitCodes.Failure, "failed")
    {
    }

    public CliFailure(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
        Lines = [message];
    }

    public int ExitCode { get; }

    public IReadOnlyList<string> Lines { get; }
}
