using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Delivery.Experiments;
using Xunit;

namespace Stepwise.Tests.Delivery;

public sealed class LayerAllocatorTests
{
    [Fact]
    public void FirstFit_TakesTheLowestGapThatIsWideEnough()
    {
        Assert.Equal((0.0, 0.5), LayerAllocator.FirstFit([], 0.5));
        Assert.Equal((0.5, 0.9), LayerAllocator.FirstFit([(0, 0.5)], 0.4));
        var gap = LayerAllocator.FirstFit([(0, 0.2), (0.6, 1)], 0.1)!.Value;
        Assert.Equal(0.2, gap.Start, 9);
        Assert.Equal(0.3, gap.End, 9);
        Assert.Null(LayerAllocator.FirstFit([(0, 0.5), (0.5, 0.9)], 0.2));
        Assert.Equal(0.1, LayerAllocator.Free([(0, 0.5), (0.5, 0.9)]), 9);
    }

    /// <summary>Whatever is already taken, a new range never overlaps it and stays inside the layer.</summary>
    [Property(MaxTest = 500)]
    public Property FirstFit_NeverOverlapsWhatIsTaken(PositiveInt[] cuts, PositiveInt widthSeed)
    {
        var points = cuts.Select(c => c.Get % 1000 / 1000.0).Distinct().Order().ToList();
        var taken = new List<(double, double)>();
        for (var i = 0; i + 1 < points.Count; i += 2) taken.Add((points[i], points[i + 1]));
        var width = (widthSeed.Get % 1000 + 1) / 1000.0;
        var range = LayerAllocator.FirstFit(taken, width);
        return (range is null || (range.Value.Start >= 0 && range.Value.End <= 1 + 1e-9 && !taken.Any(t => LayerAllocator.Overlaps(t, range.Value))))
            .ToProperty();
    }
}
