namespace Stepwise.Organization.Csv;

/// <summary>A quoting mistake inside one raw record: the lines after the record's first line, the 1-based field, and what is wrong.</summary>
public sealed record CsvQuotingProblem(int LineOffset, int Field, bool Unclosed, string Message);

/// <summary>
/// Finds where a record's quoting goes wrong. The parser only says that it does, and by then it has read past the
/// problem (an unclosed quote runs to the end of the file), so the place is worked out again from the raw text.
/// </summary>
public static class CsvQuoting
{
    public static CsvQuotingProblem? Find(string raw)
    {
        int i = 0, line = 0, field = 1;
        while (i < raw.Length)
        {
            if (raw[i] == '"')
            {
                var openedOn = line;
                for (i++; ; i++)
                {
                    if (i >= raw.Length)
                        return new(openedOn, field, true,
                            "The quote that opens this field is never closed, so the rest of the file was read as part of it. Add the closing '\"'.");
                    if (raw[i] == '\n') line++;
                    if (raw[i] != '"') continue;
                    if (i + 1 < raw.Length && raw[i + 1] == '"') { i++; continue; }
                    i++;
                    break;
                }
                if (i >= raw.Length || raw[i] is '\r' or '\n') return null;
                if (raw[i] != ',')
                    return new(line, field, false, "Text follows the closing '\"' of this quoted field. Quote the whole value and double any '\"' inside it.");
                i++;
                field++;
                continue;
            }
            for (; i < raw.Length && raw[i] is not (',' or '\r' or '\n'); i++)
                if (raw[i] == '"')
                    return new(line, field, false, "A '\"' inside an unquoted field. Quote the whole value and double the '\"'.");
            if (i >= raw.Length || raw[i] != ',') return null;
            i++;
            field++;
        }
        return null;
    }
}
