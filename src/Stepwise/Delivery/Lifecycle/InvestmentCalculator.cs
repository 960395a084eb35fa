namespace Stepwise.Delivery.Lifecycle;

/// <summary>Where a week's investment figure came from.</summary>
public enum InvestmentSource
{
    /// <summary>Nothing entered and no allocation covered the week.</summary>
    None,

    /// <summary>The owning squad's headcount that week × the feature's allocated share.</summary>
    Allocation,

    /// <summary>Entered by the team for that week.</summary>
    Entered,
}

public sealed record InvestmentWeek(DateOnly WeekStart, FeaturePhase Phase, double PersonWeeks, double Cumulative, InvestmentSource Source);

/// <summary>A phase change on the feature's timeline.</summary>
public sealed record PhaseChange(DateTimeOffset At, FeaturePhase Phase);

/// <summary>
/// Turns a feature's weekly entries, squad allocations and phase history into one figure per week. An entered week
/// wins over the allocation, because the team knows better than the plan what it actually spent.
/// </summary>
public static class InvestmentCalculator
{
    /// <summary>The Monday on or before <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static IReadOnlyList<InvestmentWeek> Weekly(
        DateOnly firstDay,
        DateOnly lastDay,
        IReadOnlyList<PhaseChange> phases,
        IReadOnlyDictionary<DateOnly, double> entered,
        IReadOnlyList<SquadAllocation> allocations,
        Func<DateOnly, int> headcountOn)
    {
        var weeks = new List<InvestmentWeek>();
        var cumulative = 0.0;
        for (var week = WeekOf(firstDay); week <= lastDay && weeks.Count < 520; week = week.AddDays(7))
        {
            var phase = PhaseDuring(week, firstDay, phases);
            double spent;
            InvestmentSource source;
            if (entered.TryGetValue(week, out var value))
            {
                (spent, source) = (value, InvestmentSource.Entered);
            }
            else if (phase != FeaturePhase.Removed && ShareOn(week, allocations) is > 0 and var share)
            {
                (spent, source) = (Math.Round(share * headcountOn(week), 2), InvestmentSource.Allocation);
            }
            else
            {
                (spent, source) = (0, InvestmentSource.None);
            }
            cumulative += spent;
            weeks.Add(new InvestmentWeek(week, phase, spent, Math.Round(cumulative, 2), source));
        }
        return weeks;
    }

    /// <summary>The phase in force at the end of the week (so a week in which the feature advanced counts for the new phase).</summary>
    public static FeaturePhase PhaseDuring(DateOnly weekStart, DateOnly firstDay, IReadOnlyList<PhaseChange> phases)
    {
        var weekEnd = weekStart.AddDays(6) < firstDay ? firstDay : weekStart.AddDays(6);
        var phase = FeaturePhase.ThinkIt;
        foreach (var change in phases)
        {
            if (DateOnly.FromDateTime(change.At.UtcDateTime) > weekEnd) break;
            phase = change.Phase;
        }
        return phase;
    }

    private static double ShareOn(DateOnly week, IReadOnlyList<SquadAllocation> allocations)
    {
        var share = 0.0;
        foreach (var allocation in allocations)
        {
            if (allocation.From <= week.AddDays(6) && (allocation.To is null || allocation.To >= week)) share += allocation.Share;
        }
        return Math.Min(share, 1);
    }
}
