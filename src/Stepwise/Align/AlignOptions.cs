namespace Stepwise.Align;

/// <summary>Settings under <c>Align</c>.</summary>
public sealed class AlignOptions
{
    public const string Section = "Align";

    /// <summary>Active WIGs a unit may hold at once. Focus is the point: more than two and nothing is wildly important.</summary>
    public int MaxWigsPerUnit { get; set; } = 2;
}
