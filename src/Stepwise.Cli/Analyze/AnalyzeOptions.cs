namespace Stepwise.Cli.Analyze;

/// <summary>How <c>stepwise analyze</c> prints its result.</summary>
internal enum AnalyzeFormat
{
    /// <summary>Tables and plain-language sentences for people.</summary>
    Table,

    /// <summary>One JSON document for programs.</summary>
    Json,
}

/// <summary>The parsed options of <c>stepwise analyze</c>.</summary>
/// <param name="Input">The CSV path as typed; used in every message.</param>
/// <param name="Control">Name of the control variant.</param>
/// <param name="Alpha">Significance level in (0, 1).</param>
/// <param name="Weights">Planned weight per variant (any positive scale), or null for equal weights.</param>
/// <param name="Format">Output format.</param>
internal sealed record AnalyzeOptions(string Input, string Control, double Alpha, IReadOnlyDictionary<string, double>? Weights, AnalyzeFormat Format);
