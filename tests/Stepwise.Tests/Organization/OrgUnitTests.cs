using Xunit;
using Stepwise.Organization;

namespace Stepwise.Tests.Organization;

public sealed class OrgUnitTests
{
    [Theory]
    [InlineData(UnitKind.Squad, UnitKind.Tribe, true)]
    [InlineData(UnitKind.Chapter, UnitKind.Tribe, true)]
    [InlineData(UnitKind.Squad, UnitKind.Company, false)]
    [InlineData(UnitKind.Tribe, UnitKind.Company, true)]
    [InlineData(UnitKind.Guild, UnitKind.Company, true)]
    [InlineData(UnitKind.Guild, UnitKind.Tribe, false)]
    [InlineData(UnitKind.JourneyTeam, UnitKind.Tribe, true)]
    public void CheckParent_KindPairs_FollowTheModel(UnitKind kind, UnitKind parent, bool allowed)
    {
        Assert.Equal(allowed, OrgUnit.CheckParent(kind, parent) is null);
    }

    [Fact]
    public void CheckParent_CompanyWithParent_IsRefused() => Assert.NotNull(OrgUnit.CheckParent(UnitKind.Company, UnitKind.Company));

    [Fact]
    public void CheckParent_SquadWithoutParent_IsRefused() => Assert.NotNull(OrgUnit.CheckParent(UnitKind.Squad, null));

    [Fact]
    public void IsActiveOn_EndDate_IsExclusive()
    {
        var membership = new Membership { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 6, 1) };
        Assert.True(membership.IsActiveOn(new DateOnly(2025, 1, 1)));
        Assert.True(membership.IsActiveOn(new DateOnly(2025, 5, 31)));
        Assert.False(membership.IsActiveOn(new DateOnly(2025, 6, 1)));
        Assert.False(membership.IsActiveOn(new DateOnly(2024, 12, 31)));
    }
}
