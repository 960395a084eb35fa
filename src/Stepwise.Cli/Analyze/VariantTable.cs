using System.Text;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// Maps the raw bytes of a variant field to the accumulator's variant index without creating a string
/// per row: experiments have a handful of variants, so a short scan beats hashing, and the last match is
/// tried first because exported rows often come grouped by variant.
/// </summary>
internal sealed class VariantTable(ExperimentAccumulator accumulator)
{
    /// <summary>More distinct values than this means the column is not really a variant column.</summary>
    public const int MaxVariants = 100;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly List<byte[]> _names = [];
    private int _last;

    /// <summary>The variant index of <paramref name="name"/>, registering a new variant on first sight.</summary>
    /// <param name="name">The field's bytes (valid UTF-8).</param>
    /// <param name="line">Line, for errors.</param>
    /// <param name="column">Column, for errors.</param>
    /// <returns>The index in the accumulator.</returns>
    public int IndexOf(ReadOnlySpan<byte> name, long line, int column)
    {
        if (_last < _names.Count && name.SequenceEqual(_names[_last])) return _last;
        for (int i = 0; i < _names.Count; i++)
        {
            if (name.SequenceEqual(_names[i])) return _last = i;
        }

        return _last = Register(name, line, column);
    }

    private int Register(ReadOnlySpan<byte> name, long line, int column)
    {
        if (name.IsEmpty)
        {
            throw new CsvInputException(line, column, $"empty value in column '{CsvLayout.VariantColumn}'; every row needs the name of its variant");
        }

        if (_names.Count == MaxVariants)
        {
            throw new CsvInputException(line, column, $"more than {MaxVariants} different values in column '{CsvLayout.VariantColumn}'; it should hold the variant names (such as control and treatment), not one value per unit");
        }

        int index = accumulator.GetVariantIndex(Strict.GetString(name));
        _names.Add(name.ToArray());
        return index;
    }
}
