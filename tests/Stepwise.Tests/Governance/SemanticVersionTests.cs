using Stepwise.Governance;
using Stepwise.Governance.Model;
using Xunit;

namespace Stepwise.Tests.Governance;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData(VersionBump.Major, "2.0.0")]
    [InlineData(VersionBump.Minor, "1.3.0")]
    [InlineData(VersionBump.Patch, "1.2.4")]
    public void Next_FollowsTheKindOfChange(VersionBump bump, string expected) =>
        Assert.Equal(expected, SemanticVersion.Next(new SemanticVersion(1, 2, 3), bump).ToString());

    [Fact]
    public void Next_ForANewDocument_IsOnePointZero() => Assert.Equal("1.0.0", SemanticVersion.Next(null, VersionBump.Patch).ToString());

    [Theory]
    [InlineData("1.10.0", true)]
    [InlineData("v2.0.1", true)]
    [InlineData("1.0", false)]
    [InlineData("1.-1.0", false)]
    [InlineData("draft", false)]
    public void TryParse_AcceptsOnlyThreeNumbers(string text, bool ok) => Assert.Equal(ok, SemanticVersion.TryParse(text, out _));

    [Fact]
    public void Ordering_IsNumericNotTextual() => Assert.True(new SemanticVersion(1, 10, 0) > new SemanticVersion(1, 9, 5));
}
