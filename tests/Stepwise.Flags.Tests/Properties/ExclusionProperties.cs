using System.Globalization;
using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Features;

namespace Stepwise.Flags.Tests.Properties;

public sealed class ExclusionProperties
{
    private const int Units = 1_000_000;

    private static ExperimentDefinition Experiment(string key, string exclusion) =>
        ExperimentDefinition.Parse(JsonElement.Parse($$"""{ "key": "{{key}}", "variations": [0, 1], "hashVersion": 2, {{exclusion}} }"""));

    /// <summary>Two experiments given disjoint ranges of one exclusive layer: 1M units, none enrolled in both.</summary>
    [Theory]
    [InlineData("""namespace": ["checkout-layer", 0, 0.5]""", """namespace": ["checkout-layer", 0.5, 1]""")]
    [InlineData("""filters": [{ "seed": "checkout-layer", "ranges": [[0, 0.4]] }]""", """filters": [{ "seed": "checkout-layer", "ranges": [[0.4, 1]] }]""")]
    public void Run_TwoExperimentsInOneLayer_NeverShareAUnit(string first, string second)
    {
        var evaluator = new FlagEvaluator(FeaturePayload.Empty);
        var a = Experiment("exp-a", "\"" + first);
        var b = Experiment("exp-b", "\"" + second);
        int inA = 0, inB = 0;
        var units = new UnitAttributes();
        for (var i = 0; i < Units; i++)
        {
            var context = new EvaluationContext { Attributes = units.Attributes(i) };
            var enrolledA = evaluator.Run(a, context).InExperiment;
            var enrolledB = evaluator.Run(b, context).InExperiment;
            Assert.False(enrolledA && enrolledB, $"unit {i} is in both experiments");
            inA += enrolledA ? 1 : 0;
            inB += enrolledB ? 1 : 0;
        }
        // Both experiments really ran: together they cover the whole layer.
        Assert.Equal(Units, inA + inB);
        Assert.True(inA > Units / 3 && inB > Units / 3, $"unexpected split {inA} / {inB}");
    }

    /// <summary>Builds <c>{"id":"u{i}"}</c> attribute elements for a million units.</summary>
    private sealed class UnitAttributes
    {
        private readonly byte[] _buffer = new byte[64];

        public JsonElement Attributes(int i)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"u{i}\"}}");
            var length = System.Text.Encoding.UTF8.GetBytes(text, _buffer);
            var reader = new Utf8JsonReader(_buffer.AsSpan(0, length));
            return JsonElement.ParseValue(ref reader);
        }
    }
}
