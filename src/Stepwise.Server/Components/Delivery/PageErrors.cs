using Stepwise.Api;
using Stepwise.Delivery;

namespace Stepwise.Server.Components.Delivery;

/// <summary>
/// What went wrong with a submitted form: field messages (from the service or from parsing the form) to show
/// next to their inputs, and the one sentence a conflict, refusal or missing object carries, for an alert.
/// </summary>
public sealed class PageErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public OutcomeFailure Failure { get; private set; }
    public string? Message { get; private set; }
    public bool Any => _fields.Count > 0 || Message is not null;
    public bool HasFieldErrors => _fields.Count > 0;
    public IEnumerable<string> AllFieldMessages => _fields.Values.SelectMany(m => m);

    public PageErrors Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var list)) _fields[field] = list = [];
        list.Add(message);
        if (Failure == OutcomeFailure.None) Failure = OutcomeFailure.Invalid;
        return this;
    }

    /// <summary>
    /// Keeps what a failed outcome says; a success leaves the errors untouched. <paramref name="rename"/> maps the
    /// service's field names to the form's when they differ (a list the form reordered before sending).
    /// </summary>
    public PageErrors Take<T>(Outcome<T> outcome, Func<string, string>? rename = null)
    {
        if (outcome.Succeeded) return this;
        Failure = outcome.Failure;
        Message = outcome.Message;
        foreach (var (field, messages) in outcome.Errors?.All ?? [])
            foreach (var message in messages) Add(rename?.Invoke(field) ?? field, message);
        return this;
    }

    /// <summary>
    /// Renames the service's "list[n].field" to "list[row].field": forms leave blank rows out (and the rules
    /// editor reorders), so the n-th item sent is not always the n-th row shown.
    /// </summary>
    public static Func<string, string> RowsAsShown(string list, IReadOnlyList<int> rowOfItem) => field =>
    {
        var prefix = list + "[";
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (!field.StartsWith(prefix, StringComparison.Ordinal) || close < 0) return field;
        return int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), out var item) && item >= 0 && item < rowOfItem.Count
            ? $"{prefix}{rowOfItem[item]}{field[close..]}" : field;
    };

    /// <summary>Messages for a field and, with <paramref name="nested"/>, for its items ("stages" also gives "stages[2]").</summary>
    public IReadOnlyList<string> For(string field, bool nested = false) =>
        _fields.Where(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)
                || (nested && (f.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) || f.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))))
            .SelectMany(f => f.Value).ToList();

    /// <summary>Bootstrap's invalid marker for an input whose field has messages.</summary>
    public string Css(string field, bool nested = false) => For(field, nested).Count > 0 ? "is-invalid" : "";
}
