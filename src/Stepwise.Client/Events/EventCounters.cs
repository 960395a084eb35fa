namespace Stepwise.Client.Events;

/// <summary>Thread-safe counters behind <see cref="EventDeliveryStatistics"/>.</summary>
internal sealed class EventCounters
{
    private long _enqueued;
    private long _delivered;
    private long _rejected;
    private long _droppedBufferFull;
    private long _droppedAfterRetries;
    private long _droppedAtShutdown;
    private long _droppedInvalid;
    private long _duplicates;
    private long _requests;

    public void AddEnqueued(long n) => Interlocked.Add(ref _enqueued, n);

    public void AddDelivered(long n) => Interlocked.Add(ref _delivered, n);

    public void AddRejected(long n) => Interlocked.Add(ref _rejected, n);

    public void AddDroppedBufferFull(long n) => Interlocked.Add(ref _droppedBufferFull, n);

    public void AddDroppedAfterRetries(long n) => Interlocked.Add(ref _droppedAfterRetries, n);

    public void AddDroppedAtShutdown(long n) => Interlocked.Add(ref _droppedAtShutdown, n);

    public void AddDroppedInvalid() => Interlocked.Increment(ref _droppedInvalid);

    public void AddDuplicate() => Interlocked.Increment(ref _duplicates);

    public void AddRequest() => Interlocked.Increment(ref _requests);

    public EventDeliveryStatistics Snapshot(long pending) => new()
    {
        Enqueued = Interlocked.Read(ref _enqueued),
        Delivered = Interlocked.Read(ref _delivered),
        RejectedByServer = Interlocked.Read(ref _rejected),
        DroppedBufferFull = Interlocked.Read(ref _droppedBufferFull),
        DroppedAfterRetries = Interlocked.Read(ref _droppedAfterRetries),
        DroppedAtShutdown = Interlocked.Read(ref _droppedAtShutdown),
        DroppedInvalid = Interlocked.Read(ref _droppedInvalid),
        DuplicateExposuresSkipped = Interlocked.Read(ref _duplicates),
        Pending = pending,
        Requests = Interlocked.Read(ref _requests),
    };
}
