using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Align.Rfcs;

public sealed record RfcSummary(int Number, string Key, string Title, RfcState State, string UnitName, string AuthorName, DateTimeOffset UpdatedAt,
    int Approvals, int RequiredApprovals, int BlockingConcerns, IReadOnlyList<string> Tags);

public sealed record RfcApprovalView(string Name, int Revision, DateTimeOffset At, bool Counts);

public sealed record RfcConcernView(Guid Id, string RaisedBy, string Text, bool Blocking, DateTimeOffset RaisedAt, DateTimeOffset? LiftedAt, string? LiftNote,
    bool CanLift);

public sealed record RfcRevisionView(int Revision, string By, DateTimeOffset At, string? Note);

public sealed record RfcRulesView(int RequiredApprovals, TimeSpan FinalCommentPeriod, TimeSpan DiscussionRound, bool ResetApprovalsOnTextChange);

/// <summary>Everything the RFC page shows, including why it cannot move on yet (<see cref="Blockers"/>).</summary>
public sealed record RfcDetails(RfcSummary Summary, Guid UnitId, string Markdown, IReadOnlyList<DocumentSection> Sections, int Revision,
    ReviewAudience? Circle, DateTimeOffset? FinalCommentEndsAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote,
    IReadOnlyList<RfcApprovalView> Approvals, IReadOnlyList<RfcConcernView> Concerns, IReadOnlyList<ReviewRoundView> Rounds,
    IReadOnlyList<RfcRevisionView> Revisions, RfcRulesView Rules, IReadOnlyList<string> Blockers, Guid DraftVersionId, Guid? PromptedByLessonId,
    string? PromptedByLesson, bool IsAuthor, bool CanApprove, bool CanSteer);

public sealed record RfcDiffView(int From, int To, IReadOnlyList<SectionDiff> Sections);

/// <summary>An RFC a retrospective lesson prompted.</summary>
public sealed record PromptedRfc(Guid LessonId, int Number, string Key, string Title, RfcState State);
