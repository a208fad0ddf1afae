namespace Talus.Clinical;

/// <summary>A US federal holiday: its calendar date and the weekday on which it is observed.</summary>
public sealed record FederalHoliday(string Name, DateOnly Date, DateOnly ObservedOn);

/// <summary>
/// US federal holidays computed by rule for any year (5 U.S.C. §6103 [GK]): a Saturday holiday is observed
/// the Friday before, a Sunday holiday the Monday after (so 1 Jan on a Saturday is observed on 31 Dec of the
/// year before). Juneteenth from 2021, when it was enacted.
/// </summary>
public static class FederalHolidays
{
    public static IReadOnlyList<FederalHoliday> For(int year)
    {
        var list = new List<FederalHoliday>(11)
        {
            Fixed("New Year's Day", year, 1, 1),
            new("Birthday of Martin Luther King, Jr.", Nth(year, 1, DayOfWeek.Monday, 3), Nth(year, 1, DayOfWeek.Monday, 3)),
            new("Washington's Birthday", Nth(year, 2, DayOfWeek.Monday, 3), Nth(year, 2, DayOfWeek.Monday, 3)),
            new("Memorial Day", LastMonday(year, 5), LastMonday(year, 5)),
        };
        if (year >= 2021)
        {
            list.Add(Fixed("Juneteenth National Independence Day", year, 6, 19));
        }

        list.Add(Fixed("Independence Day", year, 7, 4));
        list.Add(new("Labor Day", Nth(year, 9, DayOfWeek.Monday, 1), Nth(year, 9, DayOfWeek.Monday, 1)));
        list.Add(new("Columbus Day", Nth(year, 10, DayOfWeek.Monday, 2), Nth(year, 10, DayOfWeek.Monday, 2)));
        list.Add(Fixed("Veterans Day", year, 11, 11));
        list.Add(new("Thanksgiving Day", Nth(year, 11, DayOfWeek.Thursday, 4), Nth(year, 11, DayOfWeek.Thursday, 4)));
        list.Add(Fixed("Christmas Day", year, 12, 25));
        return list;
    }

    /// <summary>True when federal offices are closed on this date for a holiday (observed dates).</summary>
    public static bool IsObserved(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        // Only 31 Dec can observe a holiday of the next year (1 Jan on a Saturday).
        if (date is { Month: 12, Day: 31 })
        {
            return date.DayOfWeek == DayOfWeek.Friday;
        }

        foreach (var h in For(date.Year))
        {
            if (h.ObservedOn == date)
            {
                return true;
            }
        }

        return false;
    }

    private static FederalHoliday Fixed(string name, int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var observed = date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };
        return new(name, date, observed);
    }

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var back = ((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return last.AddDays(-back);
    }
}

/// <summary>
/// What counts as a business day (SPEC §7.2 [D] — verify): Monday–Friday, excluding observed federal
/// holidays and the practice's own closure dates.
/// </summary>
public sealed record BusinessCalendar
{
    public bool ExcludeFederalHolidays { get; init; } = true;
    public IReadOnlyList<DateOnly> PracticeClosures { get; init; } = [];
}

/// <summary>Business-day arithmetic for GFE deadlines (SPEC §7.2).</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly date, BusinessCalendar calendar)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        if (calendar.ExcludeFederalHolidays && FederalHolidays.IsObserved(date))
        {
            return false;
        }

        for (var i = 0; i < calendar.PracticeClosures.Count; i++)
        {
            if (calendar.PracticeClosures[i] == date)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Business days d with <paramref name="after"/> &lt; d ≤ <paramref name="through"/> (SPEC §7.2 "lead").</summary>
    public static int CountBetween(DateOnly after, DateOnly through, BusinessCalendar calendar)
    {
        var count = 0;
        for (var d = after.AddDays(1); d <= through; d = d.AddDays(1))
        {
            if (IsBusinessDay(d, calendar))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The date <paramref name="days"/> business days after (positive) or before (negative) <paramref name="from"/>.</summary>
    public static DateOnly Add(DateOnly from, int days, BusinessCalendar calendar)
    {
        var step = days >= 0 ? 1 : -1;
        var remaining = Math.Abs(days);
        var d = from;
        while (remaining > 0)
        {
            d = d.AddDays(step);
            if (IsBusinessDay(d, calendar))
            {
                remaining--;
            }
        }

        return d;
    }
}
