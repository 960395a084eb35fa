using System.Collections.Frozen;
using System.Text.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// Saved groups (GrowthBook <c>savedGroups</c>: group id → list of member values) referenced by
/// <c>$inGroup</c> / <c>$notInGroup</c>. Conditions bind to the member sets when they are compiled.
/// </summary>
public sealed class SavedGroups
{
    private readonly FrozenDictionary<string, MemberSet> _groups;

    private SavedGroups(FrozenDictionary<string, MemberSet> groups) => _groups = groups;

    /// <summary>No saved groups: <c>$inGroup</c> never matches, <c>$notInGroup</c> always does.</summary>
    public static SavedGroups Empty { get; } = new(FrozenDictionary<string, MemberSet>.Empty);

    /// <summary>Group ids present.</summary>
    public IEnumerable<string> GroupIds => _groups.Keys;

    /// <summary>Reads a <c>savedGroups</c> object; entries that are not arrays are ignored (empty group).</summary>
    public static SavedGroups Parse(JsonElement savedGroups)
    {
        if (savedGroups.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }
        var groups = new Dictionary<string, MemberSet>(StringComparer.Ordinal);
        foreach (var group in savedGroups.EnumerateObject())
        {
            groups[group.Name] = new MemberSet(group.Value, ignoreCase: false);
        }
        return new SavedGroups(groups.ToFrozenDictionary(StringComparer.Ordinal));
    }

    internal MemberSet Get(string id) => _groups.TryGetValue(id, out var members) ? members : MemberSet.Empty;
}
