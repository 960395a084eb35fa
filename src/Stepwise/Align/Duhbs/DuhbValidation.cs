using System.Text;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Duhbs;

/// <summary>Checks a DUHB as written and copies it onto the entity; the caller saves only when no field error was found.</summary>
internal static class DuhbValidation
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxItems = 30;
    public const int MaxLabel = 200;
    public const int MaxUnit = 20;
    public const int MaxUrl = 2000;
    public const int MaxHypothesis = 1000;
    public const int MaxBets = 10;
    public const int MaxComment = 4000;

    public static async Task ApplyAsync(StepwiseDb db, Duhb duhb, DuhbRequest request, FieldErrors errors, DateTimeOffset now, CancellationToken ct)
    {
        errors.Require("title", request.Title, MaxTitle).Limit("data", request.Data, MaxText).Limit("understanding", request.Understanding, MaxText);
        if (request.UnitId is not { } unit) errors.Add("unitId", "'unitId' is required: the unit (squad, tribe, journey team) the DUHB belongs to.");
        else if (!await db.Units.AnyAsync(u => u.Id == unit, ct)) errors.Add("unitId", "There is no such unit.");
        if (request.PriorityItemId is { } priority && !await db.PriorityItems.AnyAsync(i => i.Id == priority && i.RetiredAt == null, ct))
            errors.Add("priorityItemId", "There is no live priority with that id.");
        var points = DataPoints(request.DataPoints, errors);
        var links = Links(request.Links, errors);
        var hypotheses = (request.Hypotheses ?? []).Select(h => h?.Trim() ?? "").ToList();
        if (hypotheses.Count > MaxItems) errors.Add("hypotheses", $"At most {MaxItems} hypotheses.");
        for (var i = 0; i < hypotheses.Count; i++) errors.Require($"hypotheses[{i}]", hypotheses[i], MaxHypothesis);
        var bets = await BetsAsync(db, duhb, request.Bets, errors, now, ct);
        if (errors.Any) return;

        duhb.Title = request.Title!.Trim();
        duhb.UnitId = request.UnitId!.Value;
        duhb.PriorityItemId = request.PriorityItemId;
        duhb.Data = request.Data?.Trim() ?? "";
        duhb.DataPoints = points;
        duhb.Links = links;
        duhb.Understanding = request.Understanding?.Trim() ?? "";
        duhb.Hypotheses = hypotheses;
        duhb.Bets.RemoveAll(b => b.FeatureId is null && !bets.Contains(b));
        foreach (var bet in bets.Where(b => !duhb.Bets.Contains(b)))
        {
            // Added explicitly: a new bet carries its id already, and found only through the collection it would be taken for an existing row.
            db.DuhbBets.Add(bet);
            duhb.Bets.Add(bet);
        }
        var position = 0;
        foreach (var bet in duhb.Bets.OrderBy(b => b.FeatureId is null).ThenBy(b => bets.IndexOf(b))) bet.Position = position++;
    }

    /// <summary>What a DUHB needs before others are asked to review it.</summary>
    public static void ReadyForReview(Duhb duhb, FieldErrors errors)
    {
        if (duhb.Understanding.Length == 0) errors.Add("understanding", "Write the understanding you draw from the data before asking for review.");
        if (duhb.Hypotheses.Count == 0) errors.Add("hypotheses", "Add at least one hypothesis before asking for review.");
    }

    /// <summary>A feature key (lowercase letters, digits and dashes) made from a bet's title.</summary>
    public static string KeyFrom(string title)
    {
        var key = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') key.Append(c);
            else if (key.Length > 0 && key[^1] != '-') key.Append('-');
            if (key.Length >= 60) break;
        }
        var text = key.ToString().Trim('-');
        return text.Length == 0 ? "bet" : text;
    }

    public static bool IsWebLink(string? url) =>
        url is { Length: <= MaxUrl } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static List<DataPoint> DataPoints(List<DataPoint>? points, FieldErrors errors)
    {
        var list = points ?? [];
        if (list.Count > MaxItems) errors.Add("dataPoints", $"At most {MaxItems} data points.");
        var result = new List<DataPoint>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"dataPoints[{i}]";
            if (list[i] is not { } point) { errors.Add(field, "A data point is missing."); continue; }
            errors.Require($"{field}.label", point.Label, MaxLabel).Limit($"{field}.unit", point.Unit, MaxUnit);
            if (!double.IsFinite(point.Value)) errors.Add($"{field}.value", "'value' is a number.");
            var source = string.IsNullOrWhiteSpace(point.Source) ? null : point.Source.Trim();
            if (source is not null && !IsWebLink(source)) errors.Add($"{field}.source", "'source' is an http(s) address.");
            result.Add(new DataPoint(point.Label?.Trim() ?? "", point.Value, string.IsNullOrWhiteSpace(point.Unit) ? null : point.Unit.Trim(), source));
        }
        return result;
    }

    private static List<string> Links(List<string>? links, FieldErrors errors)
    {
        var list = (links ?? []).Select(l => l?.Trim() ?? "").ToList();
        if (list.Count > MaxItems) errors.Add("links", $"At most {MaxItems} links.");
        for (var i = 0; i < list.Count; i++)
            if (!IsWebLink(list[i])) errors.Add($"links[{i}]", "Links to attachments and dashboards are http(s) addresses.");
        return list;
    }

    private static async Task<List<DuhbBet>> BetsAsync(StepwiseDb db, Duhb duhb, List<BetRequest>? requests, FieldErrors errors, DateTimeOffset now, CancellationToken ct)
    {
        var list = requests ?? [];
        if (list.Count > MaxBets) errors.Add("bets", $"At most {MaxBets} bets.");
        var squads = list.Where(b => b?.SquadId is not null).Select(b => b!.SquadId!.Value).Distinct().ToList();
        var known = await db.Units.AsNoTracking().Where(u => squads.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var result = new List<DuhbBet>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"bets[{i}]";
            if (list[i] is not { } request) { errors.Add(field, "A bet is missing."); continue; }
            var existing = request.Id is { } id ? duhb.Bets.FirstOrDefault(b => b.Id == id) : null;
            if (request.Id is not null && existing is null) { errors.Add($"{field}.id", "This DUHB has no bet with that id."); continue; }
            // A bet that became a feature lives on in the feature; the DUHB keeps it as it was.
            if (existing?.FeatureId is not null) { result.Add(existing); continue; }
            errors.Require($"{field}.title", request.Title, MaxTitle);
            var hypothesisErrors = new FieldErrors();
            var (statement, success, guardrails) = hypothesisErrors.Hypothesis(request.Hypothesis);
            foreach (var (name, messages) in hypothesisErrors.All)
                foreach (var message in messages) errors.Add($"{field}.{name}", message);
            if (statement.Length == 0) errors.Add($"{field}.hypothesis.statement", "A bet needs a hypothesis statement: what you expect to happen and why.");
            if (request.SquadId is not { } squad) errors.Add($"{field}.squadId", "'squadId' is required: the squad that would own the bet.");
            else if (!known.Contains(squad)) errors.Add($"{field}.squadId", "There is no such squad.");
            var bet = existing ?? new DuhbBet { Id = Guid.CreateVersion7(now), DuhbId = duhb.Id, Title = "" };
            if (errors.Any) continue;
            bet.Title = request.Title!.Trim();
            bet.HypothesisStatement = statement;
            bet.SuccessMetrics = success;
            bet.GuardrailMetrics = guardrails;
            bet.SquadId = request.SquadId!.Value;
            result.Add(bet);
        }
        return result;
    }
}
