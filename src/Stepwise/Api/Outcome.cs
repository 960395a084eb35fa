namespace Stepwise.Api;

public enum OutcomeFailure
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>
/// The result of an operation of any module, shared by the API (mapped to HTTP by <see cref="OutcomeResults"/>) and the
/// pages (shown as messages). Validation problems carry field errors; refusals and conflicts carry one sentence.
/// </summary>
public sealed record Outcome<T>(T? Value, OutcomeFailure Failure, FieldErrors? Errors = null, string? Message = null)
{
    public bool Succeeded => Failure == OutcomeFailure.None;

    public static implicit operator Outcome<T>(T value) => new(value, OutcomeFailure.None);

    public static Outcome<T> Ok(T value) => new(value, OutcomeFailure.None);

    public static Outcome<T> Invalid(FieldErrors errors) => new(default, OutcomeFailure.Invalid, errors);

    public static Outcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static Outcome<T> NotFound(string message) => new(default, OutcomeFailure.NotFound, Message: message);

    public static Outcome<T> Forbidden(string message) => new(default, OutcomeFailure.Forbidden, Message: message);

    public static Outcome<T> Conflict(string message) => new(default, OutcomeFailure.Conflict, Message: message);

    /// <summary>The same failure for another result type.</summary>
    public Outcome<TOther> As<TOther>() => new(default, Failure, Errors, Message);

    /// <summary>All messages as lines, for a page's alert.</summary>
    public IReadOnlyList<string> Messages =>
        Errors is not null ? Errors.All.SelectMany(e => e.Value).ToList() : Message is null ? [] : [Message];
}
