using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Events;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Storage;
using Xunit;

namespace Stepwise.Tests.Events;

/// <summary>
/// The background refresh keeps the states of recently used analyses current, so the next analysis has nothing to
/// fold in; it leaves states nobody used lately alone, never counts as use itself, and never opens a store nobody
/// opened. Runs against a real DuckDB file.
/// </summary>
public sealed class AnalysisStateRefresherTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("stepwise-refresher-");
    private EventStoreProvider? _stores;

    private EventStoreProvider Stores => _stores ??= new EventStoreProvider(
        Options.Create(new EventsOptions { Store = EventStoreKind.DuckDb, DuckDbPath = Path.Combine(_directory.FullName, "events.duckdb") }), new DatabaseOptions());

    private AnalysisStateRefresher Refresher() => new(Stores, Options.Create(new EventsOptions { StateRefreshUsedWithin = TimeSpan.FromDays(3) }),
        TimeProvider.System, NullLogger<AnalysisStateRefresher>.Instance);

    [Fact]
    public async Task RefreshOnce_BringsRecentlyUsedStatesUpToDate_AndLeavesOldOnesAlone()
    {
        var ct = CancellationToken.None;
        var store = (DuckDbEventStore)Stores.Get();
        var (exposures, metrics) = AnalysisStateTests.Generate(new Random(11));
        var (firstExposures, laterExposures) = (exposures.Take(exposures.Count * 2 / 3).ToList(), exposures.Skip(exposures.Count * 2 / 3).ToList());
        var (firstMetrics, laterMetrics) = (metrics.Take(metrics.Count / 2).ToList(), metrics.Skip(metrics.Count / 2).ToList());
        await store.WriteAsync([ParsedBatch.Of(firstExposures, firstMetrics)], ct);

        var recent = new AnalysisScope(AnalysisStateTests.Env, "exp", AnalysisStateTests.Catalogue(), AnalysisStateTests.End);
        var old = new AnalysisScope(AnalysisStateTests.Env, "exp", AnalysisStateTests.Catalogue().Take(2).ToList(), AnalysisStateTests.End);
        await AnalysisStateTests.AssertSameAsync(store, recent);
        await AnalysisStateTests.AssertSameAsync(store, old);
        var oldState = new AnalysisState(store.Dialect, old);
        await store.QueryAsync($"UPDATE analysis_states SET used_at = used_at - INTERVAL 10 DAY WHERE name = '{oldState.UnitsTable}'", ct);
        var usedBefore = await UsedAtAsync(store);

        // Late exposures (dated before recorded ones), new units and events arrive; then one background pass.
        await store.WriteAsync([ParsedBatch.Of(laterExposures, laterMetrics)], ct);
        Assert.Equal(1, await Refresher().RefreshOnceAsync(ct));

        Assert.Equal(usedBefore, await UsedAtAsync(store));   // keeping a state current is not using it
        var recentState = new AnalysisState(store.Dialect, recent);
        Assert.Equal(new StateRefresh(false, 0, 0, 0), await store.RefreshStateAsync(recentState, ct));   // nothing left to fold in
        var behind = await store.RefreshStateAsync(oldState, ct);
        Assert.Equal(laterMetrics.Count, behind.NewMetricEvents);   // the unused state was left as it was
        await AnalysisStateTests.AssertSameAsync(store, recent);
        await AnalysisStateTests.AssertSameAsync(store, old);
    }

    [Fact]
    public async Task RefreshOnce_DoesNotOpenAStoreNobodyOpened()
    {
        Assert.Equal(0, await Refresher().RefreshOnceAsync(CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "events.duckdb")));
    }

    [Fact]
    public void FromDefinition_GivesTheSameState_AndRefusesOthers()
    {
        var scope = new AnalysisScope(AnalysisStateTests.Env, "rollout-7", AnalysisStateTests.Catalogue(), AnalysisStateTests.End,
            AnalysisStateTests.End.AddDays(-3).AddMinutes(17));
        var state = new AnalysisState(DuckDbDialect.Instance, scope);
        var again = AnalysisState.FromDefinition(DuckDbDialect.Instance, state.Definition);
        Assert.NotNull(again);
        Assert.Equal(state.Definition, again.Definition);
        Assert.Equal(state.UnitsTable, again.UnitsTable);
        Assert.Equal(state.NumberedUnits(), again.NumberedUnits());
        Assert.Equal(state.EventsFor(state.SingleVariationUnits()), again.EventsFor(again.SingleVariationUnits()));
        Assert.Null(AnalysisState.FromDefinition(DuckDbDialect.Instance, state.Definition.Replace($"\"version\":{AnalysisState.Version}", "\"version\":1", StringComparison.Ordinal)));
        Assert.Null(AnalysisState.FromDefinition(DuckDbDialect.Instance, "v1\nnot json"));
        Assert.Null(AnalysisState.FromDefinition(DuckDbDialect.Instance, "{\"version\":2}"));
    }

    private static async Task<string> UsedAtAsync(DuckDbEventStore store) =>
        string.Join(",", (await store.QueryAsync("SELECT name, used_at FROM analysis_states ORDER BY name", CancellationToken.None)).Select(r => $"{r[0]}={r[1]:O}"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null) await _stores.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
