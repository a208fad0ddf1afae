using System.Globalization;

namespace Talus.Web.Shared;

/// <summary>
/// Dates, times, numbers and money as a patient reads them, in the current culture (en-US or es-US: set per request by
/// PatientLanguage, or for an email or document by PatientText.In): "November 29, 2026" / "29 de noviembre de 2026",
/// "9:30 AM" / "9:30 a. m.", "$1,500.00".
/// Every patient page formats through here, so a language never shows another's date order.
/// </summary>
public static class PatientFormat
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool IsSpanish => Culture.TwoLetterISOLanguageName == "es";

    /// <summary>A date in words: "November 29, 2026" or "29 de noviembre de 2026".</summary>
    public static string Date(DateOnly date) =>
        date.ToString(IsSpanish ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy", Culture);

    /// <summary>A date with its weekday: "Sunday, November 29, 2026" or "domingo, 29 de noviembre de 2026".</summary>
    public static string DayAndDate(DateOnly date) =>
        date.ToString(IsSpanish ? "dddd, d 'de' MMMM 'de' yyyy" : "dddd, MMMM d, yyyy", Culture);

    /// <summary>A wall-clock time: "9:30 AM" or "9:30 a. m.".</summary>
    public static string Time(TimeOnly time) => time.ToString("t", Culture);

    /// <summary>A local date and time: "November 29, 2026, 9:30 AM" or "29 de noviembre de 2026, 9:30 a. m.".</summary>
    public static string DateTime(System.DateTime local) => $"{Date(DateOnly.FromDateTime(local))}, {Time(TimeOnly.FromDateTime(local))}";

    /// <summary>Money held as integer cents: "$1,500.00" (both cultures write US dollars this way).</summary>
    public static string Money(long cents) => (cents / 100m).ToString("C", Culture);

    /// <summary>A whole number with the culture's grouping: "1,500".</summary>
    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>The weekday's name: "Monday" / "lunes".</summary>
    public static string Day(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(day);

    /// <summary>
    /// The lang attribute for the practice's own English wording (price book items, estimate titles) on a patient page:
    /// "en" when the page is in another language, so readers and checks know it is English on purpose; else null.
    /// </summary>
    public static string? PracticeWordingLang => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? null : "en";
}
