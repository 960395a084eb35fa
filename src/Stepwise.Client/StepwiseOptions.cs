namespace Stepwise.Client;

/// <summary>Configuration of a <see cref="StepwiseClient"/>. Defaults suit a server-side application.</summary>
public sealed class StepwiseOptions
{
    /// <summary>Root address of the Stepwise server (e.g. <c>https://flags.example.com/</c>). Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The SDK connection's client key; it names the payload and authorises event delivery. Required.</summary>
    public string ClientKey { get; set; } = "";

    /// <summary>Base64 AES key for payloads with <c>encryptedFeatures</c>; null when the payload is plain.</summary>
    public string? DecryptionKey { get; set; }

    /// <summary>How long <see cref="StepwiseClient.StartAsync"/> waits for the first payload before serving the snapshot (or defaults).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit for one payload fetch, the stream's response headers, or one event batch.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Follow the server-sent event stream for instant updates (polling is the fallback either way).</summary>
    public bool Streaming { get; set; } = true;

    /// <summary>Interval between conditional (ETag) polls while the stream is not connected.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A stream that sends nothing, not even a heartbeat, for this long is treated as dropped (the server pings every 15 s).</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>First delay before reconnecting a dropped stream; doubles per failed attempt up to <see cref="StreamReconnectMaxDelay"/>.</summary>
    public TimeSpan StreamReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the stream reconnect delay.</summary>
    public TimeSpan StreamReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The payload counts as stale when the server has not been reached for this long.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>File to start from when the server is unreachable (cold start during an outage); null for none.</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>Write every new server payload to <see cref="SnapshotPath"/> (atomically: temporary file, then rename).</summary>
    public bool WriteSnapshot { get; set; } = true;

    /// <summary>Record an exposure event the first time a unit is enrolled in an experiment or placed by a guarded rollout (either arm).</summary>
    public bool TrackExposures { get; set; } = true;

    /// <summary>How many distinct (experiment or rollout, unit) pairs are remembered to send one exposure each; the oldest are forgotten first.</summary>
    public int ExposureDedupeCapacity { get; set; } = 100_000;

    /// <summary>Events waiting for delivery at most; further events are dropped and counted.</summary>
    public int EventBufferCapacity { get; set; } = 10_000;

    /// <summary>Events per request to <c>/api/events</c>.</summary>
    public int EventBatchSize { get; set; } = 100;

    /// <summary>A partial batch is sent after waiting this long.</summary>
    public TimeSpan EventFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per batch (the first send included) before it is dropped and counted.</summary>
    public int EventMaxAttempts { get; set; } = 5;

    /// <summary>Backoff base: attempt n waits about base × 2^(n-1), with jitter, unless the server sent <c>Retry-After</c>.</summary>
    public TimeSpan EventRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the computed backoff (a server's <c>Retry-After</c> is honoured even when longer).</summary>
    public TimeSpan EventRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On stop, how long to keep delivering buffered events before dropping (and counting) the rest.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("StepwiseOptions.BaseUrl must be an absolute URL.", nameof(BaseUrl));
        }
        if (string.IsNullOrWhiteSpace(ClientKey))
        {
            throw new ArgumentException("StepwiseOptions.ClientKey is required.", nameof(ClientKey));
        }
        RequirePositive(StartupTimeout, nameof(StartupTimeout));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(PollInterval, nameof(PollInterval));
        RequirePositive(StreamIdleTimeout, nameof(StreamIdleTimeout));
        RequirePositive(StreamReconnectDelay, nameof(StreamReconnectDelay));
        RequirePositive(EventFlushInterval, nameof(EventFlushInterval));
        if (EventBufferCapacity < 1 || EventBatchSize < 1 || EventMaxAttempts < 1 || ExposureDedupeCapacity < 1)
        {
            throw new ArgumentException("Event buffer capacity, batch size, attempts and dedupe capacity must be at least 1.");
        }
    }

    internal StepwiseOptions Clone() => (StepwiseOptions)MemberwiseClone();

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"StepwiseOptions.{name} must be positive.", name);
        }
    }
}
