using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Events;

/// <summary>A client on a fake clock whose HTTP goes to a <see cref="ScriptedHandler"/>; jitter fixed at 0.5.</summary>
internal sealed class EventClientFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture));

    public ScriptedHandler Handler { get; }

    public EventClientFactory() => Handler = new ScriptedHandler(Time);

    public StepwiseClient Create(Action<StepwiseOptions>? configure = null)
    {
        var options = new StepwiseOptions
        {
            BaseUrl = new Uri("http://stepwise.test/"),
            ClientKey = TestPayloads.ClientKey,
            Streaming = false,
            PollInterval = TimeSpan.FromHours(1),
            EventFlushInterval = TimeSpan.FromHours(1),
            EventBatchSize = 1000,
        };
        configure?.Invoke(options);
        var http = new HttpClient(Handler);
        return new StepwiseClient(options, http, null, Time, null, random: () => 0.5);
    }
}
