using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Hashing;

namespace Stepwise.Flags.Tests.Engine;

/// <summary>
/// A reused context indexes its attributes and decodes them once; these check that the fast path answers exactly
/// like the plain JSON path (conditions evaluated on the element, hashes computed from the string).
/// </summary>
public sealed class IndexedAttributesTests
{
    private const string Targeting = """{ "country": { "$in": ["US", "CA", "GB"] }, "plan": "pro", "age": { "$gte": 18 } }""";

    [Theory]
    [InlineData("""{ "id": "u1", "country": "GB", "plan": "pro", "age": 42 }""")]
    [InlineData("""{ "id": "u1", "country": "G\u0042", "plan": "p\u0072o", "age": 18 }""")]
    [InlineData("""{ "id": "u1", "country": "GB", "plan": "pro", "age": "42" }""")]
    [InlineData("""{ "id": "u1", "country": "FR", "plan": "pro", "age": 42 }""")]
    [InlineData("""{ "id": "u1", "country": ["GB"], "plan": "pro", "age": 42 }""")]
    [InlineData("""{ "id": "u1", "country": "GB", "plan": "free", "plan": "pro", "age": 42 }""")]
    [InlineData("""{ "id": "u1", "country": "GB", "plan": "pro", "age": 17.5 }""")]
    [InlineData("""{ "id": "u1", "country": "GB", "pl\u0061n": "pro", "age": 42 }""")]
    [InlineData("""{ }""")]
    public void Condition_IndexedContext_SameAnswerAsElement(string attributes)
    {
        var condition = Condition.Parse(JsonElement.Parse(Targeting));
        var element = JsonElement.Parse(attributes);
        var evaluator = Payloads.Evaluator($$"""{ "features": { "f": { "defaultValue": false, "rules": [ { "force": true, "condition": {{Targeting}} } ] } } }""");
        var context = new EvaluationContext { Attributes = element };

        var expected = condition.Evaluate(element);
        Assert.Equal(expected, evaluator.IsOn("f", context));
        Assert.Equal(expected, evaluator.IsOn("f", context));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Rollout_IndexedContext_MatchesGrowthBookHash() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            Gen.Elements(1, 2).ToArbitrary(),
            (id, percent, version) =>
            {
                var coverage = percent / 100d;
                var evaluator = Payloads.Evaluator($$"""
                    { "features": { "f": { "defaultValue": false, "rules": [
                      { "force": true, "coverage": {{coverage.ToString(CultureInfo.InvariantCulture)}}, "hashVersion": {{version}}, "seed": "s-1" } ] } } }
                    """);
                var context = new EvaluationContext { Attributes = JsonSerializer.SerializeToElement(new { id = id.Get }) };
                var expected = coverage > 0 && GrowthBookHash.Hash("s-1", id.Get, version) <= coverage;
                return evaluator.IsOn("f", context) == expected && evaluator.IsOn("f", context) == expected;
            });
}
