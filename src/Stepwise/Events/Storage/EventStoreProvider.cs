using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Events.Storage;

/// <summary>
/// Opens the configured store on first use (so a server that never receives events never opens the DuckDB file)
/// and closes it at shutdown.
/// </summary>
public sealed class EventStoreProvider(IOptions<EventsOptions> options, DatabaseOptions database) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private IEventStore? _store;

    /// <summary>Which store <see cref="Get"/> opens.</summary>
    public EventStoreKind Kind => options.Value.Store switch
    {
        EventStoreKind.Auto => database.Provider == DatabaseProvider.Postgres ? EventStoreKind.Postgres : EventStoreKind.DuckDb,
        var kind => kind,
    };

    /// <summary>The store's per-unit analysis states, when it has them and <see cref="EventsOptions.AnalysisState"/> is on.</summary>
    public IAnalysisStateStore? States => options.Value.AnalysisState ? Get() as IAnalysisStateStore : null;

    /// <summary>Like <see cref="States"/>, but null while the store has not been opened (nothing was written or analysed yet).</summary>
    public IAnalysisStateStore? OpenedStates => options.Value.AnalysisState ? Volatile.Read(ref _store) as IAnalysisStateStore : null;

    public IEventStore Get()
    {
        if (_store is { } store) return store;
        lock (_lock)
        {
            return _store ??= Kind switch
            {
                EventStoreKind.Postgres => new PostgresEventStore(database.ConnectionString
                    ?? throw new InvalidOperationException("The PostgreSQL event store needs Database:ConnectionString.")),
                _ => new DuckDbEventStore(options.Value.DuckDbPath),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        IEventStore? store;
        lock (_lock)
        {
            store = _store;
            _store = null;
        }
        if (store is not null) await store.DisposeAsync();
    }
}
