using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Payload;

/// <summary>
/// Refreshes the SDK payloads after a save that touched delivery data, before the write returns: a change
/// made in the UI or API is in the payload (and on its way down every stream) by the time the caller sees it.
/// </summary>
public sealed class DeliveryChangeInterceptor(PayloadCache cache) : SaveChangesInterceptor
{
    private bool _touched;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _touched = Touches(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _touched = Touches(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_touched && eventData.Context?.Database.CurrentTransaction is null)
        {
            _touched = false;
            await cache.TryRefreshAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (_touched && eventData.Context?.Database.CurrentTransaction is null)
        {
            _touched = false;
            cache.TryRefreshAsync().GetAwaiter().GetResult();
        }
        return result;
    }

    private static bool Touches(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is DeliveryEnvironment or SdkKey or Flag or FlagEnvironment or Segment or Layer or Holdout or RolloutPlan or Experiment);
}
