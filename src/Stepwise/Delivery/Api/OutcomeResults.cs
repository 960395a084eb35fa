using Microsoft.AspNetCore.Http;

namespace Stepwise.Delivery.Api;

/// <summary>Maps a <see cref="DeliveryOutcome{T}"/> to HTTP: 400 with field errors, 403, 404 and 409 as problem+json.</summary>
internal static class OutcomeResults
{
    public static IResult Ok<T>(DeliveryOutcome<T> outcome) => Map(outcome, v => Results.Ok(v));

    public static IResult Created<T>(DeliveryOutcome<T> outcome, Func<T, string> location) => Map(outcome, v => Results.Created(location(v), v));

    private static IResult Map<T>(DeliveryOutcome<T> outcome, Func<T, IResult> success) => outcome.Failure switch
    {
        DeliveryFailure.None => success(outcome.Value!),
        DeliveryFailure.Invalid => outcome.Errors!.ToProblem(),
        DeliveryFailure.NotFound => Results.Problem(title: "Not found.", detail: outcome.Message, statusCode: StatusCodes.Status404NotFound),
        DeliveryFailure.Forbidden => Results.Problem(title: "Not allowed.", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "The change conflicts with the current state.", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
