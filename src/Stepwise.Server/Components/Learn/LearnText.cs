using System.Globalization;
using Stepwise.Learn;
using Stepwise.Learn.Model;

namespace Stepwise.Server.Components.Learn;

/// <summary>Words and badges for learn values on the pages.</summary>
public static class LearnText
{
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Lower<T>(T value) where T : struct, Enum => LearnValidation.Camel(value.ToString()) switch
    {
        "customerPerception" => "perception of customers",
        "productUnderstanding" => "understanding of the product",
        "couldBeBetter" => "went well, could be better",
        "wentWell" => "went well",
        "wentWrong" => "went wrong",
        "rolledBack" => "rolled back",
        var other => other,
    };

    public static string OutcomeBadge(RetroOutcome outcome) => outcome switch
    {
        RetroOutcome.Succeeded => "text-bg-success",
        RetroOutcome.Mixed => "text-bg-warning",
        _ => "text-bg-danger",
    };

    public static string ReactionLabel(ReactionKind kind) => kind switch
    {
        ReactionKind.Applause => "👏 Applause",
        ReactionKind.Lightbulb => "💡 Learned something",
        _ => "🙏 Thanks for sharing",
    };

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Splits "a, b c" into tags as typed; validation lowercases and checks them.</summary>
    public static List<string> Tags(string? text) =>
        [.. (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
