namespace Stepwise.Careers.Compensation;

/// <summary>Settings under <c>Careers:Compensation</c>.</summary>
public sealed class CompensationOptions
{
    public const string Section = "Careers:Compensation";

    /// <summary>Locations that may have bands besides those where people already work (e.g. an office about to open).</summary>
    public List<string> Locations { get; set; } = [];
}
