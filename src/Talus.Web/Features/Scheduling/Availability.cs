using NodaTime;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>Minutes since local midnight, half-open [Start, End).</summary>
public readonly record struct MinuteRange(int Start, int End)
{
    public static MinuteRange Of(TimeOnly start, TimeOnly end) => new(start.Hour * 60 + start.Minute, end.Hour * 60 + end.Minute);
    public bool IsEmpty => End <= Start;
}

/// <summary>
/// When a provider works at a location on a local date: the weekly pattern, trimmed to the location's opening
/// hours, plus extra clinics, minus absences; nothing on a closure date. All in the location's local time, so
/// an 8:00–17:00 pattern stays 8:00–17:00 on both sides of a daylight-saving change.
/// </summary>
public static class Availability
{
    public static List<MinuteRange> WorkingTime(
        DateOnly date,
        MinuteRange? opening,
        bool closed,
        IEnumerable<WorkPattern> patterns,
        IEnumerable<WorkException> exceptions)
    {
        var result = new List<MinuteRange>();
        if (closed)
        {
            return result;
        }
        if (opening is { } open)
        {
            foreach (var p in patterns)
            {
                if (p.Day != date.DayOfWeek || (p.ValidFrom is { } f && date < f) || (p.ValidTo is { } t && date > t))
                {
                    continue;
                }
                var block = MinuteRange.Of(p.Start, p.End);
                var trimmed = new MinuteRange(Math.Max(block.Start, open.Start), Math.Min(block.End, open.End));
                if (!trimmed.IsEmpty)
                {
                    result.Add(trimmed);
                }
            }
        }
        var absences = new List<MinuteRange>();
        foreach (var e in exceptions)
        {
            if (e.Date != date)
            {
                continue;
            }
            if (e.Kind == WorkExceptionKind.ExtraClinic && e.Start is { } s && e.End is { } en)
            {
                result.Add(MinuteRange.Of(s, en));
            }
            else if (e.Kind == WorkExceptionKind.Absence)
            {
                absences.Add(e.Start is { } a && e.End is { } b ? MinuteRange.Of(a, b) : new MinuteRange(0, 24 * 60));
            }
        }
        return Subtract(Merge(result), absences);
    }

    public static List<MinuteRange> Merge(List<MinuteRange> ranges)
    {
        if (ranges.Count < 2)
        {
            return ranges;
        }
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<MinuteRange> { ranges[0] };
        foreach (var r in ranges.Skip(1))
        {
            var last = merged[^1];
            if (r.Start <= last.End)
            {
                merged[^1] = last with { End = Math.Max(last.End, r.End) };
            }
            else
            {
                merged.Add(r);
            }
        }
        return merged;
    }

    public static List<MinuteRange> Subtract(List<MinuteRange> ranges, List<MinuteRange> cuts)
    {
        if (cuts.Count == 0)
        {
            return ranges;
        }
        var current = ranges;
        foreach (var cut in cuts)
        {
            var next = new List<MinuteRange>();
            foreach (var r in current)
            {
                if (cut.End <= r.Start || cut.Start >= r.End)
                {
                    next.Add(r);
                    continue;
                }
                if (cut.Start > r.Start)
                {
                    next.Add(new MinuteRange(r.Start, cut.Start));
                }
                if (cut.End < r.End)
                {
                    next.Add(new MinuteRange(cut.End, r.End));
                }
            }
            current = next;
        }
        return current;
    }

    /// <summary>The UTC instant of a local wall time; null when the clock skips it (spring forward). An
    /// ambiguous time (fall back) resolves to the earlier of the two.</summary>
    public static DateTime? ToUtc(DateTimeZone zone, DateOnly date, int minuteOfDay)
    {
        var local = NodaTime.LocalDate.FromDateOnly(date).At(LocalTime.FromMinutesSinceMidnight(minuteOfDay));
        var mapping = zone.MapLocal(local);
        return mapping.Count == 0 ? null : mapping.First().ToDateTimeUtc();
    }

    /// <summary>Local wall time of a UTC instant in a zone.</summary>
    public static LocalDateTime ToLocal(DateTimeZone zone, DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;

    /// <summary>Same wall time on another date, resolved leniently (a skipped time moves forward).</summary>
    public static DateTime AtLocal(DateTimeZone zone, LocalDateTime local) =>
        zone.AtLeniently(local).ToDateTimeUtc();

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;

    public static DateOnly LocalDate(DateTimeZone zone, DateTime utc) => ToLocal(zone, utc).Date.ToDateOnly();
}
