using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Stepwise.Api;

/// <summary>Collects field errors for one request so they are all reported at once, in problem+json.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Every field with its messages, in the order they were added.</summary>
    public IEnumerable<KeyValuePair<string, List<string>>> All => _errors;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"'{field}' is required.");
        else if (value.Length > maxLength) Add(field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
        return this;
    }

    public FieldErrors Limit(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
        return this;
    }

    public ValidationProblem ToProblem(string? detail = null) =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), detail, title: "The request has invalid fields.");

    public static ValidationProblem For(string field, string message) => new FieldErrors().Add(field, message).ToProblem();
}

/// <summary>Query-string paging shared by every list endpoint.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;

    public static (int Page, int PageSize) Read(int? page, int? pageSize, FieldErrors errors)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1) errors.Add("page", "'page' counts from 1.");
        if (size is < 1 or > Organization.Page<object>.MaxPageSize)
            errors.Add("pageSize", $"'pageSize' must be between 1 and {Organization.Page<object>.MaxPageSize}.");
        return (p, size);
    }
}

/// <summary>Marks an endpoint that accepts bodies larger than the default limit (imports).</summary>
public sealed record LargeBodyMetadata(long MaxBytes);
