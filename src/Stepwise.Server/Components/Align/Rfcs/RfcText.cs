using Stepwise.Align.Rfcs;
using Stepwise.Governance.Model;

namespace Stepwise.Server.Components.Align.Rfcs;

/// <summary>Labels and badge colours for RFC states and circles, shared by the RFC pages.</summary>
public static class RfcText
{
    public static string State(RfcState state) => state switch
    {
        RfcState.Draft => "Draft",
        RfcState.Discussion => "In discussion",
        RfcState.FinalComment => "Final comment period",
        RfcState.Accepted => "Accepted",
        RfcState.Rejected => "Rejected",
        _ => "Withdrawn",
    };

    public static string Badge(RfcState state) => state switch
    {
        RfcState.Draft => "text-bg-secondary",
        RfcState.Discussion => "text-bg-info",
        RfcState.FinalComment => "text-bg-warning",
        RfcState.Accepted => "text-bg-success",
        RfcState.Rejected => "text-bg-danger",
        _ => "text-bg-light",
    };

    public static string Circle(ReviewAudience audience) => audience switch
    {
        ReviewAudience.WorkingGroup => "the authors (working group)",
        ReviewAudience.Managers => "managers",
        _ => "the whole organization",
    };
}
