using Xunit;
using Stepwise.Organization;

namespace Stepwise.Tests.Organization;

public sealed class ReportingChainTests
{
    private static readonly Guid Ann = Guid.NewGuid(), Bob = Guid.NewGuid(), Cat = Guid.NewGuid();
    private static string Name(Guid id) => id == Ann ? "Ann" : id == Bob ? "Bob" : "Cat";

    [Fact]
    public void Check_SelfManagement_IsRefused()
    {
        Assert.Equal("A person cannot be their own manager.", ReportingChain.Check(Ann, Ann, _ => null, Name));
    }

    [Fact]
    public void Check_LoopThroughTwoPeople_NamesTheLoop()
    {
        // Bob reports to Cat, Cat reports to Ann: making Bob Ann's manager closes the circle.
        var managers = new Dictionary<Guid, Guid> { [Bob] = Cat, [Cat] = Ann };
        var problem = ReportingChain.Check(Ann, Bob, id => managers.TryGetValue(id, out var m) ? m : null, Name);
        Assert.Equal("This would create a reporting loop: Ann → Bob → Cat → Ann.", problem);
    }

    [Fact]
    public void Check_ChainWithoutPerson_IsAccepted()
    {
        var managers = new Dictionary<Guid, Guid> { [Bob] = Cat };
        Assert.Null(ReportingChain.Check(Ann, Bob, id => managers.TryGetValue(id, out var m) ? m : null, Name));
    }
}
