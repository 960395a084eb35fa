using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Organization;

/// <summary>
/// The unit hierarchy as a child → parent map, for the many permission and scope checks that ask "is this unit inside
/// that one?". Loaded in one query; the walk stops after 32 levels so a corrupt cycle cannot hang a request.
/// </summary>
public sealed class UnitTree(IReadOnlyDictionary<Guid, Guid?> parents)
{
    private const int MaxDepth = 32;

    public static async Task<UnitTree> LoadAsync(StepwiseDb db, CancellationToken ct) =>
        new(await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct));

    public IEnumerable<Guid> Units => parents.Keys;

    /// <summary>The unit itself, then its parent, up to the root.</summary>
    public IEnumerable<Guid> SelfAndAncestors(Guid unit)
    {
        Guid? current = unit;
        for (var depth = 0; current is { } id && depth < MaxDepth; depth++)
        {
            yield return id;
            current = parents.GetValueOrDefault(id);
        }
    }

    /// <summary>True when <paramref name="unit"/> is <paramref name="container"/> or lies inside it.</summary>
    public bool IsWithin(Guid unit, Guid container) => SelfAndAncestors(unit).Contains(container);
}
