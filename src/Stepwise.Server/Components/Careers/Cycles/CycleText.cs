using System.Globalization;
using Stepwise.Careers.Cycles;

namespace Stepwise.Server.Components.Careers.Cycles;

/// <summary>How cycle pages write dates, steps and stages.</summary>
internal static class CycleText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static DateOnly? Parse(string? text) => DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static string Step(int? step) => step?.ToString(CultureInfo.InvariantCulture) ?? "–";

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Stage(ParticipantStage stage) => stage switch
    {
        ParticipantStage.NotStarted => "Not started",
        ParticipantStage.SelfSubmitted => "Self submitted",
        ParticipantStage.ManagerSubmitted => "Both submitted",
        ParticipantStage.Discussed => "Discussed",
        ParticipantStage.Calibrated => "Calibrated",
        ParticipantStage.LeadershipReviewed => "Leadership reviewed",
        _ => "Finalized",
    };

    /// <summary>One colour per stage, from grey (nothing done) to green (finalized), for charts and badges.</summary>
    public static string Colour(ParticipantStage stage) => stage switch
    {
        ParticipantStage.NotStarted => "#adb5bd",
        ParticipantStage.SelfSubmitted => "#9ec5fe",
        ParticipantStage.ManagerSubmitted => "#6ea8fe",
        ParticipantStage.Discussed => "#3d8bfd",
        ParticipantStage.Calibrated => "#6f42c1",
        ParticipantStage.LeadershipReviewed => "#d63384",
        _ => "#198754",
    };
}
