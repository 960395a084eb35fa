using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Stepwise.Organization.Csv;

/// <summary>One data row with its physical line number, read by header name.</summary>
public sealed class CsvRow(CsvTable table, int line, string[] fields)
{
    public int Line { get; } = line;

    /// <summary>The trimmed value of a column, or empty when the column is absent.</summary>
    public string this[string column] =>
        table.ColumnIndex(column) is { } i && i < fields.Length ? fields[i].Trim() : "";

    public int ColumnOf(string column) => (table.ColumnIndex(column) ?? 0) + 1;

    public CsvError Error(string column, string message) => new(table.FileName, Line, ColumnOf(column), column, message);
}

/// <summary>
/// A CSV file checked against an expected header before any row is used: unknown, duplicate and missing columns are
/// errors, as are rows with the wrong number of fields, so a shifted column can never be imported silently.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    public string FileName { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    private CsvTable(string fileName, List<CsvRow> rows) => (FileName, Rows) = (fileName, rows);

    public int? ColumnIndex(string column) => _columns.TryGetValue(column, out var i) ? i : null;

    public static CsvTable Read(string fileName, string text, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<CsvError> errors)
    {
        var rows = new List<CsvRow>();
        var table = new CsvTable(fileName, rows);
        CheckEncoding(fileName, text, errors);
        var body = text.StartsWith('\uFEFF') ? text[1..] : text;
        var malformed = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = false,
            BadDataFound = _ => malformed = true,
        };
        using var reader = new StringReader(body);
        using var parser = new CsvParser(reader, config);
        var lines = new LineCounter(body);
        string[]? header = null;
        var records = 0;
        while (parser.Read())
        {
            records++;
            // Where the record starts: the parser's own row counter is past the record, and further still after an unclosed quote.
            var line = lines.LineAt((int)parser.CharCount - parser.RawRecord.Length);
            var fields = parser.Record ?? [];
            if (malformed)
            {
                malformed = false;
                if (Quoting(table, header, line, parser.RawRecord, errors)) continue;
            }
            if (header is null)
            {
                header = fields;
                table.ReadHeader(line, header, required, optional, errors);
            }
            else if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            else if (fields.Length != header.Length)
                errors.Add(new CsvError(fileName, line, Math.Min(fields.Length, header.Length) + 1, null,
                    $"Expected {header.Length} fields as in the header but found {fields.Length}."));
            else
                rows.Add(new CsvRow(table, line, fields));
        }
        if (records == 0) errors.Add(new CsvError(fileName, 1, 1, null, "The file is empty; expected a header line."));
        return table;
    }

    /// <summary>
    /// Reports a quoting mistake where it is, naming the column from the header. True when the record cannot be used: an
    /// unclosed quote swallowed the rest of the file into one field. Other mistakes leave the fields in place, so the row's
    /// other cells are still checked.
    /// </summary>
    private static bool Quoting(CsvTable table, string[]? header, int line, string raw, List<CsvError> errors)
    {
        var problem = CsvQuoting.Find(raw)
            ?? new CsvQuotingProblem(0, 1, false, $"Malformed quoting near \"{Shorten(raw)}\".");
        var field = header is not null && problem.Field <= header.Length ? header[problem.Field - 1].Trim() : null;
        errors.Add(new CsvError(table.FileName, line + problem.LineOffset, problem.Field, field, problem.Message));
        return problem.Unclosed;
    }

    private void ReadHeader(int line, string[] header, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<CsvError> errors)
    {
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!required.Contains(name, StringComparer.OrdinalIgnoreCase) && !optional.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new CsvError(FileName, line, i + 1, name,
                    $"Unknown column '{name}'. Expected columns: {string.Join(", ", required.Concat(optional))}."));
            else if (!_columns.TryAdd(name, i))
                errors.Add(new CsvError(FileName, line, i + 1, name, $"Column '{name}' appears twice."));
        }
        foreach (var column in required.Where(c => !_columns.ContainsKey(c)))
            errors.Add(new CsvError(FileName, line, header.Length + 1, column, $"Missing required column '{column}'."));
    }

    /// <summary>Text decoded from bytes that were not valid UTF-8 carries U+FFFD; name where, instead of importing garbled names.</summary>
    private static void CheckEncoding(string fileName, string text, List<CsvError> errors)
    {
        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\uFFFD')
            {
                errors.Add(new CsvError(fileName, line, column, null, "The file is not valid UTF-8 (save it as 'CSV UTF-8')."));
                return;
            }
            if (c == '\0')
            {
                errors.Add(new CsvError(fileName, line, column, null, "The file contains a NUL character; it looks binary or UTF-16. Save it as 'CSV UTF-8'."));
                return;
            }
            if (c == '\n') { line++; column = 1; } else column++;
        }
    }

    /// <summary>Line numbers of positions in the text, counted forward once however many records ask.</summary>
    private sealed class LineCounter(string text)
    {
        private int _position;
        private int _line = 1;

        public int LineAt(int position)
        {
            for (; _position < position && _position < text.Length; _position++)
                if (text[_position] == '\n') _line++;
            return _line;
        }
    }

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 40 ? s.Trim() : s[..40] + "…";
}
