using Stepwise.Stats.Sequential;

namespace Stepwise.Stats.Tests.Unit;

public class GroupSequentialDesignTests
{
    [Fact]
    public void EquallySpaced_OBrienFlemingFiveLooks_MatchesPublishedBoundaries()
    {
        // Lan–DeMets O'Brien–Fleming, K = 5, two-sided α = 0.05 (α/2 per side), as tabulated by
        // gsDesign (sfLDOF) and ldbounds: 4.877, 3.357, 2.680, 2.290, 2.031.
        GroupSequentialDesign design = GroupSequentialDesign.EquallySpaced(5, SpendingFunction.OBrienFleming);
        double[] published = [4.877, 3.357, 2.680, 2.290, 2.031];
        for (int k = 0; k < 5; k++) Assert.Equal(published[k], design.Boundaries[k], 6e-4);
    }

    [Fact]
    public void EquallySpaced_PocockFiveLooks_MatchesPublishedBoundaries()
    {
        // Lan–DeMets Pocock-type, K = 5, two-sided α = 0.05 (gsDesign sfLDPocock): 2.438, 2.427, 2.410, 2.397, 2.386.
        GroupSequentialDesign design = GroupSequentialDesign.EquallySpaced(5, SpendingFunction.Pocock);
        double[] published = [2.438, 2.427, 2.410, 2.397, 2.386];
        for (int k = 0; k < 5; k++) Assert.Equal(published[k], design.Boundaries[k], 6e-4);
    }

    [Fact]
    public void EquallySpaced_SingleLook_IsTheFixedSampleTest()
    {
        GroupSequentialDesign design = GroupSequentialDesign.EquallySpaced(1, SpendingFunction.OBrienFleming);
        Assert.Equal(1.959964, design.Boundaries[0], 5);
        Assert.Equal(0.05, design.NominalAlpha(0), 10);
    }

    [Fact]
    public void Create_ExtraLaterLook_LeavesEarlierBoundariesUnchanged()
    {
        GroupSequentialDesign three = GroupSequentialDesign.Create([0.2, 0.5, 0.7], SpendingFunction.Power(2));
        GroupSequentialDesign four = GroupSequentialDesign.Create([0.2, 0.5, 0.7, 1.0], SpendingFunction.Power(2));
        for (int k = 0; k < 3; k++) Assert.Equal(three.Boundaries[k], four.Boundaries[k], 12);
    }

    [Fact]
    public void Create_CumulativeAlpha_EndsAtAlphaAndIncreases()
    {
        GroupSequentialDesign design = GroupSequentialDesign.EquallySpaced(10, SpendingFunction.OBrienFleming);
        Assert.Equal(0.05, design.CumulativeAlpha[^1], 12);
        for (int k = 1; k < 10; k++) Assert.True(design.CumulativeAlpha[k] > design.CumulativeAlpha[k - 1]);
        Assert.True(design.CrossesBoundary(9, -2.1));
        Assert.False(design.CrossesBoundary(0, 5.0));
    }

    [Fact]
    public void Create_NonIncreasingFractions_Throws() =>
        Assert.Throws<ArgumentException>(() => GroupSequentialDesign.Create([0.5, 0.5], SpendingFunction.Pocock));

    [Fact]
    public void SpendingFunctions_AtEnds_SpendNothingThenAlpha()
    {
        foreach (SpendingFunction f in new[] { SpendingFunction.OBrienFleming, SpendingFunction.Pocock, SpendingFunction.Power(3) })
        {
            Assert.Equal(0, f.Spent(0.05, 0));
            Assert.Equal(0.05, f.Spent(0.05, 1));
            Assert.True(f.Spent(0.05, 0.5) is > 0 and < 0.05);
        }
    }
}
