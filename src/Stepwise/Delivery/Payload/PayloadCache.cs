using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Delivery.Payload;

/// <summary>
/// Holds every environment's compiled payload and the client keys that select them, so SDK and OFREP
/// requests never touch the database. Writes through <see cref="StepwiseDb"/> refresh it before they return
/// (see <see cref="DeliveryChangeInterceptor"/>); a background timer also refreshes it, which picks up
/// changes made by other server instances.
/// </summary>
public sealed class PayloadCache(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<PayloadCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PayloadState? _state;

    public void Dispose() => _gate.Dispose();

    /// <summary>The current state, compiling it on first use.</summary>
    public async ValueTask<PayloadState> CurrentAsync(CancellationToken ct = default) => _state ?? await RefreshAsync(ct);

    /// <summary>The state if it has been compiled; null before the first refresh.</summary>
    public PayloadState? Current => _state;

    /// <summary>Recompiles every environment; snapshots whose content changed replace the old ones and wake their streams.</summary>
    public async Task<PayloadState> RefreshAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            var model = await new PayloadCompiler(db).LoadAsync(ct);
            var keys = await KeysAsync(db, ct);
            var previous = _state;
            var now = time.GetUtcNow();
            var snapshots = new Dictionary<Guid, PayloadSnapshot>();
            foreach (var environment in model.Environments)
                snapshots[environment.Id] = PayloadCompiler.Compile(model, environment, previous?.ByEnvironment.GetValueOrDefault(environment.Id), now);

            var state = new PayloadState(snapshots.ToFrozenDictionary(), keys);
            _state = state;
            if (previous is not null)
            {
                foreach (var old in previous.ByEnvironment.Values)
                {
                    if (!snapshots.TryGetValue(old.EnvironmentId, out var fresh) || !ReferenceEquals(fresh, old)) old.MarkSuperseded();
                }
            }
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Refreshes, logging instead of throwing: used where a failed refresh must not fail the caller's already-saved write.</summary>
    public async Task TryRefreshAsync(CancellationToken ct = default)
    {
        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Refreshing the SDK payloads failed; the previous payloads stay in use until the next refresh");
        }
    }

    private async Task<FrozenDictionary<string, SdkKeyEntry>> KeysAsync(StepwiseDb db, CancellationToken ct)
    {
        var keys = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.SdkKeys, ct);
        // The demo keys are public knowledge: a database that once ran in demo mode must not keep serving them.
        var allowDemo = options.Value.AllowDemoKeys;
        return keys.Where(k => allowDemo || !k.Key.StartsWith(Demo.DemoDelivery.KeyPrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(k => k.Key, k => new SdkKeyEntry(k.EnvironmentId, k.IsActive), StringComparer.Ordinal);
    }
}

/// <summary>All compiled payloads and the client keys that select them.</summary>
public sealed record PayloadState(FrozenDictionary<Guid, PayloadSnapshot> ByEnvironment, FrozenDictionary<string, SdkKeyEntry> Keys)
{
    /// <summary>Finds the payload a client key selects.</summary>
    public KeyLookup Find(string? clientKey, out PayloadSnapshot? snapshot)
    {
        snapshot = null;
        if (string.IsNullOrEmpty(clientKey)) return KeyLookup.Missing;
        if (!Keys.TryGetValue(clientKey, out var entry)) return KeyLookup.Unknown;
        if (!entry.Active) return KeyLookup.Revoked;
        return ByEnvironment.TryGetValue(entry.EnvironmentId, out snapshot) ? KeyLookup.Found : KeyLookup.Unknown;
    }
}

public sealed record SdkKeyEntry(Guid EnvironmentId, bool Active);

public enum KeyLookup
{
    Found,
    Missing,
    Unknown,
    Revoked,
}
