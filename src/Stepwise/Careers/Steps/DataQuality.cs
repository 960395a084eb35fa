namespace Stepwise.Careers.Steps;

public enum FindingKind
{
    /// <summary>Employed for longer than the new-hire horizon and never given a step.</summary>
    NeverAssigned,
    /// <summary>A recent hire past the onboarding window without a step.</summary>
    NewHireWithoutStep,
    /// <summary>Discipline, team or manager changed after the last step decision.</summary>
    ChangedSinceStep,
    /// <summary>Left the company but still holds an open step.</summary>
    LeaverHoldsStep,
}

public sealed record DataQualityFinding(FindingKind Kind, Guid PersonId, string PersonName, string Detail, DateOnly? Since, string FixUrl, string FixLabel);

public sealed record FindingGroup(FindingKind Kind, string Title, string Explanation, int Total, IReadOnlyList<DataQualityFinding> Items);

public sealed record DataQualityReport(DateOnly AsOf, int OnboardingWindowDays, int PeopleChecked, int TotalFindings, IReadOnlyList<FindingGroup> Groups);
