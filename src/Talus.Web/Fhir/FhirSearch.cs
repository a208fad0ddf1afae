using System.Globalization;
using System.Linq.Expressions;
using SearchParamType = Hl7.Fhir.Model.SearchParamType;

namespace Talus.Web.Fhir;

/// <summary>One search parameter a resource type supports: its name, FHIR type and what it matches.</summary>
public sealed record FhirSearchParam(string Name, SearchParamType Type, string Description);

/// <summary>
/// A date search value with its prefix (eq, ne, lt, gt, le, ge, sa, eb) as the half-open range [From, To) its
/// precision covers: "2026" is the whole year, "2026-11-24" the day, a dateTime one second.
/// Dates without a zone are read as UTC.
/// </summary>
public sealed record DateParam(string Prefix, DateTime From, DateTime To)
{
    private static readonly string[] Prefixes = ["eq", "ne", "lt", "gt", "le", "ge", "sa", "eb"];

    public static DateParam? Parse(string raw)
    {
        var prefix = raw.Length > 2 && Prefixes.Contains(raw[..2]) ? raw[..2] : "eq";
        var value = prefix == "eq" && !raw.StartsWith("eq", StringComparison.Ordinal) ? raw : raw[2..];
        var inv = CultureInfo.InvariantCulture;
        if (value.Length == 4 && DateTime.TryParseExact(value, "yyyy", inv, DateTimeStyles.None, out var y))
        {
            return Build(prefix, y, y.AddYears(1));
        }
        if (value.Length == 7 && DateTime.TryParseExact(value, "yyyy-MM", inv, DateTimeStyles.None, out var m))
        {
            return Build(prefix, m, m.AddMonths(1));
        }
        if (value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d))
        {
            return Build(prefix, d, d.AddDays(1));
        }
        if (value.Length > 10 && DateTimeOffset.TryParse(value, inv, DateTimeStyles.AssumeUniversal, out var t) && value[10] == 'T')
        {
            var utc = t.UtcDateTime;
            return Build(prefix, utc, utc.AddSeconds(1));
        }
        return null;
    }

    private static DateParam? Build(string prefix, DateTime from, DateTime to) =>
        from.Year is < 1900 or > 2200 ? null
        : new(prefix, DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc));

    /// <summary>The condition on a stored point in time v (FHIR R4 search, "date" prefixes, for values without a range).</summary>
    public Expression<Func<T, bool>> Matches<T, TValue>(Expression<Func<T, TValue>> selector, Func<DateTime, TValue> lower, Func<DateTime, TValue> upper)
    {
        var v = selector.Body;
        var from = Value(lower(From));
        var to = Value(upper(To));
        Expression body = Prefix switch
        {
            "lt" or "eb" => Expression.LessThan(v, from),
            "gt" or "sa" => Expression.GreaterThanOrEqual(v, to),
            "le" => Expression.LessThan(v, to),
            "ge" => Expression.GreaterThanOrEqual(v, from),
            "ne" => Expression.OrElse(Expression.LessThan(v, from), Expression.GreaterThanOrEqual(v, to)),
            _ => Expression.AndAlso(Expression.GreaterThanOrEqual(v, from), Expression.LessThan(v, to)),
        };
        return Expression.Lambda<Func<T, bool>>(body, selector.Parameters);
    }

    // A member of a captured object, so EF sends the bound as a parameter (one cached query plan for every value).
    private static MemberExpression Value<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    private sealed record Box<TValue>(TValue Value);

    /// <summary>The days a range covers, for DateOnly columns: [first day, day after the last).</summary>
    public static DateOnly DayOf(DateTime t) => DateOnly.FromDateTime(t);
    public static DateOnly DayAfter(DateTime t) => t.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(t) : DateOnly.FromDateTime(t).AddDays(1);
}

/// <summary>A token search value: <c>code</c>, <c>system|code</c> or <c>|code</c> (code without a system).</summary>
public sealed record TokenParam(string? System, string Code)
{
    public static TokenParam Parse(string raw)
    {
        var bar = raw.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? new(null, raw) : new(raw[..bar], raw[(bar + 1)..]);
    }

    /// <summary>True when the value names this system (or no system) and this code.</summary>
    public bool Is(string? system, string? code) => (System is null || System == system) && Code == code;
}

