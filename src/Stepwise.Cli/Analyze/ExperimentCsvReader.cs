using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>What was read from an experiment CSV: the layout and the per-variant sufficient statistics.</summary>
/// <param name="Layout">Column roles from the header.</param>
/// <param name="Accumulator">Sufficient statistics per metric and variant.</param>
/// <param name="Rows">Data rows (units) read.</param>
internal sealed record ExperimentCsv(CsvLayout Layout, ExperimentAccumulator Accumulator, long Rows);

/// <summary>
/// Streams an experiment CSV (<c>unit_id,variant,metric…[,metric_pre…]</c>) into an
/// <see cref="ExperimentAccumulator"/> in constant memory: UTF-8 bytes are split and parsed in place
/// through a fixed buffer and no row is ever materialized. Every problem is reported as a
/// <see cref="CsvInputException"/> with its line and field number.
/// </summary>
internal sealed class ExperimentCsvReader
{
    private const int InitialBufferBytes = 1 << 20;
    private const int MaxRecordBytes = 64 << 20;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly Action<long> _onProgress;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private long _bufferFileOffset;
    private long _bytesRead;
    private bool _endOfInput;
    private long _line = 1;

    private ExperimentCsvReader(Stream stream, Action<long> onProgress)
    {
        _stream = stream;
        _onProgress = onProgress;
    }

    /// <summary>Reads the whole stream.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="onProgress">Called after each block with the bytes read so far.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="CsvInputException">The file is empty, malformed or holds a value that is not a finite number.</exception>
    public static ExperimentCsv Read(Stream stream, Action<long>? onProgress = null, CancellationToken cancellationToken = default) =>
        new ExperimentCsvReader(stream, onProgress ?? (static _ => { })).ReadAll(cancellationToken);

