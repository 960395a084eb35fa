namespace Stepwise.Careers.Steps;

public sealed record StepRecordView(Guid Id, Guid PersonId, int Level, string StepName, int? PreviousLevel, bool IsPromotion,
    string? FrameworkVersion, DateOnly EffectiveOn, DateOnly? EndedOn, string Rationale, string DecidedBy, StepSource Source, DateTimeOffset RecordedAt)
{
    public static StepRecordView Of(StepRecord r) => new(r.Id, r.PersonId, r.Level, StepLevels.Name(r.Level), r.PreviousLevel, r.IsPromotion,
        r.FrameworkVersion, r.EffectiveOn, r.EndedOn, r.Rationale, r.DecidedBy, r.Source, r.RecordedAt);
}

public sealed record StepHistory(Guid PersonId, string PersonName, StepRecordView? Current, IReadOnlyList<StepRecordView> Records, bool CanWrite);

/// <summary>A step decision to record. <see cref="Level"/> is optional only for promotions (the next step up).</summary>
public sealed record RecordStepRequest(int? Level, DateOnly? EffectiveOn, string? Rationale, string? FrameworkVersion);

public sealed record CloseStepRequest(DateOnly? EndedOn);

public sealed record PromotionView(Guid PersonId, string PersonName, int FromLevel, int ToLevel, DateOnly EffectiveOn, StepSource Source);

/// <summary>What another module (assessment cycles) hands over to record a finalized step.</summary>
public sealed record StepDecision(Guid PersonId, int Level, DateOnly EffectiveOn, string Rationale, StepSource Source,
    string DecidedBy, Guid? DecidedByPersonId = null, string? FrameworkVersion = null);
