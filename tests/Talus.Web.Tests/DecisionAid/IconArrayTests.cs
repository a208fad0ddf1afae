using System.Text.RegularExpressions;
using Talus.Web.Features.DecisionAid;

namespace Talus.Web.Tests.DecisionAid;

/// <summary>The decision aid's 100 people, made once for each number highlighted.</summary>
public sealed class IconArrayTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100)]
    public void People_Number_HighlightsThatManyOfAHundredFirst(int filled)
    {
        var people = IconArray.People(filled).Value;

        Assert.Equal(100, Regex.Count(people, "<g class=\"person"));
        Assert.Equal(filled, Regex.Count(people, "<g class=\"person on\">"));
        Assert.Equal(100, Regex.Count(people, "<circle "));
        // The highlighted ones first: none after the first plain one.
        var firstPlain = people.IndexOf("class=\"person\"", StringComparison.Ordinal);
        Assert.True(firstPlain < 0 || people.LastIndexOf("class=\"person on\"", StringComparison.Ordinal) < firstPlain);
    }

    [Fact]
    public void People_OutsideZeroToHundred_NoneOrAll()
    {
        Assert.Equal(IconArray.People(0).Value, IconArray.People(-4).Value);
        Assert.Equal(IconArray.People(100).Value, IconArray.People(250).Value);
    }

    [Fact]
    public void People_SameNumber_TheSameMarkup()
    {
        Assert.Same(IconArray.People(42).Value, IconArray.People(42).Value);
        // The last person's figure: column 10, row 10.
        Assert.EndsWith("<g class=\"person\"><circle cx=\"190\" cy=\"221\" r=\"4\"></circle><path d=\"M184 237 Q184 226 190 226 Q196 226 196 237 Z\"></path></g>",
            IconArray.People(42).Value);
    }
}
