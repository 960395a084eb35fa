using System.Globalization;
using Microsoft.AspNetCore.Http;
using Stepwise.Delivery;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

/// <summary>
/// One row of the targeting rules editor as typed. The editor posts plain fields named <c>rules[i].field</c>
/// (a multi-select posts its segments under one name, which component form binding does not read), so rows
/// are read from the request form here.
/// </summary>
public sealed class RuleRow
{
    public string Position { get; set; } = "";
    public string Id { get; set; } = "";
    public string Description { get; set; } = "";
    public string Condition { get; set; } = "";
    public IReadOnlyList<string> Segments { get; set; } = [];
    public string Value { get; set; } = "";
    public string Coverage { get; set; } = "100";
    public string HashAttribute { get; set; } = "id";
    public bool Delete { get; set; }

    public bool IsBlank => Id.Length == 0 && Description.Length == 0 && Condition.Length == 0 && Value.Length == 0 && Segments.Count == 0;

    public static string Name(int row, string field) => $"rules[{row}].{field}";

    public static RuleRow From(TargetingRuleView rule, int index, FlagValueType type) => new()
    {
        Position = (index + 1).ToString(CultureInfo.InvariantCulture), Id = rule.Id, Description = rule.Description ?? "",
        Condition = DeliveryText.Json(rule.Condition), Segments = rule.Segments, Value = DeliveryText.ValueForInput(rule.Value, type),
        Coverage = DeliveryText.PercentNumber(rule.Coverage), HashAttribute = rule.HashAttribute,
    };

    public static RuleRow Empty(int index) => new() { Position = (index + 1).ToString(CultureInfo.InvariantCulture) };

    /// <summary>Every row posted, in the order the form showed them; reading stops at the first missing index.</summary>
    public static List<RuleRow> Read(IFormCollection form)
    {
        var rows = new List<RuleRow>();
        for (var i = 0; i < FlagService.MaxRules + 10 && form.ContainsKey(Name(i, "id")); i++)
        {
            string Text(string field) => form[Name(i, field)].ToString().Trim();
            rows.Add(new RuleRow
            {
                Position = Text("position"), Id = Text("id"), Description = Text("description"), Condition = Text("condition"),
                Segments = [.. form[Name(i, "segments")].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)],
                Value = Text("value"), Coverage = Text("coverage"), HashAttribute = Text("hashAttribute"), Delete = form[Name(i, "delete")] == "true",
            });
        }
        return rows;
    }

    /// <summary>
    /// The rules to save, ordered by the positions typed (ties keep the form's order), without deleted and blank rows.
    /// <paramref name="rowOfRequest"/> says which form row each request came from, to put the service's messages back on the right row.
    /// </summary>
    public static List<TargetingRuleRequest> ToRequests(IReadOnlyList<RuleRow> rows, FlagValueType type, PageErrors errors, out List<int> rowOfRequest)
    {
        var kept = rows.Select((row, index) => (row, index)).Where(r => !r.row.Delete && !r.row.IsBlank)
            .OrderBy(r => double.TryParse(r.row.Position, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : r.index + 1)
            .ThenBy(r => r.index).ToList();
        rowOfRequest = [.. kept.Select(r => r.index)];
        return kept.Select(r => new TargetingRuleRequest(
            r.row.Id.Length == 0 ? null : r.row.Id,
            r.row.Description.Length == 0 ? null : r.row.Description,
            JsonInput.Document(r.row.Condition, Name(r.index, "condition"), errors),
            r.row.Segments,
            JsonInput.Value(r.row.Value, type, Name(r.index, "value"), errors),
            JsonInput.Share(r.row.Coverage, Name(r.index, "coverage"), errors),
            r.row.HashAttribute.Length == 0 ? null : r.row.HashAttribute)).ToList();
    }
}
