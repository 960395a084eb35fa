using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stepwise.Careers.Surveys;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class SuppressionTests
{
    [Fact]
    public void SmallGroup_IsHidden_AndSoIsTheSiblingThatWouldReveal_It()
    {
        // Tribe of 12: squad A 5, squad B 6, one person directly in the tribe. Showing A and B would reveal that one person.
        GroupCount[] groups = [new("tribe", null, 1), new("a", "tribe", 5), new("b", "tribe", 6)];
        var visible = Suppression.VisibleGroups(groups, 5);
        Assert.Equal(["b", "tribe"], visible.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GroupUnderThreshold_HidesItsLargerSiblingWhenOnlyTwo()
    {
        // Squad A has 3 (hidden); B has 8; the tribe minus B would show A's 3 people.
        GroupCount[] groups = [new("tribe", null, 0), new("a", "tribe", 3), new("b", "tribe", 8)];
        var visible = Suppression.VisibleGroups(groups, 5);
        Assert.Equal(["tribe"], visible.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LargeGroups_AllShown()
    {
        GroupCount[] groups = [new("co", null, 0), new("t1", "co", 0), new("a", "t1", 6), new("b", "t1", 7), new("t2", "co", 9)];
        Assert.Equal(5, Suppression.VisibleGroups(groups, 5).Count);
    }

    /// <summary>A random tree: node i &gt; 0 hangs under a random earlier node; counts are small so thresholds bite.</summary>
    private static (GroupCount[] Groups, int Threshold) Build(int[] parents, int[] counts, int thresholdSeed, int maxNodes)
    {
        var n = Math.Min(Math.Min(parents.Length, counts.Length), maxNodes);
        var groups = Enumerable.Range(0, n).Select(i => new GroupCount($"g{i}", i == 0 ? null : $"g{Math.Abs(parents[i] % i)}", Math.Abs(counts[i] % 12)))
            .ToArray();
        return (groups, 3 + Math.Abs(thresholdSeed % 8));
    }

    /// <summary>Every shown group has enough people, and every residue (a shown group minus its shown frontier) is empty or large enough.</summary>
    [Property(MaxTest = 500)]
    public Property ShownGroupsAndResidues_AreNeverSmall(int[] parents, int[] counts, int thresholdSeed)
    {
        var (groups, k) = Build(parents, counts, thresholdSeed, 30);
        if (groups.Length == 0) return true.ToProperty();
        var tree = new Suppression.Tree(groups);
        var visible = Suppression.VisibleGroups(groups, k);
        var ok = visible.All(g => tree.Total[g] >= k) && visible.All(g =>
        {
            var residue = tree.Total[g] - Suppression.Frontier(tree, g, visible).Sum(f => tree.Total[f]);
            return residue == 0 || residue >= k;
        });
        return ok.ToProperty();
    }

    /// <summary>
    /// An attacker's view, computed independently of the algorithm: take any shown group and subtract any set of shown groups
    /// below it that do not contain one another. The rest is never a group of 1 to k − 1 people.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Subtraction_NeverRevealsASmallGroup(int[] parents, int[] counts, int thresholdSeed)
    {
        var (groups, k) = Build(parents, counts, thresholdSeed, 9);
        if (groups.Length == 0) return true.ToProperty();
        var tree = new Suppression.Tree(groups);
        var visible = Suppression.VisibleGroups(groups, k);
        var parentOf = groups.ToDictionary(g => g.Id, g => g.ParentId);
        bool IsBelow(string x, string y)
        {
            for (var p = parentOf[x]; p is not null; p = parentOf[p]) if (p == y) return true;
            return false;
        }
        foreach (var top in visible)
        {
            var below = visible.Where(v => IsBelow(v, top)).ToList();
            for (var mask = 1; mask < 1 << below.Count; mask++)
            {
                var chosen = below.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                if (chosen.Any(a => chosen.Any(b => a != b && IsBelow(a, b)))) continue;
                var rest = tree.Total[top] - chosen.Sum(c => tree.Total[c]);
                if (rest > 0 && rest < k) return false.ToProperty().Label($"{top} minus {string.Join("+", chosen)} leaves {rest} (k={k})");
            }
        }
        return true.ToProperty();
    }

    /// <summary>Suppression only removes groups that are too small or that would give one away; with no small residues nothing is hidden.</summary>
    [Property(MaxTest = 300)]
    public Property NothingHidden_WhenEveryGroupIsLargeAndLeavesNoSmallRest(PositiveInt[] sizes, int thresholdSeed)
    {
        var k = 3 + Math.Abs(thresholdSeed % 8);
        var children = sizes.Take(8).Select((s, i) => new GroupCount($"c{i}", "root", k + s.Get % 20)).ToList();
        var groups = children.Prepend(new GroupCount("root", null, children.Count == 0 ? k : 0)).ToArray();
        return (Suppression.VisibleGroups(groups, k).Count == groups.Length).ToProperty();
    }
}
