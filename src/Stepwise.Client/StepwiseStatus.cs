namespace Stepwise.Client;

/// <summary>Where the payload being served came from.</summary>
public enum PayloadOrigin
{
    /// <summary>No payload yet: every feature evaluates to its caller-supplied default.</summary>
    None,

    /// <summary>The snapshot file (the server has not been reached since start).</summary>
    Snapshot,

    /// <summary>The server (fetch, poll or stream).</summary>
    Server,
}

/// <summary>How the client currently follows payload changes.</summary>
public enum SyncMode
{
    /// <summary>Not started yet, or starting.</summary>
    Starting,

    /// <summary>Connected to the event stream.</summary>
    Streaming,

    /// <summary>Polling with ETags (streaming disabled, or the stream is down and being retried).</summary>
    Polling,

    /// <summary>Stopped.</summary>
    Stopped,
}

/// <summary>A point-in-time view of the client's payload and connection.</summary>
public sealed record StepwiseStatus
{
    /// <summary>Where the served payload came from.</summary>
    public required PayloadOrigin Origin { get; init; }

    /// <summary>How updates are being followed.</summary>
    public required SyncMode Mode { get; init; }

    /// <summary>When the served payload was loaded (client clock); null before any payload.</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>The payload's own <c>dateUpdated</c>, when it has one.</summary>
    public DateTimeOffset? PayloadDateUpdated { get; init; }

    /// <summary>The last successful exchange with the server (payload, 304, or stream heartbeat).</summary>
    public DateTimeOffset? LastContact { get; init; }

    /// <summary>The most recent failure (fetch, stream, or a rejected payload), if any.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>
    /// True when the served payload may be out of date: it did not come from the server, the latest attempt to
    /// reach the server failed, or the server has not been reached within <see cref="StepwiseOptions.StaleAfter"/>.
    /// </summary>
    public required bool IsStale { get; init; }

    /// <summary>Number of features in the served payload.</summary>
    public int FeatureCount { get; init; }
}
