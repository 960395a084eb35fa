using Stepwise.Api;

namespace Stepwise.Careers.Steps;

public enum CareerFailure
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The result of a Career Steps operation, shared by the API (mapped to HTTP results) and the pages (shown as messages).</summary>
public sealed record CareerOutcome<T>(T? Value, CareerFailure Failure, FieldErrors? Errors = null, string? Message = null)
{
    public bool Succeeded => Failure == CareerFailure.None;

    public static implicit operator CareerOutcome<T>(T value) => new(value, CareerFailure.None);

    public static CareerOutcome<T> Ok(T value) => new(value, CareerFailure.None);

    public static CareerOutcome<T> Invalid(FieldErrors errors) => new(default, CareerFailure.Invalid, errors);

    public static CareerOutcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static CareerOutcome<T> NotFound(string message) => new(default, CareerFailure.NotFound, Message: message);

    public static CareerOutcome<T> Forbidden(string message) => new(default, CareerFailure.Forbidden, Message: message);

    public static CareerOutcome<T> Conflict(string message) => new(default, CareerFailure.Conflict, Message: message);

    public IReadOnlyList<string> Messages =>
        Errors is not null ? Errors.All.SelectMany(e => e.Value).ToList() : Message is null ? [] : [Message];
}