    private ExperimentCsv ReadAll(CancellationToken cancellationToken)
    {
        Fill();
        while (_end < 3 && !_endOfInput) Fill();
        if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8)) _start = 3;

        CsvLayout layout = CsvLayout.Create(ReadHeader(cancellationToken));
        int columns = layout.Columns.Length;
        var accumulator = new ExperimentAccumulator([.. layout.Metrics.Select((name, slot) => new MetricDefinition(name) { HasCovariate = layout.HasCovariate[slot] })]);
        var variants = new VariantTable(accumulator);
        var values = new double[layout.Metrics.Length];
        var covariates = new double[layout.Metrics.Length];
        var fields = new CsvField[columns + 1];
        var scratch = Array.Empty<byte>();
        long rows = 0;

        while (NextRecord(fields, out int fieldCount, out ReadOnlySpan<byte> record, out long line, cancellationToken))
        {
            if (fieldCount == 1 && fields[0].Length == 0) continue;   // blank line
            if (fieldCount != columns) throw Ragged(layout, fields, fieldCount, line);

            int variant = -1;
            for (int c = 0; c < columns; c++)
            {
                CsvField field = fields[c];
                ReadOnlySpan<byte> text = record.Slice(field.Start, field.Length);
                if (field.HasEscapedQuotes)
                {
                    if (scratch.Length < text.Length) scratch = new byte[text.Length];
                    text = scratch.AsSpan(0, CsvRecordSplitter.Unescape(text, scratch));
                }

                ColumnRole role = layout.Columns[c];
                long fieldLine = line + field.LineOffset;
                switch (role.Kind)
                {
                    case ColumnKind.Metric:
                        values[role.Slot] = ParseNumber(text, role, fieldLine, c + 1);
                        break;
                    case ColumnKind.Covariate:
                        covariates[role.Slot] = ParseNumber(text, role, fieldLine, c + 1);
                        break;
                    case ColumnKind.Variant:
                        variant = variants.IndexOf(text, fieldLine, c + 1);
                        break;
                    default:
                        if (text.IsEmpty) throw new CsvInputException(fieldLine, c + 1, $"empty value in column '{role.Name}'; every row needs a unit id");
                        break;
                }
            }

            accumulator.Add(variant, values, covariates);
            rows++;
        }

        if (rows == 0)
        {
            throw new CsvInputException(_line, 1, "no data rows after the header; expected one row per unit");
        }

        return new ExperimentCsv(layout, accumulator, rows);
    }

    private string[] ReadHeader(CancellationToken cancellationToken)
    {
        var fields = new CsvField[64];
        long startLine = _line;
        int start = _start;
        long offset = _bufferFileOffset;
        if (!NextRecord(fields, out int count, out ReadOnlySpan<byte> record, out long line, cancellationToken))
        {
            throw new CsvInputException(1, 1, "the file is empty; expected a header line such as 'unit_id,variant,revenue' and one row per unit");
        }

        if (count > fields.Length)
        {
            // Rare: a very wide header. Split the same record again with room for every field.
            fields = new CsvField[count];
            (_start, _line) = (start - (int)(_bufferFileOffset - offset), startLine);
            NextRecord(fields, out count, out record, out line, cancellationToken);
        }

        if (count == 1 && fields[0].Length == 0)
        {
            throw new CsvInputException(line, 1, "the first line is empty; expected a header line such as 'unit_id,variant,revenue'");
        }

        var names = new string[count];
        for (int c = 0; c < count; c++)
        {
            ReadOnlySpan<byte> text = record.Slice(fields[c].Start, fields[c].Length);
            byte[] bytes = fields[c].HasEscapedQuotes ? new byte[text.Length] : [];
            if (fields[c].HasEscapedQuotes) text = bytes.AsSpan(0, CsvRecordSplitter.Unescape(text, bytes));
            names[c] = Strict.GetString(text);
        }

        return names;
    }

    /// <summary>
    /// Splits the next record, reading more of the stream as needed. The record's bytes stay valid until
    /// the next call. Returns false at the end of the input.
    /// </summary>
    private bool NextRecord(Span<CsvField> fields, out int fieldCount, out ReadOnlySpan<byte> record, out long line, CancellationToken cancellationToken)
    {
        while (true)
        {
            line = _line;
            if (_start == _end && _endOfInput)
            {
                fieldCount = 0;
                record = default;
                return false;
            }

            SplitStatus status;
            int consumed, lineBreaks;
            try
            {
                status = CsvRecordSplitter.Split(_buffer.AsSpan(_start, _end - _start), _endOfInput, fields, out fieldCount, out consumed, out lineBreaks);
            }
            catch (CsvSyntaxException ex)
            {
                throw new CsvInputException(_line + ex.LineOffset, ex.FieldNumber, ex.Message);
            }

            if (status == SplitStatus.NeedMoreData)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Fill();
                continue;
            }

            record = _buffer.AsSpan(_start, consumed);
            if (!Utf8.IsValid(record)) throw InvalidUtf8(record, fields, fieldCount);
            _start += consumed;
            _line += lineBreaks;
            return true;
        }
    }

    /// <summary>Moves the unread tail to the front of the buffer (growing it for a huge record) and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferFileOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxRecordBytes)
            {
                // Almost always a quote that never closes: point at where it opens, as a short file would.
                try
                {
                    CsvRecordSplitter.Split(_buffer.AsSpan(0, _end), endOfInput: true, new CsvField[1], out _, out _, out _);
                }
                catch (CsvSyntaxException ex)
                {
                    throw new CsvInputException(_line + ex.LineOffset, ex.FieldNumber, ex.Message);
                }

                throw new CsvInputException(_line, 1, Invariant($"a record longer than {MaxRecordBytes >> 20} MB starts here; is a quote missing its partner?"));
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _endOfInput = read == 0;
        _end += read;
        _bytesRead += read;
        _onProgress(_bytesRead);
    }

    private static double ParseNumber(ReadOnlySpan<byte> text, ColumnRole role, long line, int column)
    {
        if (Utf8Number.TryParse(text, out double value) && double.IsFinite(value)) return value;
        if (text.IsEmpty)
        {
            throw new CsvInputException(line, column, $"empty value in column '{role.Name}'; every row needs a number there");
        }

        string shown = Shorten(Encoding.UTF8.GetString(text));
        bool parsed = Utf8Number.TryParse(text, out _);
        throw new CsvInputException(line, column, parsed
            ? $"'{shown}' in column '{role.Name}' is not a finite number; NaN and infinities cannot be analysed"
            : $"'{shown}' in column '{role.Name}' is not a number");
    }

    private CsvInputException InvalidUtf8(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields, int fieldCount)
    {
        int offset = 0;
        while (offset < record.Length && Rune.DecodeFromUtf8(record[offset..], out _, out int length) == OperationStatus.Done) offset += length;
        int field = 1;
        for (int f = 1; f < Math.Min(fieldCount, fields.Length); f++)
        {
            if (fields[f].Start <= offset) field = f + 1;
        }

        long line = _line + record[..offset].Count((byte)'\n');
        long fileOffset = _bufferFileOffset + _start + offset;
        return new CsvInputException(line, field, Invariant($"not valid UTF-8 (byte 0x{record[Math.Min(offset, record.Length - 1)]:X2} at byte offset {fileOffset}); save the file as UTF-8 and try again"));
    }

    private static CsvInputException Ragged(CsvLayout layout, ReadOnlySpan<CsvField> fields, int fieldCount, long line)
    {
        int columns = layout.Columns.Length;
        if (fieldCount < columns)
        {
            string missing = string.Join(", ", layout.Header.Skip(fieldCount));
            return new CsvInputException(line, fieldCount + 1, Invariant($"this row has {fieldCount} fields but the header has {columns}; missing: {missing}"));
        }

        return new CsvInputException(line + fields[columns].LineOffset, columns + 1, Invariant($"this row has {fieldCount} fields but the header has {columns}; a value may contain an unquoted comma"));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
