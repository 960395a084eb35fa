using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stepwise.Client.Events;
using Stepwise.Client.Sync;

namespace Stepwise.Client;

/// <summary>
/// The Stepwise .NET SDK client: loads the payload (snapshot file, then server), keeps it current (stream,
/// with ETag polling as fallback), evaluates flags locally with Stepwise.Flags and delivers exposure and metric
/// events in the background. Create one per process (it is thread-safe), call <see cref="StartAsync"/>, and
/// dispose it at shutdown; <c>services.AddStepwise(...)</c> does all three.
/// </summary>
public sealed partial class StepwiseClient : IStepwiseClient, IAsyncDisposable
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the DI registration uses (configure its handler by this name).</summary>
    public const string HttpClientName = "Stepwise";

    private readonly StepwiseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient? _ownedHttpClient;
    private readonly FeatureStore _store;
    private readonly PayloadFetcher _fetcher;
    private readonly SyncLoop _sync;
    private readonly EventSender _sender;
    private readonly ExposureDeduplicator? _exposures;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopLock = new();
    private Task? _syncTask;
    private Task? _stopTask;
    private int _state;

    /// <summary>Creates a client; nothing touches the network until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Settings; validated here (an invalid setting throws <see cref="ArgumentException"/>) and copied.</param>
    /// <param name="httpClient">Client for all requests; its <see cref="HttpClient.Timeout"/> should be infinite because the
    /// stream is long-lived (the SDK applies its own timeouts). Null creates and owns one.</param>
    /// <param name="timeProvider">Clock and timers (tests pass a fake); null for the system clock.</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    public StepwiseClient(StepwiseOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(options, httpClient, null, timeProvider, loggerFactory)
    {
    }

    internal StepwiseClient(StepwiseOptions options, HttpClient? httpClient, Func<HttpClient>? httpSource, TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StepwiseClient>();
        if (httpSource is null)
        {
            var client = httpClient ?? (_ownedHttpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan });
            httpSource = () => client;
        }
        _store = new FeatureStore(_options, _time, _logger);
        _fetcher = new PayloadFetcher(_options, httpSource, _time, _store);
        _sync = new SyncLoop(_options, _fetcher, new FeatureStream(_options, httpSource, _time, _store), _store, _time, _logger);
        _sender = new EventSender(_options, httpSource, _time, _logger, random);
        _exposures = _options.TrackExposures ? new ExposureDeduplicator(_options.ExposureDedupeCapacity) : null;
    }

    /// <summary>Raised after a new payload is being served (from the snapshot or the server).</summary>
    public event EventHandler? PayloadChanged
    {
        add => _store.PayloadChanged += value;
        remove => _store.PayloadChanged -= value;
    }

    /// <inheritdoc />
    public StepwiseStatus Status => _store.GetStatus();

    /// <inheritdoc />
    public EventDeliveryStatistics EventStatistics => _sender.Statistics;

    /// <inheritdoc />
    public IEnumerable<string> FeatureKeys => _store.Evaluator.Payload.Features.Keys;

    /// <summary>
    /// Loads the snapshot (if configured), fetches the payload for at most <see cref="StepwiseOptions.StartupTimeout"/>,
    /// then keeps it current in the background. An unreachable server is not an error: the snapshot or the callers'
    /// defaults are served and <see cref="Status"/> says so. Calling it again does nothing.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return;
        }
        LoadSnapshot();
        _sender.Start();
        using (var startup = new CancellationTokenSource(_options.StartupTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, startup.Token))
        {
            try
            {
                await _fetcher.FetchAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _store.RecordError($"no payload from the server within the startup timeout ({_options.StartupTimeout}); serving {_store.GetStatus().Origin}");
            }
        }
        _syncTask = Task.Run(() => _sync.RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops following updates and delivers buffered events (bounded by <paramref name="cancellationToken"/> and
    /// <see cref="StepwiseOptions.ShutdownFlushTimeout"/>); evaluation keeps working on the last payload. Later calls
    /// return the first call's task.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _state, 2);
        // Started first so the shutdown flush deadline counts from the stop request itself.
        var eventsStopped = _sender.StopAsync(cancellationToken);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_syncTask is { } sync)
        {
            await sync.ConfigureAwait(false);
        }
        _store.SetMode(SyncMode.Stopped);
        await eventsStopped.ConfigureAwait(false);
    }

    /// <summary>Stops (see <see cref="StopAsync"/>) and releases the HTTP client the SDK created itself.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _ownedHttpClient?.Dispose();
        _sender.Dispose();
        _stopping.Dispose();
    }

    private void LoadSnapshot()
    {
        if (_options.SnapshotPath is not { Length: > 0 } path)
        {
            return;
        }
        var json = SnapshotFile.TryRead(path, out var error);
        if (error is not null)
        {
            _store.RecordError(error);
        }
        else if (json is null)
        {
            _logger.LogInformation("Stepwise snapshot {Path} does not exist yet", path);
        }
        else
        {
            _store.Apply(json, PayloadOrigin.Snapshot);
        }
    }

    internal Task FlushEventsAsync() => _sender.FlushAsync();
}
