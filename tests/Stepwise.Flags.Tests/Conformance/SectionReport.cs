namespace Stepwise.Flags.Tests.Conformance;

/// <summary>Pass/fail tally of one section of cases.json.</summary>
internal sealed class SectionReport(string section)
{
    private const int MaxListedFailures = 10;

    public string Section { get; } = section;

    public int Passed { get; private set; }

    public List<string> Failures { get; } = [];

    /// <summary>Cases inside a supported section that exercise an unsupported feature (named, never silent).</summary>
    public List<string> Unsupported { get; } = [];

    public void Check(string caseName, Func<string?> run)
    {
        string? failure;
        try
        {
            failure = run();
        }
        catch (Exception e)
        {
            failure = "threw " + e;
        }
        if (failure is null)
        {
            Passed++;
        }
        else
        {
            Failures.Add($"{Section} / {caseName}: {failure}");
        }
    }

    public string Summary()
    {
        var line = $"{Section}: {Passed} passed, {Failures.Count} failed";
        return Unsupported.Count == 0 ? line : $"{line}, {Unsupported.Count} unsupported ({string.Join("; ", Unsupported)})";
    }

    public IEnumerable<string> ListedFailures() => Failures.Take(MaxListedFailures);
}
