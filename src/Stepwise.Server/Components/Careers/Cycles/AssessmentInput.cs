using Stepwise.Careers.Cycles;

namespace Stepwise.Server.Components.Careers.Cycles;

/// <summary>A posted self or manager assessment.</summary>
internal sealed class AssessmentInput
{
    public List<RatingInput> Ratings { get; set; } = [];
    public int? OverallStep { get; set; }
    public string? Reason { get; set; }

    public AssessmentRequest ToRequest() =>
        new([.. Ratings.Select(r => new RatingRequest(r.CharacteristicId, r.Step, r.Evidence))], OverallStep, Reason);
}

internal sealed class RatingInput
{
    public string? CharacteristicId { get; set; }
    public int? Step { get; set; }
    public string? Evidence { get; set; }
}

/// <summary>A posted step with a reason or note: discussion, calibration, functional sync, leadership review.</summary>
internal sealed class StepInput
{
    public Guid? AssessmentId { get; set; }
    public int? Step { get; set; }
    public string? Reason { get; set; }
}
