namespace Stepwise.Careers.Reports;

/// <summary>Settings under <c>Careers:Reports</c>.</summary>
public sealed class CareerReportsOptions
{
    public const string Section = "Careers:Reports";

    /// <summary>
    /// Groups smaller than this are hidden from everyone but HR: a histogram of three people tells who sits where.
    /// </summary>
    public int MinGroupSize { get; set; } = 5;
}
