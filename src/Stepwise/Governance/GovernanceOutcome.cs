using Stepwise.Api;

namespace Stepwise.Governance;

public enum GovernanceFailure { None, NotFound, Forbidden, Invalid, Conflict }

/// <summary>The result of a governed-editing operation, shared by the API (mapped to HTTP results) and the pages (shown as messages).</summary>
public sealed record GovernanceOutcome<T>(T? Value, GovernanceFailure Failure, FieldErrors? Errors = null, string? Message = null)
{
    public bool Succeeded => Failure == GovernanceFailure.None;

    public static implicit operator GovernanceOutcome<T>(T value) => new(value, GovernanceFailure.None);

    public static GovernanceOutcome<T> Invalid(FieldErrors errors) => new(default, GovernanceFailure.Invalid, errors);

    public static GovernanceOutcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static GovernanceOutcome<T> NotFound(string message) => new(default, GovernanceFailure.NotFound, Message: message);

    public static GovernanceOutcome<T> Forbidden(string message) => new(default, GovernanceFailure.Forbidden, Message: message);

    public static GovernanceOutcome<T> Conflict(string message) => new(default, GovernanceFailure.Conflict, Message: message);

    /// <summary>The same failure for another result type.</summary>
    public GovernanceOutcome<TOther> As<TOther>() => new(default, Failure, Errors, Message);

    public IReadOnlyList<string> Messages =>
        Errors is not null ? Errors.All.SelectMany(e => e.Value).ToList() : Message is null ? [] : [Message];
}
