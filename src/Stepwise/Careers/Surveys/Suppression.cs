namespace Stepwise.Careers.Surveys;

/// <summary>A group in a results hierarchy with the respondents attached directly to it (not through a child).</summary>
public sealed record GroupCount(string Id, string? ParentId, int Direct);

/// <summary>
/// Decides which groups of a hierarchy may show results without exposing fewer than <c>threshold</c> people.
/// <para>
/// A group is shown only with at least <c>threshold</c> respondents. That alone is not enough: subtracting the shown
/// children from a shown parent reveals the rest of the parent (its "residue": direct respondents plus hidden
/// children). The shown groups of a tree cut it into such residues, and every figure anyone can derive by adding and
/// subtracting shown groups is a union of residues. So the rule is: every residue is empty or has at least
/// <c>threshold</c> people. While a residue is too small, the smallest shown group bordering it is hidden too
/// (complementary suppression), which merges that group's residue into it; hiding only ever grows residues, so
/// this ends.
/// </para>
/// </summary>
public static class Suppression
{
    public static IReadOnlySet<string> VisibleGroups(IReadOnlyList<GroupCount> groups, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var tree = new Tree(groups);
        var visible = groups.Where(g => tree.Total[g.Id] >= threshold).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var id in tree.TopDown.Where(visible.Contains))
            {
                var frontier = Frontier(tree, id, visible);
                var residue = tree.Total[id] - frontier.Sum(f => tree.Total[f]);
                if (residue <= 0 || residue >= threshold) continue;
                var smallest = frontier.OrderBy(f => tree.Total[f]).ThenBy(f => f, StringComparer.Ordinal).First();
                visible.Remove(smallest);
                changed = true;
                break;
            }
        }
        while (changed);
        return visible;
    }

    /// <summary>The shown groups below <paramref name="id"/> with no shown group between them and it.</summary>
    public static List<string> Frontier(Tree tree, string id, IReadOnlySet<string> visible)
    {
        var frontier = new List<string>();
        var stack = new Stack<string>(tree.Children[id]);
        while (stack.TryPop(out var child))
        {
            if (visible.Contains(child)) frontier.Add(child);
            else foreach (var grandchild in tree.Children[child]) stack.Push(grandchild);
        }
        return frontier;
    }

    /// <summary>The hierarchy with subtree totals. Unknown parents make a group a root.</summary>
    public sealed class Tree
    {
        public Dictionary<string, List<string>> Children { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Total { get; } = new(StringComparer.Ordinal);
        public List<string> TopDown { get; } = [];
        public List<string> Roots { get; } = [];

        public Tree(IReadOnlyList<GroupCount> groups)
        {
            foreach (var g in groups)
            {
                if (g.Direct < 0) throw new ArgumentException($"Group {g.Id} has a negative count.", nameof(groups));
                if (!Children.TryAdd(g.Id, [])) throw new ArgumentException($"Group {g.Id} appears twice.", nameof(groups));
            }
            foreach (var g in groups)
            {
                if (g.ParentId is { } parent && Children.TryGetValue(parent, out var siblings)) siblings.Add(g.Id);
                else Roots.Add(g.Id);
            }
            var direct = groups.ToDictionary(g => g.Id, g => g.Direct, StringComparer.Ordinal);
            var queue = new Queue<string>(Roots);
            while (queue.TryDequeue(out var id))
            {
                TopDown.Add(id);
                foreach (var child in Children[id]) queue.Enqueue(child);
            }
            if (TopDown.Count != groups.Count) throw new ArgumentException("The groups contain a cycle.", nameof(groups));
            for (var i = TopDown.Count - 1; i >= 0; i--)
            {
                var id = TopDown[i];
                Total[id] = direct[id] + Children[id].Sum(c => Total[c]);
            }
        }
    }
}
