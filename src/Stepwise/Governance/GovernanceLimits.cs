using Stepwise.Api;

namespace Stepwise.Governance;

internal static class GovernanceLimits
{
    public const int MaxSectionText = 20000;
    public const int MaxRationale = 4000;
    public const int MaxComment = 8000;
    public const int MaxRequiredApprovals = 10;
    public const int MaxEditors = 200;

    public static string NotSignedIn => "Your account could not be identified.";

    public static FieldErrors Text(this FieldErrors errors, string field, string? text, int max)
    {
        if (text is null) errors.Add(field, $"'{field}' is required.");
        else errors.Limit(field, text, max);
        return errors;
    }
}
