namespace Stepwise.Careers.Surveys;

public sealed record CreateSurveyRequest(string? Title, string? Description, int? MinRespondents, int? MinForComments, IReadOnlyList<string>? Items);

public sealed record UpdateSurveyRequest(string? Title, string? Description, int? MinRespondents, int? MinForComments);

public sealed record AnswerRequest(IReadOnlyList<ItemAnswer>? Answers, string? Comment);

public sealed record ItemAnswer(Guid ItemId, int Value);

public sealed record RoundView(Guid Id, int Number, string Name, bool IsBaseline, DateOnly OpenedOn, DateOnly? ClosedOn, bool IsOpen);

/// <summary>A survey as a respondent or an administrator sees it; never anything about who answered what.</summary>
public sealed record SurveyView(Guid Id, string Title, string Description, int MinRespondents, int MinForComments, bool Opened,
    IReadOnlyList<SurveyItem> Items, IReadOnlyList<RoundView> Rounds, RoundView? OpenRound, bool AnsweredOpenRound, bool CanAdminister);

public sealed record AnswerReceipt(Guid SurveyId, Guid RoundId, string Message);

/// <summary>One item in one round for one group. Figures are null when the group is hidden.</summary>
public sealed record RoundScore(Guid RoundId, bool Suppressed, int? Respondents, decimal? FavourablePercent);

public sealed record ItemScores(Guid ItemId, string Text, IReadOnlyList<RoundScore> Rounds, decimal? ChangePoints);

public sealed record GroupComments(Guid RoundId, bool Suppressed, IReadOnlyList<string> Comments);

public sealed record GroupResult(string GroupId, Guid? UnitId, string Name, int Depth, string? ParentGroupId,
    IReadOnlyList<ItemScores> Items, IReadOnlyList<GroupComments> Comments);

/// <summary>Results per group and item. <see cref="ItemScores.ChangePoints"/> is the latest follow-up minus the baseline, in percentage points.</summary>
public sealed record SurveyResults(Guid SurveyId, string Title, int MinRespondents, int MinForComments, IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<GroupResult> Groups);
