using System.Text.Json;

namespace Stepwise.Stats.Tests.Golden;

/// <summary>Reads golden_vectors.json written by generate_golden.py (SciPy/statsmodels reference values).</summary>
internal static class GoldenVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "golden_vectors.json"))));

    public static IEnumerable<JsonElement> Group(string name) => Document.Value.RootElement.GetProperty(name).EnumerateArray();

    public static JsonElement ById(string group, string id) => Group(group).Single(v => v.GetProperty("id").GetString() == id);

    public static TheoryData<string> Ids(string group) => [.. Group(group).Select(v => v.GetProperty("id").GetString()!)];

    public static double D(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    public static string S(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static double[] Doubles(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble())];

    public static Moments Moments(this JsonElement e, string name)
    {
        JsonElement m = e.GetProperty(name);
        return new Moments(m.GetProperty("n").GetInt64(), m.D("mean"), m.D("ssd"));
    }

    public static CoMoments CoMoments(this JsonElement e, string name)
    {
        JsonElement m = e.GetProperty(name);
        return new CoMoments(m.GetProperty("n").GetInt64(), m.D("mean_y"), m.D("mean_x"), m.D("ssd_y"), m.D("ssd_x"), m.D("scd"));
    }
}

/// <summary>Relative-tolerance assertions that name the reference function in the failure message.</summary>
internal static class Close
{
    public static void Assert(double expected, double actual, double relativeTolerance, string what, string producer, double absoluteFloor = 1e-300)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (double.IsInfinity(expected) && expected == actual) return;
        double error = Math.Abs(actual - expected);
        double allowed = Math.Max(relativeTolerance * Math.Abs(expected), absoluteFloor);
        Xunit.Assert.True(error <= allowed, $"{what}: expected {expected:R} from {producer}, got {actual:R} (error {error:G3} > {allowed:G3})");
    }
}
