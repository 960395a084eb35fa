namespace Stepwise.Cli.Analyze;

/// <summary>One field of a CSV record: where its content sits relative to the start of the record.</summary>
internal struct CsvField
{
    /// <summary>Offset of the content (inside the quotes for a quoted field).</summary>
    public int Start;

    /// <summary>Length of the content in bytes.</summary>
    public int Length;

    /// <summary>Line breaks between the start of the record and the start of this field (quoted fields can span lines).</summary>
    public int LineOffset;

    /// <summary>True for a quoted field containing doubled quotes (""), which must be unescaped before use.</summary>
    public bool HasEscapedQuotes;
}

/// <summary>Whether a record could be split.</summary>
internal enum SplitStatus
{
    /// <summary>A whole record was split.</summary>
    Record,

    /// <summary>The data ends inside the record; read more and split again from the same start.</summary>
    NeedMoreData,
}

/// <summary>Malformed CSV syntax, located relative to the start of the record.</summary>
internal sealed class CsvSyntaxException(int lineOffset, int fieldNumber, string message) : Exception(message)
{
    /// <summary>Line breaks between the record's first line and the problem.</summary>
    public int LineOffset { get; } = lineOffset;

    /// <summary>1-based number of the field with the problem.</summary>
    public int FieldNumber { get; } = fieldNumber;
}

/// <summary>
/// Splits RFC 4180 records (comma-separated, optional double quotes, "" inside quotes, LF or CRLF line
/// ends) out of UTF-8 bytes without copying them. Records without quotes take a vectorized fast path.
/// </summary>
internal static class CsvRecordSplitter
{
    /// <summary>Splits the record at the start of <paramref name="data"/>.</summary>
    /// <param name="data">Bytes from the start of a record to the end of what has been read.</param>
    /// <param name="endOfInput">True when no more bytes follow <paramref name="data"/>.</param>
    /// <param name="fields">Receives the first fields; later ones are counted but not stored.</param>
    /// <param name="fieldCount">The number of fields in the record.</param>
    /// <param name="consumed">Bytes of the record including its line end.</param>
    /// <param name="lineBreaks">Line breaks consumed, including the one ending the record.</param>
    /// <returns><see cref="SplitStatus.NeedMoreData"/> when the record may continue past <paramref name="data"/>.</returns>
    /// <exception cref="CsvSyntaxException">A stray or unterminated quote.</exception>
    public static SplitStatus Split(ReadOnlySpan<byte> data, bool endOfInput, Span<CsvField> fields, out int fieldCount, out int consumed, out int lineBreaks)
    {
        int stop = data.IndexOfAny((byte)'\n', (byte)'"');
        if (stop >= 0 && data[stop] == (byte)'"')
        {
            return SplitQuoted(data, endOfInput, fields, out fieldCount, out consumed, out lineBreaks);
        }

        fieldCount = consumed = lineBreaks = 0;
        ReadOnlySpan<byte> record;
        if (stop < 0)
        {
            if (!endOfInput) return SplitStatus.NeedMoreData;
            record = data;
            consumed = data.Length;
        }
        else
        {
            record = data[..stop];
            consumed = stop + 1;
            lineBreaks = 1;
        }

        if (record.Length > 0 && record[^1] == (byte)'\r') record = record[..^1];
        fieldCount = SplitPlain(record, fields);
        return SplitStatus.Record;
    }

    private static int SplitPlain(ReadOnlySpan<byte> record, Span<CsvField> fields)
    {
        int count = 0, position = 0;
        while (true)
        {
            int comma = record[position..].IndexOf((byte)',');
            int length = comma < 0 ? record.Length - position : comma;
            if (count < fields.Length) fields[count] = new CsvField { Start = position, Length = length };
            count++;
            if (comma < 0) return count;
            position += comma + 1;
        }
    }

    /// <summary>The general state machine, for records that contain a quote somewhere.</summary>
    private static SplitStatus SplitQuoted(ReadOnlySpan<byte> data, bool endOfInput, Span<CsvField> fields, out int fieldCount, out int consumed, out int lineBreaks)
    {
        int count = 0, lines = 0, position = 0;
        fieldCount = consumed = lineBreaks = 0;
        while (true)
        {
            var field = new CsvField { LineOffset = lines };
            if (position < data.Length && data[position] == (byte)'"')
            {
                int closing = position + 1;
                while (true)
                {
                    int quote = data[closing..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        if (!endOfInput) return SplitStatus.NeedMoreData;
                        throw new CsvSyntaxException(field.LineOffset, count + 1, "this quoted field is never closed; a '\"' is missing");
                    }

                    lines += data.Slice(closing, quote).Count((byte)'\n');
                    closing += quote;
                    if (closing + 1 >= data.Length && !endOfInput) return SplitStatus.NeedMoreData;
                    if (closing + 1 < data.Length && data[closing + 1] == (byte)'"')
                    {
                        field.HasEscapedQuotes = true;
                        closing += 2;
                        continue;
                    }

                    break;
                }

                field.Start = position + 1;
                field.Length = closing - field.Start;
                Store(fields, count++, field);
                position = closing + 1;
                if (position >= data.Length)
                {
                    consumed = position;
                    break;
                }

                byte next = data[position];
                if (next == (byte)',')
                {
                    position++;
                    continue;
                }

                if (next == (byte)'\r' && position + 1 >= data.Length)
                {
                    if (!endOfInput) return SplitStatus.NeedMoreData;
                    consumed = position + 1;
                    break;
                }

                int lineEnd = next == (byte)'\n' ? 1
                    : next == (byte)'\r' && data[position + 1] == (byte)'\n' ? 2
                    : 0;
                if (lineEnd == 0)
                {
                    throw new CsvSyntaxException(lines, count, "unexpected text after the closing '\"' of a quoted field; put the whole field in quotes and double any '\"' inside it");
                }

                consumed = position + lineEnd;
                lines++;
                break;
            }

            int relative = data[position..].IndexOfAny((byte)',', (byte)'\n', (byte)'"');
            if (relative < 0)
            {
                if (!endOfInput) return SplitStatus.NeedMoreData;
                field.Start = position;
                field.Length = TrimCarriageReturn(data, position, data.Length);
                Store(fields, count++, field);
                consumed = data.Length;
                break;
            }

            int at = position + relative;
            if (data[at] == (byte)'"')
            {
                throw new CsvSyntaxException(lines, count + 1, "a '\"' inside an unquoted field; put the whole field in quotes and double the '\"'");
            }

            field.Start = position;
            field.Length = data[at] == (byte)'\n' ? TrimCarriageReturn(data, position, at) : at - position;
            Store(fields, count++, field);
            if (data[at] == (byte)',')
            {
                position = at + 1;
                continue;
            }

            consumed = at + 1;
            lines++;
            break;
        }

        fieldCount = count;
        lineBreaks = lines;
        return SplitStatus.Record;
    }

    private static int TrimCarriageReturn(ReadOnlySpan<byte> data, int start, int end) =>
        end > start && data[end - 1] == (byte)'\r' ? end - 1 - start : end - start;

    private static void Store(Span<CsvField> fields, int index, CsvField field)
    {
        if (index < fields.Length) fields[index] = field;
    }

    /// <summary>Copies a quoted field's content with each "" turned into ".</summary>
    /// <param name="content">The content between the quotes.</param>
    /// <param name="destination">At least as long as <paramref name="content"/>.</param>
    /// <returns>The unescaped length.</returns>
    public static int Unescape(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < content.Length; i++)
        {
            destination[written++] = content[i];
            if (content[i] == (byte)'"') i++;
        }

        return written;
    }
}
