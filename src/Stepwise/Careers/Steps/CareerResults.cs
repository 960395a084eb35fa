using Microsoft.AspNetCore.Http;

namespace Stepwise.Careers.Steps;

/// <summary>Maps <see cref="CareerOutcome{T}"/> to problem+json results.</summary>
public static class CareerResults
{
    public static IResult Ok<T>(CareerOutcome<T> outcome) => Map(outcome, v => Results.Ok(v));

    public static IResult Created<T>(CareerOutcome<T> outcome, Func<T, string> location) => Map(outcome, v => Results.Created(location(v), v));

    private static IResult Map<T>(CareerOutcome<T> outcome, Func<T, IResult> success) => outcome.Failure switch
    {
        CareerFailure.None => success(outcome.Value!),
        CareerFailure.Invalid => outcome.Errors!.ToProblem(),
        CareerFailure.NotFound => Results.Problem(title: "Not found.", detail: outcome.Message, statusCode: StatusCodes.Status404NotFound),
        CareerFailure.Forbidden => Results.Problem(title: "Not allowed.", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "The change conflicts with the current state.", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
