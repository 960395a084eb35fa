namespace Stepwise.Careers.Cycles;

/// <summary>How one manager's proposals compare with the whole tribe's.</summary>
public sealed record ManagerPattern(Guid ManagerId, string ManagerName, int Count, double MeanProposed, double DifferenceFromTribe, double Z,
    ManagerLeaning Leaning);

public enum ManagerLeaning
{
    InLine,
    Lenient,
    Severe,
}

/// <summary>
/// Flags managers whose proposals sit far from their tribe's. The rule: z = (manager mean − tribe mean) / (tribe SD / √n),
/// the distance of the manager's mean in standard errors of a mean of n people drawn from the tribe. |z| ≥ 1.5 with at
/// least two proposals is flagged: lenient above, severe below. One person's proposal says too little to flag anyone.
/// </summary>
public static class ManagerPatterns
{
    public const double Threshold = 1.5;
    public const int MinProposals = 2;

    public static IReadOnlyList<ManagerPattern> Compare(IReadOnlyList<(Guid ManagerId, string ManagerName, int Proposed)> proposals)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        if (proposals.Count == 0) return [];
        var mean = proposals.Average(p => p.Proposed);
        var sd = Math.Sqrt(proposals.Sum(p => (p.Proposed - mean) * (p.Proposed - mean)) / proposals.Count);
        return [.. proposals.GroupBy(p => (p.ManagerId, p.ManagerName)).Select(g =>
        {
            var n = g.Count();
            var managerMean = g.Average(p => p.Proposed);
            var difference = managerMean - mean;
            var z = sd == 0 ? 0 : difference / (sd / Math.Sqrt(n));
            var leaning = n < MinProposals || Math.Abs(z) < Threshold ? ManagerLeaning.InLine : z > 0 ? ManagerLeaning.Lenient : ManagerLeaning.Severe;
            return new ManagerPattern(g.Key.ManagerId, g.Key.ManagerName, n, managerMean, difference, z, leaning);
        }).OrderByDescending(p => Math.Abs(p.Z)).ThenBy(p => p.ManagerName, StringComparer.Ordinal)];
    }
}
