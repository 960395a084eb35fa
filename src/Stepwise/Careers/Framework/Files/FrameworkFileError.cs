namespace Stepwise.Careers.Framework.Files;

public enum FrameworkFormat { Yaml, Json }

/// <summary>One problem in an imported file: where (a JSONPath such as <c>$.characteristics[0].cells[1].expected</c>, and the line and column when known) and why.</summary>
public sealed record FrameworkFileError(string Path, string Message, int? Line, int? Column)
{
    public override string ToString() => Line is { } line ? $"{Path} (line {line}, column {Column}): {Message}" : $"{Path}: {Message}";
}

public sealed record FrameworkParseResult(CareerFramework? Framework, IReadOnlyList<FrameworkFileError> Errors)
{
    public bool Succeeded => Framework is not null && Errors.Count == 0;
}
