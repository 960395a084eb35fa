using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Events.Storage;

namespace Stepwise.Events.Ingestion;

/// <summary>
/// The single writer between the requests and the store. Requests queue their parsed batches; the writer takes
/// everything waiting (up to <see cref="EventsOptions.MaxEventsPerCommit"/>) and stores it in one commit —
/// group commit, so one sync serves many requests — then completes every request in the group. The queue is
/// bounded by events: a request that would overflow it is refused at once (429), never buffered.
/// </summary>
public sealed class EventWriter(EventStoreProvider stores, IOptions<EventsOptions> options, ILogger<EventWriter> logger) : BackgroundService
{
    private readonly Channel<PendingBatch> _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    private long _pending;

    /// <summary>Events accepted but not yet committed.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Queues a batch; false when the queue has no room for it. The task completes after the durable commit.</summary>
    public bool TryEnqueue(ParsedBatch batch, out Task committed)
    {
        committed = Task.CompletedTask;
        if (batch.Accepted == 0) return true;
        var limit = options.Value.MaxPendingEvents;
        if (Interlocked.Add(ref _pending, batch.Accepted) > limit)
        {
            Interlocked.Add(ref _pending, -batch.Accepted);
            return false;
        }
        var pending = new PendingBatch(batch);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _pending, -batch.Accepted);
            return false;
        }
        committed = pending.Done.Task;
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingBatch>();
        var batches = new List<ParsedBatch>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var count = 0;
                while (count < options.Value.MaxEventsPerCommit && reader.TryRead(out var next))
                {
                    group.Add(next);
                    batches.Add(next.Batch);
                    count += next.Batch.Accepted;
                }
                try
                {
                    var store = stores.Get();
                    await store.WriteAsync(batches, CancellationToken.None);
                    foreach (var item in group) item.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Storing {Count} events failed; the requests are answered 503 and the SDKs will retry", count);
                    foreach (var item in group) item.Done.TrySetException(e);
                }
                finally
                {
                    Interlocked.Add(ref _pending, -count);
                    group.Clear();
                    batches.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Nothing queued after shutdown was committed: those requests must not be told otherwise.
        while (reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
    }

    private sealed class PendingBatch(ParsedBatch batch)
    {
        public ParsedBatch Batch { get; } = batch;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
