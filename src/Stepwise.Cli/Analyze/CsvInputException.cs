namespace Stepwise.Cli.Analyze;

/// <summary>
/// A problem in the input file at a known place. The command turns it into one
/// <c>FILE:LINE:COLUMN: message</c> line; the column is the 1-based field number.
/// </summary>
internal sealed class CsvInputException(long line, int column, string message) : Exception(message)
{
    /// <summary>1-based physical line (as an editor counts it).</summary>
    public long Line { get; } = line;

    /// <summary>1-based field number within the record.</summary>
    public int Column { get; } = column;
}
