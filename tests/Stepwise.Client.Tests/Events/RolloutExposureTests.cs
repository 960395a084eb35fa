using System.Globalization;
using System.Text;
using System.Text.Json;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.Tests.Events;

/// <summary>
/// A guarded rollout at 20% (after a 1% holdback), in the payload shape the server compiles: every unit of its audience
/// is exposed once to <c>rollout-&lt;id&gt;</c>, as variation 1 when it gets the rolled-out value and 0 when it does not.
/// </summary>
public sealed class RolloutExposureTests
{
    private const string RolloutKey = "rollout-0195a1b2c3d4e5f60718293a4b5c6d7e";
    private const string Seed = "checkout/0195a1b2";
    private const int Units = 2000;

    private static readonly string Payload = $$$"""
        {"features":{
          "checkout":{"defaultValue":"old","rules":[
            {"id":"staff","condition":{"staff":true},"force":"staff"},
            {"id":"{{{RolloutKey}}}","condition":{"country":"NL"},"force":"new","range":[0.01,0.21],
             "hashAttribute":"id","seed":"{{{Seed}}}","hashVersion":2,"exposureKey":"{{{RolloutKey}}}"}]},
          "plain":{"defaultValue":true}
        }}
        """;

    private static EvaluationContext Unit(string id, string country = "NL", bool staff = false) =>
        new() { Attributes = JsonSerializer.SerializeToElement(new { id, country, staff }) };

    [Fact]
    public async Task Rollout_EveryUnitOfTheAudience_ExposedOnce_AsTheArmItGot()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = Payload;
        await using var client = setup.Create();
        await client.StartAsync(TestContext.Current.CancellationToken);
        var gotTheValue = new Dictionary<string, bool>();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < Units; i++)
            {
                var id = $"u-{i}";
                var value = client.GetString("checkout", Unit(id), "?");
                Assert.True(value is "new" or "old", value);
                gotTheValue[id] = value == "new";
                client.GetString("checkout", Unit($"de-{i % 200}", country: "DE"), "?"); // outside the audience
                client.GetString("checkout", Unit($"staff-{i % 50}", staff: true), "?");  // a rule before the rollout decided
                client.IsOn("plain", Unit(id));
            }
        }
        await client.FlushEventsAsync();

        var exposures = setup.Handler.EventsSent.Where(e => e.GetProperty("type").GetString() == "exposure").ToList();
        Assert.Equal(Units, exposures.Count);
        Assert.Equal(Units, exposures.Select(e => e.GetProperty("unitId").GetString()).Distinct().Count());
        foreach (var exposure in exposures)
        {
            var unitId = exposure.GetProperty("unitId").GetString()!;
            var variation = exposure.GetProperty("variation").GetInt32();
            Assert.Equal(RolloutKey, exposure.GetProperty("experiment").GetString());
            Assert.Equal("checkout", exposure.GetProperty("feature").GetString());
            Assert.Equal("id", exposure.GetProperty("hashAttribute").GetString());
            Assert.Equal(gotTheValue[unitId] ? 1 : 0, variation);
            Assert.Equal(ServerSideInRollout(unitId) ? 1 : 0, variation);
        }
        var treated = exposures.Count(e => e.GetProperty("variation").GetInt32() == 1);
        Assert.InRange(treated, 330, 470); // 20% of 2,000 is 400
        var stats = client.EventStatistics;
        Assert.Equal(Units, stats.Enqueued);
        Assert.Equal(2 * Units, stats.DuplicateExposuresSkipped);
        Assert.Equal(Units, stats.Delivered);
        Assert.Equal(0, stats.DroppedBufferFull);
    }

    [Fact]
    public async Task Rollout_NextToAnExperiment_EachKeyDedupedOnItsOwn()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = Payload;
        await using var client = setup.Create(o => o.ExposureDedupeCapacity = 2);
        await client.StartAsync(TestContext.Current.CancellationToken);

        foreach (var id in new[] { "a", "b", "b", "c", "a", "c" })
        {
            client.EvalFeature("checkout", Unit(id));
        }

        // The dedupe set is bounded exactly as for experiments: "a" was forgotten by the time it came back.
        Assert.Equal(4, client.EventStatistics.Enqueued);
        Assert.Equal(2, client.EventStatistics.DuplicateExposuresSkipped);
    }

    [Fact]
    public async Task Rollout_TrackingOffOrOldPayloadWithoutExposureKey_NoEvents()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = Payload;
        await using var off = setup.Create(o => o.TrackExposures = false);
        await off.StartAsync(TestContext.Current.CancellationToken);
        var old = new EventClientFactory();
        old.Handler.Payload = Payload.Replace($",\"exposureKey\":\"{RolloutKey}\"", "", StringComparison.Ordinal);
        await using var oldServer = old.Create();
        await oldServer.StartAsync(TestContext.Current.CancellationToken);

        for (var i = 0; i < 100; i++)
        {
            off.EvalFeature("checkout", Unit($"u-{i}"));
            Assert.Null(oldServer.EvalFeature("checkout", Unit($"u-{i}")).Rollout);
        }

        Assert.Equal(0, off.EventStatistics.Enqueued);
        Assert.Equal(0, oldServer.EventStatistics.Enqueued);
    }

    /// <summary>
    /// The server's own rule for who is in, written out independently of the engine: GrowthBook hash version 2 of
    /// (seed, unit id) inside the plan's included range [holdback, holdback + stage).
    /// </summary>
    private static bool ServerSideInRollout(string unitId)
    {
        var first = Fnv1a(Seed + unitId);
        var bucket = Fnv1a(first.ToString(CultureInfo.InvariantCulture)) % 10_000 / 10_000d;
        return bucket is >= 0.01 and < 0.21;
    }

    private static uint Fnv1a(string text)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x01000193u);
        }
        return hash;
    }
}
