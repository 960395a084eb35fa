using Microsoft.AspNetCore.Http;

namespace Stepwise.Governance.Api;

/// <summary>Maps a <see cref="GovernanceOutcome{T}"/> to HTTP: 400 with field errors, 403, 404 and 409 as problem+json.</summary>
public static class GovernanceResults
{
    public static IResult Ok<T>(GovernanceOutcome<T> outcome) => Map(outcome, v => Results.Ok(v));

    public static IResult Created<T>(GovernanceOutcome<T> outcome, Func<T, string> location) => Map(outcome, v => Results.Created(location(v), v));

    private static IResult Map<T>(GovernanceOutcome<T> outcome, Func<T, IResult> success) => outcome.Failure switch
    {
        GovernanceFailure.None => success(outcome.Value!),
        GovernanceFailure.Invalid => outcome.Errors!.ToProblem(),
        GovernanceFailure.NotFound => Results.Problem(title: "Not found.", detail: outcome.Message, statusCode: StatusCodes.Status404NotFound),
        GovernanceFailure.Forbidden => Results.Problem(title: "Not allowed.", detail: outcome.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Problem(title: "The change conflicts with the current state.", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict),
    };
}
