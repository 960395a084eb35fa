namespace Stepwise.Careers.Surveys;

/// <summary>Turns per-group tallies into results along the org hierarchy, hiding every group <see cref="Suppression"/> says must stay hidden.</summary>
public static class SurveyGroups
{
    public const string EveryoneId = "everyone";

    public sealed record Unit(Guid Id, string Name, Guid? ParentId);

    public sealed record Comment(Guid RoundId, Guid? UnitId, string Text);

    public static IReadOnlyList<GroupResult> Compute(Survey survey, IReadOnlyList<SurveyRound> rounds, IReadOnlyList<Unit> units,
        IReadOnlyList<Tally> tallies, IReadOnlyList<Comment> comments)
    {
        var known = units.ToDictionary(u => u.Id);
        string GroupOf(Guid? unit) => unit is { } u && known.ContainsKey(u) ? u.ToString() : EveryoneId;
        var nodes = new List<(string Id, string? Parent, string Name, Guid? UnitId)> { (EveryoneId, null, "Everyone", null) };
        nodes.AddRange(units.Select(u => (u.Id.ToString(), (string?)(u.ParentId is { } p && known.ContainsKey(p) ? p.ToString() : EveryoneId), u.Name, (Guid?)u.Id)));
        var tree = new Suppression.Tree(nodes.Select(n => new GroupCount(n.Id, n.Parent, 0)).ToList());
        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [EveryoneId] = 0 };
        foreach (var id in tree.TopDown) foreach (var child in tree.Children[id]) depth[child] = depth[id] + 1;
        var subtree = tree.TopDown.ToDictionary(id => id, id => Descendants(tree, id), StringComparer.Ordinal);

        var scoresVisible = new Dictionary<Guid, IReadOnlySet<string>>();
        var commentsVisible = new Dictionary<Guid, IReadOnlySet<string>>();
        var respondents = new Dictionary<(Guid Round, string Group), int>();
        foreach (var round in rounds)
        {
            // Every item is required, so a group's respondents are its answers to any one item; the largest count is robust to item changes.
            var direct = tallies.Where(t => t.RoundId == round.Id).GroupBy(t => (GroupOf(t.UnitId), t.ItemId)).Select(g => (g.Key.Item1, Count: g.Sum(t => t.Count)))
                .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Max(x => x.Count), StringComparer.Ordinal);
            var counts = nodes.Select(n => new GroupCount(n.Id, n.Parent, direct.GetValueOrDefault(n.Id))).ToList();
            var totals = new Suppression.Tree(counts).Total;
            foreach (var (group, total) in totals) respondents[(round.Id, group)] = total;
            scoresVisible[round.Id] = Suppression.VisibleGroups(counts, survey.MinRespondents);
            commentsVisible[round.Id] = Suppression.VisibleGroups(counts, survey.MinForComments);
        }

        var results = new List<GroupResult>();
        foreach (var node in tree.TopDown.Select(id => nodes.First(n => n.Id == id)))
        {
            if (node.Id != EveryoneId && rounds.All(r => respondents.GetValueOrDefault((r.Id, node.Id)) == 0)) continue;
            var members = subtree[node.Id];
            var items = survey.Items.Select(item =>
            {
                var scores = rounds.Select(round =>
                {
                    if (!scoresVisible[round.Id].Contains(node.Id)) return new RoundScore(round.Id, true, null, null);
                    var relevant = tallies.Where(t => t.RoundId == round.Id && t.ItemId == item.Id && members.Contains(GroupOf(t.UnitId))).ToList();
                    var n = relevant.Sum(t => t.Count);
                    var favourable = relevant.Sum(t => t.Favourable);
                    return new RoundScore(round.Id, false, n, n == 0 ? null : Math.Round(100m * favourable / n, 1));
                }).ToList();
                var baseline = scores.FirstOrDefault();
                var latest = scores.Count > 1 ? scores[^1] : null;
                decimal? change = baseline?.FavourablePercent is { } b && latest?.FavourablePercent is { } l ? l - b : null;
                return new ItemScores(item.Id, item.Text, scores, change);
            }).ToList();
            var groupComments = rounds.Select(round => commentsVisible[round.Id].Contains(node.Id)
                ? new GroupComments(round.Id, false, comments.Where(c => c.RoundId == round.Id && members.Contains(GroupOf(c.UnitId)))
                    .Select(c => c.Text).Order(StringComparer.Ordinal).ToList())
                : new GroupComments(round.Id, true, [])).ToList();
            results.Add(new GroupResult(node.Id, node.UnitId, node.Name, depth[node.Id], node.Parent, items, groupComments));
        }
        return results;
    }

    private static HashSet<string> Descendants(Suppression.Tree tree, string id)
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { id };
        var stack = new Stack<string>(tree.Children[id]);
        while (stack.TryPop(out var child))
        {
            all.Add(child);
            foreach (var grandchild in tree.Children[child]) stack.Push(grandchild);
        }
        return all;
    }
}
