using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Stepwise.Client.Events;

/// <summary>
/// Buffers exposure and metric events and delivers them in batches from one background loop: a batch is sent
/// when full or after the flush interval, retried with backoff (or after the server's <c>Retry-After</c>), and
/// dropped with an exact count when attempts run out. Recording never blocks and never throws.
/// </summary>
internal sealed class EventSender : IDisposable
{
    private readonly StepwiseOptions _options;
    private readonly Func<HttpClient> _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _endpoint;
    private readonly EventBuffer _buffer;
    private readonly Func<double> _random;
    private readonly EventCounters _counters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;
    private int _inFlight;

    public EventSender(StepwiseOptions options, Func<HttpClient> http, TimeProvider time, ILogger logger, Func<double>? random = null)
    {
        _options = options;
        _http = http;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared.NextDouble;
        _endpoint = ServerAddress.Events(options);
        _buffer = new EventBuffer(options.EventBufferCapacity, options.EventBatchSize);
    }

    public EventDeliveryStatistics Statistics => _counters.Snapshot(_buffer.Count + Volatile.Read(ref _inFlight));

    internal EventCounters Counters => _counters;

    /// <summary>Buffers an event; false (and counted) when the buffer is full.</summary>
    public bool Enqueue(TrackedEvent item)
    {
        if (!_buffer.TryAdd(item))
        {
            _counters.AddDroppedBufferFull(1);
            return false;
        }
        _counters.AddEnqueued(1);
        return true;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Stops waiting, delivers what is buffered until <paramref name="cancellationToken"/> or the shutdown
    /// flush timeout ends, and counts whatever is left as dropped at shutdown.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.ShutdownFlushTimeout, _time);
        using var abortOnDeadline = deadline.Token.Register(AbortQuietly);
        using var abortOnCaller = cancellationToken.Register(AbortQuietly);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
        else
        {
            await FlushAsync().ConfigureAwait(false);
        }
        var left = _buffer.Clear();
        if (left > 0)
        {
            _counters.AddDroppedAtShutdown(left);
            _logger.LogWarning("Stepwise dropped {Count} undelivered events at shutdown", left);
        }
    }

    /// <summary>A deadline may fire while the sender is being disposed; by then there is nothing left to abort.</summary>
    private void AbortQuietly()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
        _buffer.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _buffer.WaitForBatchAsync(_options.EventFlushInterval, _time, stopping).ConfigureAwait(false);
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Stepwise event delivery loop failed; continuing");
            }
        }
        await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Sends every buffered event, batch by batch, until the buffer is empty or shutdown aborts.</summary>
    internal async Task FlushAsync()
    {
        var batch = new List<TrackedEvent>(_options.EventBatchSize);
        while (!_abort.IsCancellationRequested && _buffer.TakeBatch(batch) > 0)
        {
            Volatile.Write(ref _inFlight, batch.Count);
            try
            {
                await DeliverAsync(batch, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                _counters.AddDroppedAtShutdown(batch.Count);
            }
            finally
            {
                Volatile.Write(ref _inFlight, 0);
            }
        }
    }

    private async Task DeliverAsync(List<TrackedEvent> batch, CancellationToken abort)
    {
        var body = EventBatchWriter.Write(batch);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(body, batch.Count, abort).ConfigureAwait(false);
            if (outcome.Done)
            {
                return;
            }
            if (attempt >= _options.EventMaxAttempts)
            {
                _counters.AddDroppedAfterRetries(batch.Count);
                _logger.LogWarning("Stepwise dropped a batch of {Count} events after {Attempts} attempts: {Error}", batch.Count, attempt, outcome.Error);
                return;
            }
            var delay = outcome.RetryAfter
                ?? RetryDelay.Backoff(attempt, _options.EventRetryBaseDelay, _options.EventRetryMaxDelay, _random());
            _logger.LogDebug("Stepwise event batch attempt {Attempt} failed ({Error}); retrying in {Delay}", attempt, outcome.Error, delay);
            await Task.Delay(delay, _time, abort).ConfigureAwait(false);
        }
    }

    private async Task<SendOutcome> SendOnceAsync(byte[] body, int count, CancellationToken abort)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ClientKey);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        _counters.AddRequest();
        try
        {
            using var response = await _http().SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                CountReply(text, count);
                return SendOutcome.Delivered;
            }
            var status = (int)response.StatusCode;
            var error = $"HTTP {status}";
            if (IsRetryable(response.StatusCode))
            {
                return SendOutcome.Retry(error, RetryDelay.FromRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
            }
            // 400 (malformed), 401 (bad key) and friends: the same batch would fail the same way again.
            _counters.AddRejected(count);
            _logger.LogWarning("Stepwise events endpoint refused a batch of {Count}: {Error}", count, error);
            return SendOutcome.Delivered;
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            return SendOutcome.Retry($"timed out after {_options.RequestTimeout}", null);
        }
        catch (HttpRequestException e)
        {
            return SendOutcome.Retry(e.Message, null);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>Reads <c>{"accepted":a,"rejected":r}</c>; a reply without counts means all were accepted.</summary>
    private void CountReply(string text, int count)
    {
        long accepted = count, rejected = 0;
        try
        {
            using var reply = JsonDocument.Parse(text);
            if (reply.RootElement.ValueKind == JsonValueKind.Object
                && reply.RootElement.TryGetProperty("accepted", out var a) && a.TryGetInt64(out var acceptedCount)
                && reply.RootElement.TryGetProperty("rejected", out var r) && r.TryGetInt64(out var rejectedCount)
                && acceptedCount >= 0 && rejectedCount >= 0 && acceptedCount + rejectedCount == count)
            {
                accepted = acceptedCount;
                rejected = rejectedCount;
            }
        }
        catch (JsonException)
        {
            // The server took the batch (2xx); an unreadable reply does not make the events undelivered.
        }
        _counters.AddDelivered(accepted);
        if (rejected > 0)
        {
            _counters.AddRejected(rejected);
            _logger.LogWarning("Stepwise server rejected {Count} of {Total} events: {Reply}", rejected, count, text);
        }
    }

    private readonly record struct SendOutcome(bool Done, string? Error, TimeSpan? RetryAfter)
    {
        public static readonly SendOutcome Delivered = new(true, null, null);

        public static SendOutcome Retry(string error, TimeSpan? retryAfter) => new(false, error, retryAfter);
    }
}
