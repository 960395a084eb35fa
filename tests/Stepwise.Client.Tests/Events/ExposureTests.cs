using System.Text.Json;
using Stepwise.Client.Tests.Infrastructure;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.Tests.Events;

public sealed class ExposureTests
{
    private static EvaluationContext Unit(string id) => new() { Attributes = JsonSerializer.SerializeToElement(new { id }) };

    [Fact]
    public async Task Exposure_UnitEvaluatedManyTimes_OneEventPerUnitPerExperiment()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = TestPayloads.Experiment;
        await using var client = setup.Create();
        await client.StartAsync();
        var units = Enumerable.Range(1, 5).Select(i => Unit($"u-{i}")).ToArray();
        var variations = new Dictionary<string, int>();

        for (var round = 0; round < 3; round++)
        {
            foreach (var unit in units)
            {
                var result = client.EvalFeature("button", unit);
                variations[unit.Attributes.GetProperty("id").GetString()!] = result.ExperimentResult!.VariationId;
            }
        }
        await client.FlushEventsAsync();

        var stats = client.EventStatistics;
        Assert.Equal(5, stats.Enqueued);
        Assert.Equal(10, stats.DuplicateExposuresSkipped);
        Assert.Equal(5, stats.Delivered);
        var request = Assert.Single(setup.Handler.Requests);
        Assert.Equal($"Bearer {TestPayloads.ClientKey}", request.Authorization);
        Assert.Equal(5, request.Events.Select(e => e.GetProperty("id").GetGuid()).Distinct().Count());
        foreach (var exposure in request.Events)
        {
            var unitId = exposure.GetProperty("unitId").GetString()!;
            Assert.Equal("exposure", exposure.GetProperty("type").GetString());
            Assert.Equal("id", exposure.GetProperty("hashAttribute").GetString());
            Assert.Equal("button-test", exposure.GetProperty("experiment").GetString());
            Assert.Equal("button", exposure.GetProperty("feature").GetString());
            Assert.Equal(variations[unitId], exposure.GetProperty("variation").GetInt32());
            Assert.Equal(setup.Time.GetUtcNow(), exposure.GetProperty("timestamp").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Exposure_DedupeCapacityExceeded_OldestUnitForgotten()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = TestPayloads.Experiment;
        await using var client = setup.Create(o => o.ExposureDedupeCapacity = 2);
        await client.StartAsync();

        foreach (var id in new[] { "a", "b", "b", "c", "a", "c" })
        {
            client.EvalFeature("button", Unit(id));
        }

        Assert.Equal(4, client.EventStatistics.Enqueued);
        Assert.Equal(2, client.EventStatistics.DuplicateExposuresSkipped);
    }

    [Fact]
    public async Task Exposure_PlainFlagsAndTrackingOff_NoEvents()
    {
        var setup = new EventClientFactory();
        setup.Handler.Payload = TestPayloads.Experiment;
        await using var withTracking = setup.Create();
        await using var withoutTracking = setup.Create(o => o.TrackExposures = false);
        await withTracking.StartAsync();
        await withoutTracking.StartAsync();

        withTracking.IsOn("flag", Unit("u-1"));
        withoutTracking.EvalFeature("button", Unit("u-1"));

        Assert.Equal(0, withTracking.EventStatistics.Enqueued);
        Assert.Equal(0, withoutTracking.EventStatistics.Enqueued);
    }

    [Fact]
    public async Task Track_MetricEvents_SentWithUnitAndValue()
    {
        var setup = new EventClientFactory();
        await using var client = setup.Create();

        client.Track("u-42", "revenue", 12.5);
        client.Track(Unit("u-43"), "signup");
        client.Track("", "revenue", 1);
        client.Track(EvaluationContext.Empty, "revenue", 1);
        client.Track("u-44", "revenue", double.NaN);
        await client.FlushEventsAsync();

        var events = setup.Handler.EventsSent.ToArray();
        Assert.Equal(2, events.Length);
        Assert.Equal("metric", events[0].GetProperty("type").GetString());
        Assert.Equal("u-42", events[0].GetProperty("unitId").GetString());
        Assert.Equal("revenue", events[0].GetProperty("metric").GetString());
        Assert.Equal(12.5, events[0].GetProperty("value").GetDouble());
        Assert.Equal("u-43", events[1].GetProperty("unitId").GetString());
        Assert.Equal(1, events[1].GetProperty("value").GetDouble());
        Assert.Equal(3, client.EventStatistics.DroppedInvalid);
    }
}
