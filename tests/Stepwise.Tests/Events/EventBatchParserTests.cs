using System.Text;
using Stepwise.Events.Ingestion;
using Xunit;

namespace Stepwise.Tests.Events;

/// <summary>The streaming batch parser: per-event validation with reasons, field order, escapes, repeats and the batch key.</summary>
public class EventBatchParserTests
{
    private static readonly Guid Environment = Guid.Parse("0191e2a0-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static ParsedBatch? Parse(string json, out string? error, out bool tooMany, int max = 100) =>
        EventBatchParser.Parse(Encoding.UTF8.GetBytes(json), Environment, Now, max, out error, out tooMany);

    private static ParsedBatch ParseOk(string json) => Parse(json, out var error, out _) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Fields_InAnyOrder_WithUnknownAndNestedFields_AreRead()
    {
        var batch = ParseOk("""
            {"sdk": {"name": "x", "tags": [1, {"a": null}]}, "events": [
              {"value": 2.5, "extra": [1, 2], "metric": "purchase", "unitId": "u-1", "timestamp": "2026-11-23T11:00:00+01:00",
               "type": "metric", "id": "0193a000-0000-7000-8000-000000000001"},
              {"id": "0193a000-0000-7000-8000-000000000002", "type": "exposure", "timestamp": "2026-11-23T10:00:00Z",
               "unitId": "u-1", "experiment": "exp", "variation": 1, "hashAttribute": "id", "feature": "f"}
            ], "more": true}
            """);
        Assert.Equal(2, batch.Received);
        Assert.Equal(2, batch.Accepted);
        var metric = Assert.Single(batch.Metrics);
        Assert.Equal(("u-1", "purchase", 2.5), (metric.UnitId, metric.Metric, metric.Value));
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), metric.Timestamp);
        var exposure = Assert.Single(batch.Exposures);
        Assert.Equal(("exp", 1, "id", "f"), (exposure.Experiment, exposure.Variation, exposure.HashAttribute, exposure.Feature));
    }

    [Fact]
    public void EscapedStrings_AndOtherUuidForms_AreDecoded()
    {
        var batch = ParseOk("""
            {"events": [{"\u0069d": "{0193A000-0000-7000-8000-000000000003}", "type": "metric", "timestamp": "2026-11-23T10:00:00Z",
              "unitId": "u-\u00e9\"q", "metric": "a\/b", "value": null}]}
            """);
        var metric = Assert.Single(batch.Metrics);
        Assert.Equal(Guid.Parse("0193a000-0000-7000-8000-000000000003"), metric.EventId);
        Assert.Equal("u-é\"q", metric.UnitId);
        Assert.Equal("a/b", metric.Metric);
        Assert.Equal(1.0, metric.Value);
    }

    [Fact]
    public void MalformedEvents_AreRejectedOneByOne_AndCountsAddUp()
    {
        var batch = ParseOk("""
            {"events": [
              42,
              {"type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m"},
              {"id": "not-a-uuid", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m"},
              {"id": "0193a000-0000-7000-8000-000000000004", "type": "page", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u"},
              {"id": "0193a000-0000-7000-8000-000000000005", "type": "metric", "timestamp": "2026-11-25T10:00:00Z", "unitId": "u", "metric": "m"},
              {"id": "0193a000-0000-7000-8000-000000000006", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "  ", "metric": "m"},
              {"id": "0193a000-0000-7000-8000-000000000007", "type": "exposure", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "experiment": "e", "variation": -1},
              {"id": "0193a000-0000-7000-8000-000000000008", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m", "value": "1"},
              {"id": "0193a000-0000-7000-8000-000000000009", "type": "metric", "timestamp": "yesterday", "unitId": "u", "metric": "m"},
              {"id": "0193a000-0000-7000-8000-00000000000a", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m"}
            ]}
            """);
        Assert.Equal(10, batch.Received);
        Assert.Equal(1, batch.Accepted);
        Assert.Equal(batch.Received, batch.Accepted + batch.Rejections.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8], batch.Rejections.Select(r => r.Index));
        Assert.Equal("An event must be a JSON object.", batch.Rejections[0].Reason);
        Assert.Equal("'id' is required (a UUID string).", batch.Rejections[1].Reason);
        Assert.Equal(("not-a-uuid", "'id' must be a non-empty UUID."), (batch.Rejections[2].Id, batch.Rejections[2].Reason));
        Assert.Equal("Unknown event type 'page'; expected 'exposure' or 'metric'.", batch.Rejections[3].Reason);
        Assert.Equal("'timestamp' is more than an hour in the future.", batch.Rejections[4].Reason);
        Assert.Equal("'unitId' is required.", batch.Rejections[5].Reason);
        Assert.Equal("'variation' is required (a variation index ≥ 0).", batch.Rejections[6].Reason);
        Assert.Equal("'value' must be a finite number.", batch.Rejections[7].Reason);
        Assert.Equal("'timestamp' is required (ISO 8601 with an offset).", batch.Rejections[8].Reason);
    }

    [Fact]
    public void TimestampAheadOfTheServerClock_IsStoredAsTheArrivalTime()
    {
        var ahead = Now.AddMinutes(20).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var earlier = Now.AddMinutes(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var batch = ParseOk($$"""
            {"events": [
              {"id": "0193a000-0000-7000-8000-0000000000c1", "type": "metric", "timestamp": "{{ahead}}", "unitId": "u", "metric": "m"},
              {"id": "0193a000-0000-7000-8000-0000000000c2", "type": "exposure", "timestamp": "{{ahead}}", "unitId": "u", "experiment": "e", "variation": 1},
              {"id": "0193a000-0000-7000-8000-0000000000c3", "type": "metric", "timestamp": "{{earlier}}", "unitId": "u", "metric": "m"}]}
            """);
        Assert.Equal(3, batch.Accepted);
        Assert.Equal(Now.UtcDateTime, batch.Metrics[0].Timestamp);
        Assert.Equal(Now.UtcDateTime, batch.Exposures[0].Timestamp);
        Assert.Equal(Now.AddMinutes(-5).UtcDateTime, batch.Metrics[1].Timestamp);   // on time: kept as sent
    }

    [Fact]
    public void RepeatedId_IsAcceptedTwice_AndKeptOnce()
    {
        const string e = """{"id": "0193a000-0000-7000-8000-00000000000b", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m"}""";
        var batch = ParseOk($$"""{"events": [{{e}}, {{e}}]}""");
        Assert.Equal(2, batch.Accepted);
        Assert.Single(batch.Metrics);
    }

    [Fact]
    public void BatchKey_IsTheSameForAReplay_AndDiffersForOtherIds()
    {
        static string Body(string id) => $$"""{"events": [{"id": "{{id}}", "type": "metric", "timestamp": "2026-11-23T10:00:00Z", "unitId": "u", "metric": "m"}]}""";
        var first = ParseOk(Body("0193a000-0000-7000-8000-00000000000c"));
        var replay = ParseOk(Body("0193a000-0000-7000-8000-00000000000c"));
        var other = ParseOk(Body("0193a000-0000-7000-8000-00000000000d"));
        Assert.Equal(first.Key, replay.Key);
        Assert.NotEqual(first.Key, other.Key);
        Assert.NotEqual(Guid.Empty, first.Key);

        // The key covers the ids as sent, not the validation: a later replay that now accepts an event is still recognised.
        const string ahead = """{"events": [{"id": "0193a000-0000-7000-8000-00000000000e", "type": "metric", "timestamp": "2026-11-23T13:30:00Z", "unitId": "u", "metric": "m"}]}""";
        var early = EventBatchParser.Parse(Encoding.UTF8.GetBytes(ahead), Environment, Now, 100, out _, out _)!;
        var later = EventBatchParser.Parse(Encoding.UTF8.GetBytes(ahead), Environment, Now.AddHours(1), 100, out _, out _)!;
        Assert.Equal((0, 1), (early.Accepted, later.Accepted));
        Assert.Equal(early.Key, later.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"events\": {}}")]
    [InlineData("{\"other\": []}")]
    [InlineData("{\"events\": [] } trailing")]
    [InlineData("{\"events\": [{\"id\": ")]
    public void NotABatch_IsAnError(string body)
    {
        Assert.Null(Parse(body, out var error, out var tooMany));
        Assert.False(tooMany);
        Assert.NotNull(error);
    }

    [Fact]
    public void TooManyEvents_IsReportedWithTheCount()
    {
        Assert.Null(Parse("""{"events": [1, 2, 3, 4]}""", out var error, out var tooMany, max: 3));
        Assert.True(tooMany);
        Assert.Equal("The batch has 4 events; the limit is 3.", error);
    }
}
