namespace Stepwise.Client.Events;

/// <summary>
/// The bounded queue between the application threads that record events and the single delivery loop.
/// A full buffer refuses the event (the caller counts it); it never blocks and never grows.
/// </summary>
internal sealed class EventBuffer(int capacity, int batchSize) : IDisposable
{
    private readonly Queue<TrackedEvent> _queue = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _batchReady = new(0, 1);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Adds the event unless the buffer is full; wakes the delivery loop when a full batch is waiting.</summary>
    public bool TryAdd(TrackedEvent item)
    {
        bool wake;
        lock (_lock)
        {
            if (_queue.Count >= capacity)
            {
                return false;
            }
            _queue.Enqueue(item);
            wake = _queue.Count >= batchSize && _batchReady.CurrentCount == 0;
        }
        if (wake)
        {
            try
            {
                _batchReady.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another producer woke the loop first.
            }
        }
        return true;
    }

    /// <summary>Moves up to one batch into <paramref name="batch"/> (cleared first); returns how many.</summary>
    public int TakeBatch(List<TrackedEvent> batch)
    {
        batch.Clear();
        lock (_lock)
        {
            while (batch.Count < batchSize && _queue.TryDequeue(out var item))
            {
                batch.Add(item);
            }
        }
        return batch.Count;
    }

    /// <summary>Empties the buffer, returning how many events it held.</summary>
    public int Clear()
    {
        lock (_lock)
        {
            var count = _queue.Count;
            _queue.Clear();
            return count;
        }
    }

    /// <summary>Completes when a full batch is waiting, after <paramref name="timeout"/>, or on cancellation.</summary>
    public async Task WaitForBatchAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Count >= batchSize)
        {
            return;
        }
        using var waitEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batch = _batchReady.WaitAsync(waitEnded.Token);
        var delay = Task.Delay(timeout, time, waitEnded.Token);
        await Task.WhenAny(batch, delay).ConfigureAwait(false);
        await waitEnded.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose() => _batchReady.Dispose();
}
