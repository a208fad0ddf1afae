namespace Talus.Clinical.Tests;

/// <summary>Federal holidays by rule, including observed dates and Juneteenth; business-day arithmetic (SPEC §7.2).</summary>
public class BusinessDaysTests
{
    private static readonly BusinessCalendar Federal = new();

    [Theory]
    [InlineData(2025, "2025-01-01,2025-01-20,2025-02-17,2025-05-26,2025-06-19,2025-07-04,2025-09-01,2025-10-13,2025-11-11,2025-11-27,2025-12-25")]
    [InlineData(2021, "2021-01-01,2021-01-18,2021-02-15,2021-05-31,2021-06-18,2021-07-05,2021-09-06,2021-10-11,2021-11-11,2021-11-25,2021-12-24")]
    [InlineData(2022, "2021-12-31,2022-01-17,2022-02-21,2022-05-30,2022-06-20,2022-07-04,2022-09-05,2022-10-10,2022-11-11,2022-11-24,2022-12-26")]
    [InlineData(2023, "2023-01-02,2023-01-16,2023-02-20,2023-05-29,2023-06-19,2023-07-04,2023-09-04,2023-10-09,2023-11-10,2023-11-23,2023-12-25")]
    [InlineData(2026, "2026-01-01,2026-01-19,2026-02-16,2026-05-25,2026-06-19,2026-07-03,2026-09-07,2026-10-12,2026-11-11,2026-11-26,2026-12-25")]
    [InlineData(2020, "2020-01-01,2020-01-20,2020-02-17,2020-05-25,2020-07-03,2020-09-07,2020-10-12,2020-11-11,2020-11-26,2020-12-25")]
    public void For_Year_ObservedDates(int year, string expected)
    {
        var observed = FederalHolidays.For(year).Select(h => h.ObservedOn.ToString("yyyy-MM-dd"));

        Assert.Equal(expected.Split(','), observed);
    }

    [Theory]
    [InlineData("2021-12-31", true)]   // 1 Jan 2022 is a Saturday
    [InlineData("2027-12-31", true)]   // 1 Jan 2028 is a Saturday
    [InlineData("2025-12-31", false)]
    [InlineData("2021-07-05", true)]   // 4 Jul 2021 is a Sunday
    [InlineData("2021-07-04", false)]  // the Sunday itself is a weekend, not an extra holiday
    [InlineData("2022-06-20", true)]   // Juneteenth on a Sunday
    [InlineData("2020-06-19", false)]  // before Juneteenth was enacted
    [InlineData("2024-11-28", true)]   // Thanksgiving
    [InlineData("2024-05-27", true)]   // Memorial Day, last Monday of May
    public void IsObserved_Date_FederalHoliday(string date, bool holiday)
    {
        Assert.Equal(holiday, FederalHolidays.IsObserved(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void CountBetween_WorkedExample_EightBusinessDays()
    {
        Assert.Equal(8, BusinessDays.CountBetween(new(2025, 3, 5), new(2025, 3, 17), Federal));
    }

    [Theory]
    [InlineData("2025-03-05", 1, "2025-03-06")]
    [InlineData("2025-03-07", 1, "2025-03-10")]   // Friday → Monday
    [InlineData("2025-03-08", 1, "2025-03-10")]   // Saturday → Monday
    [InlineData("2025-07-03", 1, "2025-07-07")]   // over Independence Day
    [InlineData("2025-12-23", 3, "2025-12-29")]   // over Christmas
    [InlineData("2025-03-17", -1, "2025-03-14")]  // Monday back to Friday
    [InlineData("2025-05-27", -1, "2025-05-23")]  // back over Memorial Day
    public void Add_BusinessDays_SkipsWeekendsAndHolidays(string from, int days, string expected)
    {
        var result = BusinessDays.Add(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days, Federal);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void Add_PracticeClosure_Skipped()
    {
        var calendar = new BusinessCalendar { PracticeClosures = [new DateOnly(2025, 3, 6)] };

        Assert.Equal(new DateOnly(2025, 3, 7), BusinessDays.Add(new(2025, 3, 5), 1, calendar));
        Assert.False(BusinessDays.IsBusinessDay(new(2025, 3, 6), calendar));
    }
}
