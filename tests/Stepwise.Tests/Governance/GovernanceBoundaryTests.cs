using Xunit;

namespace Stepwise.Tests.Governance;

/// <summary>Governed editing is shared by several modules (the career framework now, RFCs later), so it must not depend on any of them.</summary>
public sealed class GovernanceBoundaryTests
{
    [Fact]
    public void GovernanceSources_DoNotReferenceTheModulesThatUseThem()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stepwise.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var offenders = Directory.EnumerateFiles(Path.Combine(dir.FullName, "src", "Stepwise", "Governance"), "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Stepwise.Careers", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(offenders);
    }
}
