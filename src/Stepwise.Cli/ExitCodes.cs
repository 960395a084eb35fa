namespace Stepwise.Cli;

/// <summary>Process exit codes returned by <see cref="CliApp.RunAsync"/>.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>The server could not be reached, refused the token or permission, or failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unusable arguments, a missing or non-UTF-8 file, or rows the server rejected.</summary>
    public const int BadInput = 2;

    /// <summary>The command was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
