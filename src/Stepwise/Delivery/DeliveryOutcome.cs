using Stepwise.Api;

namespace Stepwise.Delivery;

public enum DeliveryFailure
{
    None,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>
/// The result of a delivery operation, shared by the API (mapped to HTTP results) and the pages (shown as
/// messages). Validation problems carry field errors; conflicts carry one sentence saying what is in the way.
/// </summary>
public sealed record DeliveryOutcome<T>(T? Value, DeliveryFailure Failure, FieldErrors? Errors = null, string? Message = null)
{
    public bool Succeeded => Failure == DeliveryFailure.None;

    public static implicit operator DeliveryOutcome<T>(T value) => new(value, DeliveryFailure.None);

    public static DeliveryOutcome<T> Invalid(FieldErrors errors) => new(default, DeliveryFailure.Invalid, errors);

    public static DeliveryOutcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static DeliveryOutcome<T> NotFound(string message) => new(default, DeliveryFailure.NotFound, Message: message);

    public static DeliveryOutcome<T> Forbidden(string message) => new(default, DeliveryFailure.Forbidden, Message: message);

    public static DeliveryOutcome<T> Conflict(string message) => new(default, DeliveryFailure.Conflict, Message: message);

    /// <summary>All messages as lines, for a page's alert.</summary>
    public IReadOnlyList<string> Messages =>
        Errors is not null ? Errors.All.SelectMany(e => e.Value).ToList() : Message is null ? [] : [Message];
}
