using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Experiments;

/// <summary>
/// A prerequisite: the rule (or experiment) applies only when feature <see cref="FeatureId"/> evaluates to a
/// value satisfying <see cref="Condition"/> (written against <c>{ "value": … }</c>). A failing
/// <see cref="Gate"/> blocks the whole feature instead of skipping one rule.
/// </summary>
public sealed class ParentCondition
{
    private ParentCondition(string featureId, Condition condition, bool gate)
    {
        FeatureId = featureId;
        Condition = condition;
        Gate = gate;
    }

    /// <summary>The prerequisite feature.</summary>
    public string FeatureId { get; }

    /// <summary>Condition on <c>{ "value": parentValue }</c>.</summary>
    public Condition Condition { get; }

    /// <summary>When true, failing the condition makes the dependent feature evaluate to null.</summary>
    public bool Gate { get; }

    internal static ParentCondition[]? ParseList(JsonElement list, SavedGroups savedGroups, List<string> errors)
    {
        if (list.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("'parentConditions' must be an array");
            return null;
        }
        var result = new List<ParentCondition>();
        foreach (var item in list.EnumerateArray())
        {
            var reader = new FieldReader(item, "parentCondition", errors);
            var id = reader.String("id");
            if (id is null)
            {
                errors.Add("parentCondition: 'id' is required");
                continue;
            }
            var conditionJson = reader.Raw("condition");
            var condition = conditionJson.ValueKind == JsonValueKind.Undefined
                ? Condition.Always
                : Condition.ParseForValue(conditionJson, savedGroups);
            errors.AddRange(condition.Errors);
            result.Add(new ParentCondition(id, condition, reader.Boolean("gate") ?? false));
        }
        return [.. result];
    }
}
