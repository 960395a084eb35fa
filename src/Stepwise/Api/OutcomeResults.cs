using Microsoft.AspNetCore.Http;

namespace Stepwise.Api;

/// <summary>Maps an <see cref="Outcome{T}"/> to HTTP: 400 with field errors, 403, 404 and 409 as problem+json.</summary>
public static class OutcomeResults
{
    public static IResult Ok<T>(Outcome<T> outcome) => Map(outcome, v => Results.Ok(v));

    public static IResult Created<T>(Outcome<T> outcome, Func<T, string> location) => Map(outcome, v => Results.Created(location(v), v));

    /// <summary>200 with a body shaped from the value (e.g. <c>new { id }</c> for a bare id).</summary>
    public static IResult Ok<T>(Outcome<T> outcome, Func<T, object> body) => Map(outcome, v => Results.Ok(body(v)));

    public static IResult Created<T>(Outcome<T> outcome, Func<T, string> location, Func<T, object> body) =>
        Map(outcome, v => Results.Created(location(v), body(v)));

    private static IResult Map<T>(Outcome<T> outcome, Func<T, IResult> success) => outcome.Failure switch
    {
        OutcomeFailure.None => success(outcome.Value!),
        OutcomeFailure.Invalid => outcome.Errors!.ToProblem(),
        OutcomeFailure.NotFound => Results.Problem(title: "Not found.", detail: outcome.Message, statusCode: StatusCodes.Status404NotFound),
        OutcomeFailure.Forbidden => Results.Problem(title: "Not allowed.", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "The change conflicts with the current state.", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
