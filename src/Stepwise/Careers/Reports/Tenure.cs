namespace Stepwise.Careers.Reports;

/// <summary>Time in step: whole months between two dates, the spans reports count, and a median.</summary>
public static class Tenure
{
    public const double DaysPerMonth = 365.25 / 12;

    public static readonly IReadOnlyList<(string Label, int Min, int? Max)> Buckets =
    [
        ("Under 6 months", 0, 6), ("6–12 months", 6, 12), ("1–2 years", 12, 24), ("2–3 years", 24, 36), ("3–5 years", 36, 60), ("5 years or more", 60, null),
    ];

    /// <summary>Completed months from <paramref name="since"/> to <paramref name="date"/>.</summary>
    public static int Months(DateOnly since, DateOnly date)
    {
        var months = (date.Year - since.Year) * 12 + date.Month - since.Month;
        if (date.Day < since.Day) months--;
        return Math.Max(0, months);
    }

    /// <summary>The median of days held (weighted by count), in months to one decimal; null for nobody.</summary>
    public static double? MedianMonths(IEnumerable<(int Days, int Count)> held)
    {
        var sorted = held.Where(h => h.Count > 0).OrderBy(h => h.Days).ToList();
        var n = sorted.Sum(h => h.Count);
        if (n == 0) return null;
        double At(int index)
        {
            foreach (var (days, count) in sorted)
            {
                if (index < count) return days;
                index -= count;
            }
            return sorted[^1].Days;
        }
        var median = n % 2 == 1 ? At(n / 2) : (At(n / 2 - 1) + At(n / 2)) / 2;
        return Math.Round(median / DaysPerMonth, 1);
    }
}
