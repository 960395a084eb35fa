namespace Stepwise.Align.Rfcs;

public sealed record CreateRfcRequest(string Title, string Markdown, Guid UnitId, List<string>? Tags, Guid? PromptedByLessonId);

public sealed record EditRfcRequest(string Markdown, int ExpectedRevision, string? Note);

/// <summary>Moves an RFC: open (or widen) discussion, start the final comment period, accept, reject, withdraw, or return to discussion.</summary>
public sealed record RfcTransitionRequest(RfcAction Action, Stepwise.Governance.Model.ReviewAudience? Circle, string? Note);

public enum RfcAction
{
    Discuss,
    FinalComment,
    Accept,
    Reject,
    Withdraw,
    Reopen,
}

public sealed record RaiseConcernRequest(string Text, bool Blocking);

public sealed record LiftConcernRequest(string? Note);

public sealed record RfcCommentRequest(string? SectionId, string Text, Guid? ParentId);
