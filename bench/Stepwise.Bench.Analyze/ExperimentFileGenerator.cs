using System.Globalization;
using System.Text;

namespace Stepwise.Bench.Analyze;

/// <summary>
/// Writes a realistic experiment CSV for the analyze benchmark: unit_id, variant (50/50),
/// revenue with its pre-period covariate revenue_pre (CUPED), converted (0/1) and sessions (counts):
/// three metrics, about 45 bytes per row.
/// </summary>
internal static class ExperimentFileGenerator
{
    public static void Write(string path, long rows, int seed = 42)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.Write("unit_id,variant,revenue,revenue_pre,converted,sessions\n");
        Span<char> number = stackalloc char[32];
        for (long i = 0; i < rows; i++)
        {
            bool treated = random.Next(2) == 1;
            double pre = Exponential(random) * 8;
            double revenue = 0.7 * pre + Exponential(random) * 4 + (treated ? 0.05 : 0);
            bool converted = random.NextDouble() < (treated ? 0.104 : 0.1);
            int sessions = 1 + (int)(Exponential(random) * 3);

            writer.Write('u');
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            writer.Write(treated ? ",treatment," : ",control,");
            Write(writer, revenue, number);
            writer.Write(',');
            Write(writer, pre, number);
            writer.Write(converted ? ",1," : ",0,");
            writer.Write(sessions.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void Write(StreamWriter writer, double value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int written, "0.##", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());
}
