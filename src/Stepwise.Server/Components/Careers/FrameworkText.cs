using Stepwise.Api;
using System.Globalization;
using Stepwise.Governance;

namespace Stepwise.Server.Components.Careers;

/// <summary>Addresses and wording shared by the framework pages.</summary>
public static class FrameworkText
{
    public static string Map(string key, string? version = null) => WithVersion($"/careers/framework/{key}", version);

    public static string Cell(string key, string sectionId, string? version = null) => WithVersion($"/careers/framework/{key}/cells/{sectionId}", version);

    public static string Mastery(string key, string? version = null) => WithVersion($"/careers/framework/{key}/mastery", version);

    public static string Print(string key, string? version = null) => WithVersion($"/careers/framework/{key}/print", version);

    public static string Draft(string key) => $"/careers/framework/{key}/draft";

    public static string Diff(string key, string? from = null, string? to = null) =>
        from is null ? $"/careers/framework/{key}/diff" : $"/careers/framework/{key}/diff?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to ?? "")}";

    public static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTimeOffset? at) => at?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Audience(Stepwise.Governance.Model.ReviewAudience audience) => ReviewRounds.Describe(audience);

    private static string WithVersion(string path, string? version) => string.IsNullOrEmpty(version) ? path : $"{path}?version={Uri.EscapeDataString(version)}";
}

/// <summary>What a failed submit says, for <see cref="GovernanceAlert"/>.</summary>
public sealed record PageOutcome(OutcomeFailure Failure, IReadOnlyList<string> Messages)
{
    public static readonly PageOutcome None = new(OutcomeFailure.None, []);

    public static PageOutcome Of<T>(Outcome<T> outcome) => outcome.Succeeded ? None : new(outcome.Failure, outcome.Messages);
}
