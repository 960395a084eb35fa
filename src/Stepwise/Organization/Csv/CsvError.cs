namespace Stepwise.Organization.Csv;

/// <summary>A problem in an uploaded file, located precisely enough for someone to fix it in a spreadsheet. Line and column count from 1.</summary>
public sealed record CsvError(string File, int Line, int Column, string? Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
