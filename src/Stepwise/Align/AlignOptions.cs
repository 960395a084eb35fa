namespace Stepwise.Align;

/// <summary>Settings under <c>Align</c>.</summary>
public sealed class AlignOptions
{
    public const string Section = "Align";

    /// <summary>Active WIGs a unit may hold at once. Focus is the point: more than two and nothing is wildly important.</summary>
    public int MaxWigsPerUnit { get; set; } = 2;

    /// <summary>The rules RFCs follow (under <c>Align:Rfc</c>).</summary>
    public RfcRules Rfc { get; set; } = new();
}

/// <summary>How RFCs are decided. Organizations differ here, so these are settings rather than code.</summary>
public sealed class RfcRules
{
    /// <summary>Approvals by people other than the authors needed before the final comment period.</summary>
    public int RequiredApprovals { get; set; } = 2;

    /// <summary>How long the final comment period lasts before the RFC may be accepted.</summary>
    public TimeSpan FinalCommentPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long each discussion circle's review round stays open.</summary>
    public TimeSpan DiscussionRound { get; set; } = TimeSpan.FromDays(14);

    /// <summary>When true, a change to the text voids approvals given to earlier text.</summary>
    public bool ResetApprovalsOnTextChange { get; set; } = true;
}
