using System.Linq.Expressions;

namespace Stepwise.Organization;

/// <summary>A fact that holds from <see cref="From"/> (inclusive) until <see cref="To"/> (exclusive, open when null).</summary>
public interface IEffectiveDated
{
    DateOnly From { get; }
    DateOnly? To { get; }
}

/// <summary>Effective-dated facts are closed, never rewritten: only the end date changes.</summary>
public interface IEffectiveDatedMutable : IEffectiveDated
{
    new DateOnly? To { get; set; }
}

public static class EffectiveDated
{
    public static bool IsActiveOn(this IEffectiveDated fact, DateOnly date) =>
        fact.From <= date && (fact.To is null || fact.To > date);

    /// <summary>The same rule as <see cref="IsActiveOn"/>, as a predicate EF Core translates to SQL.</summary>
    public static IQueryable<T> ActiveOn<T>(this IQueryable<T> facts, DateOnly date) where T : class, IEffectiveDated =>
        facts.Where(ActiveOnPredicate<T>(date));

    private static Expression<Func<T, bool>> ActiveOnPredicate<T>(DateOnly date) where T : IEffectiveDated =>
        f => f.From <= date && (f.To == null || f.To > date);
}
