namespace Stepwise.Stats.Tests.Simulation;

/// <summary>Deterministic standard-normal draws (Box–Muller over a seeded System.Random).</summary>
internal sealed class SeededNormal(int seed)
{
#pragma warning disable CA5394 // Simulation, not security: a fixed seed is the point.
    private readonly Random _random = new(seed);
    private double? _spare;

    public double Next()
    {
        if (_spare is double spare)
        {
            _spare = null;
            return spare;
        }
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        double radius = Math.Sqrt(-2 * Math.Log(u1));
        _spare = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    public bool Bernoulli(double p) => _random.NextDouble() < p;
#pragma warning restore CA5394
}
