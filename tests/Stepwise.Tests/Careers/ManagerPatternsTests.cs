using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Careers.Cycles;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class ManagerPatternsTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    [Fact]
    public void ManagerProposingFarAboveTheTribe_IsLenient_AndFarBelow_IsSevere()
    {
        var proposals = Enumerable.Repeat((A, "Ann", 4), 4).Concat(Enumerable.Repeat((B, "Bo", 2), 8)).Concat(Enumerable.Repeat((C, "Cy", 1), 4)).ToList();
        var patterns = ManagerPatterns.Compare(proposals).ToDictionary(p => p.ManagerName);
        Assert.Equal(ManagerLeaning.Lenient, patterns["Ann"].Leaning);
        Assert.Equal(ManagerLeaning.Severe, patterns["Cy"].Leaning);
        Assert.Equal(ManagerLeaning.InLine, patterns["Bo"].Leaning);
        // Tribe mean (16 + 16 + 4) / 16 = 2.25.
        Assert.Equal(1.75, patterns["Ann"].DifferenceFromTribe, 9);
    }

    [Fact]
    public void OneProposal_NeverFlagsAnyone_AndAUniformTribeHasNoOutliers()
    {
        var patterns = ManagerPatterns.Compare([(A, "Ann", 4), (B, "Bo", 1), (B, "Bo", 1), (B, "Bo", 1)]);
        Assert.Equal(ManagerLeaning.InLine, patterns.Single(p => p.ManagerName == "Ann").Leaning);
        Assert.All(ManagerPatterns.Compare([(A, "Ann", 2), (B, "Bo", 2)]), p => Assert.Equal(0, p.Z));
        Assert.Empty(ManagerPatterns.Compare([]));
    }

    /// <summary>Counts add up, the weighted differences cancel out, and a flag always agrees with the sign of z.</summary>
    [Property(MaxTest = 300)]
    public Property Patterns_AreConsistent(byte[] managers, byte[] steps)
    {
        var n = Math.Min(managers.Length, steps.Length);
        var ids = new[] { A, B, C };
        var proposals = Enumerable.Range(0, n).Select(i => (ids[managers[i] % 3], $"m{managers[i] % 3}", 1 + steps[i] % 4)).ToList();
        var patterns = ManagerPatterns.Compare(proposals);
        var ok = patterns.Sum(p => p.Count) == n
            && Math.Abs(patterns.Sum(p => p.DifferenceFromTribe * p.Count)) < 1e-9
            && patterns.All(p => p.Leaning == ManagerLeaning.InLine
                || (p.Leaning == ManagerLeaning.Lenient && p.Z >= ManagerPatterns.Threshold)
                || (p.Leaning == ManagerLeaning.Severe && p.Z <= -ManagerPatterns.Threshold));
        return ok.ToProperty();
    }
}
