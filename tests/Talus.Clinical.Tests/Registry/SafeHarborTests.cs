using Talus.Clinical.Registry;

namespace Talus.Clinical.Tests.Registry;

public class SafeHarborTests
{
    private static readonly RegistrySettings Settings = new();

    [Fact]
    public void Identifiers_AllEighteenOfTheRule() => Assert.Equal(18, Enum.GetValues<SafeHarborIdentifier>().Length);

    [Theory]
    [InlineData(0, "0")]
    [InlineData(64, "64")]
    [InlineData(89, "89")]
    [InlineData(90, "90+")]
    [InlineData(104, "90+")]
    public void AgeGroup_OverEightyNine_Grouped(int age, string expected) => Assert.Equal(expected, SafeHarbor.AgeGroup(age));

    [Theory]
    [InlineData("1950-06-15", "2026-06-14", 75)]
    [InlineData("1950-06-15", "2026-06-15", 76)]
    [InlineData("2000-02-29", "2026-02-27", 25)] // a 29 February birthday falls on 28 February in other years
    [InlineData("2000-02-29", "2026-02-28", 26)]
    public void AgeOn_Birthday_CountsWholeYears(string birth, string on, int expected) =>
        Assert.Equal(expected, SafeHarbor.AgeOn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("92037", "920")]
    [InlineData("92037-1234", "920")]
    [InlineData("03601", "000")] // 036: 20,000 people or fewer
    [InlineData("89301", "000")] // 893
    [InlineData("1234", "000")]
    [InlineData("ABCDE", "000")]
    [InlineData(null, "000")]
    public void Zip3_RestrictedOrInvalid_Zeroes(string? zip, string expected) => Assert.Equal(expected, SafeHarbor.Zip3(zip, Settings));

    [Fact]
    public void NewOffset_ManyDraws_NeverZeroAndWithinMax()
    {
        var random = new Random(42);
        var offsets = Enumerable.Range(0, 2000).Select(_ => SafeHarbor.NewOffset(random, Settings)).ToArray();

        Assert.DoesNotContain(0, offsets);
        Assert.All(offsets, o => Assert.InRange(Math.Abs(o), 1, Settings.DateShiftMaxDays));
        Assert.Contains(offsets, o => o < 0);
        Assert.Contains(offsets, o => o > 0);
    }

    [Fact]
    public void Shift_TwoDatesOfOnePatient_KeepsInterval()
    {
        var procedure = new DateOnly(2026, 1, 10);
        var visit = new DateOnly(2026, 4, 11);

        var shiftedProcedure = SafeHarbor.Shift(procedure, -37);
        var shiftedVisit = SafeHarbor.Shift(visit, -37);

        Assert.Equal(visit.DayNumber - procedure.DayNumber, shiftedVisit.DayNumber - shiftedProcedure.DayNumber);
        Assert.NotEqual(procedure, shiftedProcedure);
    }
}
