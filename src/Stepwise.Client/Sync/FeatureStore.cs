using Microsoft.Extensions.Logging;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;

namespace Stepwise.Client.Sync;

/// <summary>
/// Holds the payload being served and the connection status. Readers take the evaluator through one volatile
/// read, so evaluation never locks; a new payload is compiled off to the side and swapped in whole.
/// </summary>
internal sealed class FeatureStore(StepwiseOptions options, TimeProvider time, ILogger logger)
{
    private readonly Lock _lock = new();
    private volatile FlagEvaluator _evaluator = new(FeaturePayload.Empty);
    private string? _json;
    private PayloadOrigin _origin;
    private SyncMode _mode;
    private DateTimeOffset? _lastUpdated;
    private DateTimeOffset? _payloadDate;
    private DateTimeOffset? _lastContact;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private bool _lastAttemptFailed;

    public FlagEvaluator Evaluator => _evaluator;

    /// <summary>Raised (on the sync thread) after a new payload was swapped in.</summary>
    public event EventHandler? PayloadChanged;

    /// <summary>Validates and serves <paramref name="json"/>; a rejected payload leaves the current one in place.</summary>
    public PayloadApplyResult Apply(string json, PayloadOrigin origin)
    {
        if (origin == PayloadOrigin.Server)
        {
            RecordContact();
        }
        lock (_lock)
        {
            if (_json == json)
            {
                _origin = origin == PayloadOrigin.Server ? origin : _origin;
                return PayloadApplyResult.Unchanged;
            }
        }
        if (!PayloadValidation.TryCompile(json, options.DecryptionKey, out var compiled, out var error))
        {
            RecordError($"{origin} payload rejected, keeping the previous one: {error}");
            return PayloadApplyResult.Rejected;
        }
        foreach (var problem in compiled.Payload.Errors.Take(5))
        {
            logger.LogWarning("Stepwise payload problem (the feature fails closed): {Problem}", problem);
        }
        lock (_lock)
        {
            _evaluator = new FlagEvaluator(compiled.Payload);
            _json = json;
            _origin = origin;
            _payloadDate = compiled.DateUpdated;
            _lastUpdated = time.GetUtcNow();
        }
        logger.LogInformation("Stepwise payload loaded from {Origin}: {Count} features", origin, compiled.Payload.Features.Count);
        if (origin == PayloadOrigin.Server)
        {
            TryWriteSnapshot(json);
        }
        try
        {
            PayloadChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not stop the payload from being served or synchronisation from continuing.
            logger.LogError(e, "A Stepwise PayloadChanged handler failed");
        }
        return PayloadApplyResult.Updated;
    }

    public void RecordContact()
    {
        lock (_lock)
        {
            _lastContact = time.GetUtcNow();
            _lastAttemptFailed = false;
        }
    }

    public void RecordError(string error)
    {
        lock (_lock)
        {
            _lastError = error;
            _lastErrorAt = time.GetUtcNow();
            _lastAttemptFailed = true;
        }
        logger.LogWarning("Stepwise: {Error}", error);
    }

    public void SetMode(SyncMode mode)
    {
        lock (_lock)
        {
            _mode = mode;
        }
    }

    public StepwiseStatus GetStatus()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var neverReached = _origin != PayloadOrigin.Server || _lastContact is null;
            var silent = _lastContact is { } contact && now - contact > options.StaleAfter;
            return new StepwiseStatus
            {
                Origin = _origin,
                Mode = _mode,
                LastUpdated = _lastUpdated,
                PayloadDateUpdated = _payloadDate,
                LastContact = _lastContact,
                LastError = _lastError,
                LastErrorAt = _lastErrorAt,
                IsStale = neverReached || _lastAttemptFailed || silent,
                FeatureCount = _evaluator.Payload.Features.Count,
            };
        }
    }

    private void TryWriteSnapshot(string json)
    {
        if (options.SnapshotPath is not { Length: > 0 } path || !options.WriteSnapshot)
        {
            return;
        }
        try
        {
            SnapshotFile.WriteAtomically(path, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Stepwise could not write the snapshot {Path}", path);
        }
    }
}

/// <summary>What <see cref="FeatureStore.Apply"/> did.</summary>
internal enum PayloadApplyResult
{
    Updated,
    Unchanged,
    Rejected,
}
