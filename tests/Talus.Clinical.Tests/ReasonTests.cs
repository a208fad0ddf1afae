namespace Talus.Clinical.Tests;

public class ReasonTests
{
    [Fact]
    public void Reason_SameValues_AreEqual()
    {
        var a = new Reason("A1", "Active infection", "An infection must clear first", "SPEC §2.2");
        var b = new Reason("A1", "Active infection", "An infection must clear first", "SPEC §2.2");
        Assert.Equal(a, b);
    }
}
