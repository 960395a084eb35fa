namespace Stepwise.Client;

/// <summary>
/// Exact counts of what happened to tracked events since the client was created. Every event accepted into the
/// buffer ends in exactly one bucket: <c>Enqueued = Delivered + RejectedByServer + DroppedAfterRetries +
/// DroppedAtShutdown + Pending</c>. Events refused before the buffer are counted in <see cref="DroppedBufferFull"/>
/// and <see cref="DroppedInvalid"/>; repeated exposures in <see cref="DuplicateExposuresSkipped"/>.
/// </summary>
public sealed record EventDeliveryStatistics
{
    /// <summary>Events accepted into the buffer.</summary>
    public long Enqueued { get; init; }

    /// <summary>Events the server acknowledged as accepted.</summary>
    public long Delivered { get; init; }

    /// <summary>Events the server refused (per-event errors, or a 4xx for the whole batch).</summary>
    public long RejectedByServer { get; init; }

    /// <summary>Events dropped because the buffer was full.</summary>
    public long DroppedBufferFull { get; init; }

    /// <summary>Events dropped after the last delivery attempt failed.</summary>
    public long DroppedAfterRetries { get; init; }

    /// <summary>Events still undelivered when the shutdown flush ran out of time.</summary>
    public long DroppedAtShutdown { get; init; }

    /// <summary>Metric events without a unit id or metric name (never buffered).</summary>
    public long DroppedInvalid { get; init; }

    /// <summary>Exposures not recorded because the unit was already exposed to the experiment.</summary>
    public long DuplicateExposuresSkipped { get; init; }

    /// <summary>Events buffered or in flight.</summary>
    public long Pending { get; init; }

    /// <summary>Number of POST requests made to the events endpoint (retries included).</summary>
    public long Requests { get; init; }
}
