using Stepwise.Auditing;

namespace Stepwise.Careers.Steps;

/// <summary>
/// Each person's latest step decision (the latest effective one, the latest recorded one when two share a date), kept
/// up to date in the same save as every step record written, so reports read one row per person instead of seeking
/// it in the history. Derived from the audited <see cref="StepRecord"/>s, so not audited itself; maintained by
/// <see cref="LatestSteps"/>.
/// </summary>
public sealed class LatestStep : INotAudited
{
    public Guid PersonId { get; init; }
    public Guid StepRecordId { get; set; }
    public int Level { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>When the step was closed (a leaver's); null while it is held.</summary>
    public DateOnly? EndedOn { get; set; }

    /// <summary>True when <paramref name="record"/> is later than the decision this row holds.</summary>
    public bool IsBefore(StepRecord record) =>
        record.EffectiveOn > EffectiveOn || (record.EffectiveOn == EffectiveOn && record.RecordedAt >= RecordedAt);

    public void Take(StepRecord record)
    {
        StepRecordId = record.Id;
        Level = record.Level;
        EffectiveOn = record.EffectiveOn;
        RecordedAt = record.RecordedAt;
        EndedOn = record.EndedOn;
    }
}