/// <summary>
/// A parsed search: the resource's own parameters (checked by type), the common ones (_id, _count, _sort, _offset),
/// the patient a <c>patient</c>/<c>subject</c> parameter names (already access-checked), and the parameters ignored
/// in lenient handling.
/// </summary>
public sealed class FhirQuery
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    public required int Count { get; init; }
    /// <summary>The keyset cursor of a <c>next</c> link: the sort key and id of the last entry of the previous page.</summary>
    public FhirCursor? After { get; init; }
    /// <summary>null: by id (creation order); true/false: by date ascending/descending, then id.</summary>
    public bool? DateAscending { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public Guid? Patient { get; set; }
    /// <summary>_include={Type}:patient (or :subject): the patients of the matches are added to the Bundle.</summary>
    public bool IncludePatients { get; init; }
    public IReadOnlyList<string> Ignored { get; init; } = [];
    internal Dictionary<string, List<string>> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<DateParam> Dates(string name) =>
        Values.TryGetValue(name, out var raw) ? [.. raw.Select(r => DateParam.Parse(r)!)] : [];

    /// <summary>The comma-separated alternatives of a token parameter (any may match), or null when absent.</summary>
    public IReadOnlyList<TokenParam>? Tokens(string name) =>
        Values.TryGetValue(name, out var raw) ? [.. raw[0].Split(',').Select(TokenParam.Parse)] : null;

    public string? String(string name) => Values.TryGetValue(name, out var raw) ? raw[0] : null;

    /// <summary>
    /// Orders by date (when _sort asks) then by id, starts after the cursor (keyset: ties on the date are cut by the
    /// unique id), and cuts the page, one row more than asked to know if there is a next page.
    /// </summary>
    public IQueryable<T> Page<T, TDate, TId>(IQueryable<T> query, Expression<Func<T, TDate>> date, Expression<Func<T, TId>> id)
    {
        if (After is { } after)
        {
            query = query.Where(DateAscending is null
                ? Keyset.After(id, after.Value<TId>(1), true)
                : Keyset.After(date, after.Value<TDate>(0), id, after.Value<TId>(1), DateAscending.Value));
        }
        return (DateAscending switch
        {
            true => query.OrderBy(date).ThenBy(id),
            false => query.OrderByDescending(date).ThenByDescending(id),
            null => query.OrderBy(id),
        }).Take(Count + 1);
    }

    /// <summary>The cursor of a row: its sort date (only when sorting by date) and its id.</summary>
    public string CursorOf<TDate, TId>(TDate date, TId id) =>
        FhirCursor.Encode(DateAscending is null ? "" : FhirCursor.Text(date), FhirCursor.Text(id));

    /// <summary>A page of items held in memory (a short list such as the instruments), ordered by a unique key, after the cursor.</summary>
    public FhirPage PageOf<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, Func<T, FhirFound> map)
    {
        // Text keys in ordinal order: a culture's order may treat distinct keys as equal.
        var comparer = typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;
        var ordered = items.OrderBy(key, comparer);
        var rest = After is { } after ? ordered.Where(i => comparer.Compare(key(i), after.Value<TKey>(1)) > 0) : ordered;
        var page = rest.Take(Count + 1).ToList();
        return FhirPage.From(page, this, i => CursorOfKey(key(i)), map);
    }

    private string CursorOfKey<TKey>(TKey key) => FhirCursor.Encode("", FhirCursor.Text(key));

    public IQueryable<T> WhereDates<T>(IQueryable<T> query, string name, Expression<Func<T, DateOnly>> day)
    {
        foreach (var d in Dates(name))
        {
            query = query.Where(d.Matches(day, DateParam.DayOf, DateParam.DayAfter));
        }
        return query;
    }

    public IQueryable<T> WhereInstants<T>(IQueryable<T> query, string name, Expression<Func<T, DateTime>> at)
    {
        foreach (var d in Dates(name))
        {
            query = query.Where(d.Matches(at, t => t, t => t));
        }
        return query;
    }

    /// <summary>The Guid ids of <c>_id</c> (an id that is not one of ours matches nothing).</summary>
    public IReadOnlyList<Guid>? GuidIds() => Ids is null ? null : [.. Ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty)];

    public IReadOnlyList<int>? IntIds() => Ids is null ? null
        : [.. Ids.Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)];

    /// <summary>
    /// Reads the query string against the parameters a type supports. Returns the query or the message of a 400:
    /// a malformed value always; an unknown parameter only in strict handling (Prefer: handling=strict).
    /// </summary>
    public static (FhirQuery? Query, string? Error) Parse(HttpRequest request, IReadOnlyList<FhirSearchParam> supported, int maxCount = MaxCount)
    {
        var strict = request.Headers["Prefer"].Any(p => p is not null && p.Replace(" ", "", StringComparison.Ordinal).Contains("handling=strict", StringComparison.OrdinalIgnoreCase));
        int count = DefaultCount;
        FhirCursor? after = null;
        bool? ascending = null;
        IReadOnlyList<string>? ids = null;
        var includePatients = false;
        var ignored = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, raw) in request.Query)
        {
            var all = raw.Select(v => v ?? "").ToList();
            if (all.Any(v => v.Any(char.IsControl) || v.Length > 200))
            {
                return (null, $"Parameter '{key}' has control characters or is too long.");
            }
            var baseName = key.Split(':')[0];
            var modifier = key.Contains(':', StringComparison.Ordinal) ? key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..] : null;
            switch (baseName)
            {
                case "_format" or "_pretty":
                    continue;
                case "_count":
                    if (all.Count != 1 || !int.TryParse(all[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 0)
                    {
                        return (null, "_count must be a whole number (0 or more).");
                    }
                    count = Math.Min(count, maxCount);
                    continue;
                case FhirCursor.Parameter:
                    if (all.Count != 1 || FhirCursor.Decode(all[0]) is not { } cursor)
                    {
                        return (null, $"{FhirCursor.Parameter} is not valid: use the 'next' link of the previous page.");
                    }
                    after = cursor;
                    continue;
                case "_sort":
                    ascending = all.Count == 1 && all[0] == "date" ? true : all.Count == 1 && all[0] == "-date" ? false : null;
                    if (ascending is null || !supported.Any(p => p.Name == "date"))
                    {
                        return (null, "_sort supports 'date' and '-date' on types with a date parameter.");
                    }
                    continue;
                case "_include":
                    var patientParam = supported.FirstOrDefault(p => p.Name is "patient" or "subject")?.Name;
                    if (modifier is not null || all.Any(v => patientParam is null || v.Split(':') is not [_, var target] || target is not ("patient" or "subject")
                        || !supported.Any(p => p.Name == target)))
                    {
                        return (null, patientParam is null ? "_include is not supported for this type."
                            : $"_include supports the patient of each match only: {{Type}}:{patientParam}.");
                    }
                    includePatients = true;
                    continue;
                case "_id":
                    if (modifier is not null || all.Count != 1 || all[0].Length == 0)
                    {
                        return (null, "_id takes one value (comma-separated ids for any of them).");
                    }
                    ids = all[0].Split(',');
                    continue;
            }
            var param = supported.FirstOrDefault(p => p.Name == baseName);
            if (param is null || modifier is not null)
            {
                if (strict)
                {
                    return (null, param is null ? $"Unknown search parameter '{key}'." : $"The modifier ':{modifier}' is not supported.");
                }
                ignored.Add(key);
                continue;
            }
            if (param.Type != SearchParamType.Date && all.Count > 1)
            {
                return (null, $"'{key}' may be given once (separate alternatives with commas).");
            }
            var bad = all.FirstOrDefault(v => v.Length == 0 || (param.Type == SearchParamType.Date && DateParam.Parse(v) is null));
            if (bad is not null)
            {
                return (null, param.Type == SearchParamType.Date
                    ? $"'{key}' must be a date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime) with an optional prefix eq, ne, lt, gt, le, ge, sa, eb."
                    : $"'{key}' has an empty value.");
            }
            values[baseName] = all;
        }
        var query = new FhirQuery { Count = count, After = after, DateAscending = ascending, Ids = ids, Ignored = ignored, IncludePatients = includePatients };
        foreach (var (k, v) in values)
        {
            query.Values[k] = v;
        }
        return (query, null);
    }

    /// <summary>The patient id a reference parameter names ("Patient/{id}" or "{id}"), or null when it names something else.</summary>
    public static Guid? PatientOf(string reference)
    {
        var id = reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..]
            : reference.Contains('/', StringComparison.Ordinal) ? null : reference;
        return id is not null && Guid.TryParse(id, out var g) ? g : null;
    }
}

