namespace Stepwise.Organization;

/// <summary>Rules for reporting lines that must hold at every date: nobody manages themselves and no chain loops back.</summary>
public static class ReportingChain
{
    /// <summary>The longest chain we follow; deeper than any real organization, short enough to stop a corrupted one.</summary>
    public const int MaxDepth = 64;

    /// <summary>Returns an explanation when making <paramref name="managerId"/> the manager of <paramref name="personId"/> would be invalid, else null.</summary>
    /// <param name="managerOf">The current manager of a person at the date in question.</param>
    /// <param name="nameOf">Used to name the people in the loop.</param>
    public static string? Check(Guid personId, Guid managerId, Func<Guid, Guid?> managerOf, Func<Guid, string> nameOf)
    {
        if (personId == managerId) return "A person cannot be their own manager.";
        var chain = new List<Guid> { managerId };
        var current = managerId;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (managerOf(current) is not { } next) return null;
            if (next == personId)
            {
                chain.Add(personId);
                return $"This would create a reporting loop: {nameOf(personId)} → {string.Join(" → ", chain.Select(nameOf))}.";
            }
            chain.Add(next);
            current = next;
        }
        return $"The reporting chain above {nameOf(managerId)} is deeper than {MaxDepth} levels.";
    }
}
