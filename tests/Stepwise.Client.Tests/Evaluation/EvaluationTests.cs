using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Stepwise.Client.Tests.Events;
using Stepwise.Client.Tests.Infrastructure;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.Tests.Evaluation;

public sealed class EvaluationTests
{
    private static async Task<StepwiseClient> ClientWith(string payload)
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = payload;
        var client = setup.Create();
        await client.StartAsync();
        return client;
    }

    private sealed record Limits(int Limit, string Name);

    [Fact]
    public async Task TypedGetters_MatchingTypes_ReturnValues()
    {
        await using var client = await ClientWith(TestPayloads.Experiment);

        Assert.True(client.IsOn("flag"));
        Assert.True(client.GetValue("flag", null, false));
        Assert.Equal(9.5, client.GetNumber("price", null, 0));
        Assert.Equal(9.5, client.GetValue("price", null, 0d));
        Assert.Equal(new Limits(3, "x"), client.GetValue<Limits?>("config", null, null));
        Assert.Equal(3, client.GetJson("config", null, default).GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task TypedGetters_WrongTypeOrUnknown_ReturnDefault()
    {
        await using var client = await ClientWith(TestPayloads.Experiment);

        Assert.Equal("fallback", client.GetString("price", null, "fallback"));
        Assert.Equal(7, client.GetNumber("flag", null, 7));
        Assert.Equal(4, client.GetValue("price", null, 4));
        Assert.Equal("d", client.GetValue("missing", null, "d"));
        Assert.False(client.IsOn("missing"));
        Assert.Equal(JsonValueKind.Undefined, client.GetJson("missing", null, default).ValueKind);
        Assert.Equal(EvaluationErrorCode.FlagNotFound, client.EvalFeature("missing").ErrorCode);
        Assert.Null(client.GetValue<Limits?>("price", null, null));
    }

    [Fact]
    public async Task IsOn_PrebuiltContext_AllocatesNothing()
    {
        await using var client = await ClientWith("""
            { "features": { "dark-mode": { "defaultValue": false, "rules": [
              { "id": "r1", "force": true, "coverage": 0.5, "hashVersion": 2,
                "condition": { "country": { "$in": ["US", "CA", "GB"] }, "plan": "pro", "age": { "$gte": 18 } } } ] } } }
            """);
        var context = new EvaluationContext { Attributes = JsonElement.Parse("""{ "id": "user-123", "country": "GB", "plan": "pro", "age": 42 }""") };
        for (var i = 0; i < 1000; i++)
        {
            client.IsOn("dark-mode", context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            client.IsOn("dark-mode", context);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static readonly string[] Keys = ["button", "price", "config", "flag", "missing", "", "\u0000", "ünïcode"];

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Evaluation_RandomKeysAndAttributes_NeverThrows() =>
        Prop.ForAll(
            Gen.Elements(Keys).Or(ArbMap.Default.GeneratorFor<string>()).ToArbitrary(),
            ArbMap.Default.GeneratorFor<string>().ToArbitrary(),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).ToArbitrary(),
            (key, text, number) =>
            {
                var client = Shared.Value;
                var attributes = new object?[]
                {
                    new { id = text, country = number },
                    new { id = number, tags = new[] { text } },
                    new[] { text },
                    text,
                    null,
                };
                foreach (var attribute in attributes)
                {
                    var context = new EvaluationContext { Attributes = JsonSerializer.SerializeToElement(attribute) };
                    client.EvalFeature(key!, context);
                    client.IsOn(key!, context);
                    client.GetString(key!, context, "");
                    client.GetNumber(key!, context, 0);
                    client.GetValue<Limits?>(key!, context, null);
                    client.GetValue(key!, context, 0);
                    client.Track(context, text!, number);
                }
                client.EvalFeature(key!, null);
            });

    private static readonly Lazy<StepwiseClient> Shared = new(() => ClientWith(TestPayloads.Experiment).GetAwaiter().GetResult());
}