/// <summary>
/// The keyset cursor of a <c>next</c> link: the sort values of the last entry of a page (date when sorting by date,
/// then the unique id; Observation adds its record kind), so a page starts after it whatever was added or removed
/// before it. Opaque to clients (base64url of the values joined by '~').
/// </summary>
public sealed record FhirCursor(IReadOnlyList<string> Parts)
{
    public const string Parameter = "_cursor";

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(string.Join('~', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static FhirCursor? Decode(string raw)
    {
        if (raw.Length is 0 or > 200 || raw.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }
        var base64 = raw.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        try
        {
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('~');
            return parts.Length >= 2 ? new FhirCursor(parts) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A sort value as cursor text (invariant; instants as UTC ticks so no precision is lost).</summary>
    public static string Text<TValue>(TValue value) => value switch
    {
        DateOnly d => d.DayNumber.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.Ticks.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The value at a position, as the type of the sort key; a cursor that does not fit answers 400.</summary>
    public TValue Value<TValue>(int at)
    {
        var raw = at < Parts.Count ? Parts[at] : "";
        var inv = CultureInfo.InvariantCulture;
        object? value = typeof(TValue) switch
        {
            var t when t == typeof(Guid) => Guid.TryParse(raw, out var g) ? g : null,
            var t when t == typeof(int) => int.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var n) ? n : null,
            var t when t == typeof(long) => long.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var n) ? n : null,
            var t when t == typeof(DateOnly) => int.TryParse(raw, NumberStyles.None, inv, out var n) && n <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber(n) : null,
            var t when t == typeof(DateTime) => long.TryParse(raw, NumberStyles.None, inv, out var n) && n <= DateTime.MaxValue.Ticks ? new DateTime(n, DateTimeKind.Utc) : null,
            var t when t == typeof(string) => raw,
            _ => null,
        };
        return value is TValue v ? v : throw new BadCursorException();
    }
}

/// <summary>A search a mapping cannot answer as asked (a missing or too wide window, a foreign cursor): answered 400 with the message.</summary>
public class FhirSearchException(string message) : Exception(message);

/// <summary>A cursor whose values do not fit the search it was given to.</summary>
public sealed class BadCursorException() : FhirSearchException("The cursor does not belong to this search: use the 'next' link of the previous page.");

/// <summary>The keyset conditions "after this row" in a total order (date then id), as expressions EF translates.</summary>
public static class Keyset
{
    public static Expression<Func<T, bool>> After<T, TId>(Expression<Func<T, TId>> id, TId lastId, bool ascending) =>
        Expression.Lambda<Func<T, bool>>(Beyond(id.Body, lastId, ascending), id.Parameters);

    public static Expression<Func<T, bool>> After<T, TDate, TId>(Expression<Func<T, TDate>> date, TDate lastDate, Expression<Func<T, TId>> id, TId lastId, bool ascending)
    {
        var idBody = new Rebind(id.Parameters[0], date.Parameters[0]).Visit(id.Body);
        var body = Expression.OrElse(Beyond(date.Body, lastDate, ascending),
            Expression.AndAlso(Expression.Equal(date.Body, Value(lastDate)), Beyond(idBody, lastId, ascending)));
        return Expression.Lambda<Func<T, bool>>(body, date.Parameters);
    }

    /// <summary>The row of the cursor itself and the rows after it (for a row that yields more than one resource).</summary>
    public static Expression<Func<T, bool>> AtOrAfter<T, TDate, TId>(Expression<Func<T, TDate>> date, TDate lastDate, Expression<Func<T, TId>> id, TId lastId, bool ascending)
    {
        var idBody = new Rebind(id.Parameters[0], date.Parameters[0]).Visit(id.Body);
        var body = Expression.OrElse(Beyond(date.Body, lastDate, ascending),
            Expression.AndAlso(Expression.Equal(date.Body, Value(lastDate)),
                ascending ? Expression.GreaterThanOrEqual(idBody, Value(lastId)) : Expression.LessThanOrEqual(idBody, Value(lastId))));
        return Expression.Lambda<Func<T, bool>>(body, date.Parameters);
    }

    /// <summary>Rows at or beyond a value (the value itself included).</summary>
    public static Expression<Func<T, bool>> From<T, TValue>(Expression<Func<T, TValue>> key, TValue value, bool ascending) =>
        Expression.Lambda<Func<T, bool>>(ascending ? Expression.GreaterThanOrEqual(key.Body, Value(value)) : Expression.LessThanOrEqual(key.Body, Value(value)), key.Parameters);

    private static BinaryExpression Beyond<TValue>(Expression v, TValue last, bool ascending) =>
        ascending ? Expression.GreaterThan(v, Value(last)) : Expression.LessThan(v, Value(last));

    // A member of a captured object, so EF sends the value as a parameter (one cached query plan for every cursor).
    private static MemberExpression Value<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    private sealed record Box<TValue>(TValue Value);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
