namespace Stepwise.Delivery.Experiments;

/// <summary>
/// Places experiments on a layer's hash line [0, 1). Running experiments hold disjoint ranges, so a unit's
/// position on the line puts it in at most one of them.
/// </summary>
public static class LayerAllocator
{
    /// <summary>The lowest free range of <paramref name="width"/>, or null when no gap is wide enough.</summary>
    public static (double Start, double End)? FirstFit(IEnumerable<(double Start, double End)> taken, double width)
    {
        var cursor = 0.0;
        foreach (var (start, end) in taken.OrderBy(r => r.Start))
        {
            if (start - cursor >= width - DeliveryValidation.Tolerance) break;
            cursor = Math.Max(cursor, end);
        }
        return cursor + width <= 1 + DeliveryValidation.Tolerance ? (cursor, Math.Min(1, cursor + width)) : null;
    }

    public static bool Overlaps((double Start, double End) a, (double Start, double End) b) =>
        a.Start < b.End - DeliveryValidation.Tolerance && b.Start < a.End - DeliveryValidation.Tolerance;

    /// <summary>The share of the line not held by any range.</summary>
    public static double Free(IEnumerable<(double Start, double End)> taken) =>
        Math.Max(0, 1 - taken.Sum(r => r.End - r.Start));
}
