using System.Text.Json;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>
/// Runs GrowthBook's language-agnostic SDK test suite (cases.json) against the engine: every case of every
/// supported section, one summary line per section, and a failure listing the first broken cases.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void CasesJson_EverySupportedSection_AllCasesPass()
    {
        var (cases, unavailable) = CasesFile.Load();
        if (unavailable is not null)
        {
            Assert.Skip(unavailable);
        }
        output.WriteLine($"GrowthBook SDK cases, spec {cases.GetProperty("specVersion")}, from {CasesFile.Locate()}");
        var reports = new List<SectionReport>();
        foreach (var section in cases.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Array))
        {
            if (SectionRunners.Unsupported.TryGetValue(section.Name, out var reason))
            {
                output.WriteLine($"{section.Name}: unsupported ({section.Value.GetArrayLength()} cases not run): {reason}");
                continue;
            }
            if (!SectionRunners.Supported.TryGetValue(section.Name, out var runner))
            {
                reports.Add(UnknownSection(section.Name));
                continue;
            }
            var report = new SectionReport(section.Name);
            foreach (var testCase in section.Value.EnumerateArray())
            {
                var name = SectionRunners.CaseName(section.Name, testCase);
                if (SectionRunners.UnsupportedReason(section.Name, testCase) is { } why)
                {
                    report.Unsupported.Add($"{name} [{why}]");
                    continue;
                }
                report.Check(name, () => runner(testCase));
            }
            reports.Add(report);
        }
        foreach (var report in reports)
        {
            output.WriteLine(report.Summary());
        }
        var failures = reports.SelectMany(r => r.ListedFailures()).ToList();
        Assert.True(failures.Count == 0, "Conformance failures:\n" + string.Join("\n", failures));
    }

    /// <summary>A section neither supported nor declared unsupported fails loudly, so new sections get a decision.</summary>
    private static SectionReport UnknownSection(string name)
    {
        var report = new SectionReport(name);
        report.Failures.Add($"{name}: section unknown to the harness; support it or list it as unsupported");
        return report;
    }
}
