namespace Stepwise.Client.Events;

/// <summary>
/// Remembers which units were already exposed to which experiment or rollout, so each pair produces one exposure event.
/// Bounded: past <c>capacity</c> pairs the oldest is forgotten (a unit seen again after that is exposed again,
/// which the analysis tolerates; unbounded memory in a long-running process would not be).
/// </summary>
internal sealed class ExposureDeduplicator(int capacity)
{
    private readonly HashSet<ExposureKey> _seen = [];
    private readonly Queue<ExposureKey> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time the pair is seen (and records it); false for a repeat.</summary>
    public bool TryAdd(string experiment, string hashAttribute, string unitId)
    {
        var key = new ExposureKey(experiment, hashAttribute, unitId);
        lock (_lock)
        {
            if (!_seen.Add(key))
            {
                return false;
            }
            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    private readonly record struct ExposureKey(string Experiment, string HashAttribute, string UnitId);
}
