using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Patients;
using Talus.Web.Shared;

namespace Talus.Web.Features.Audit;

/// <summary>
/// The audit trail as people read it: filtered by patient (name or id), user, action and practice-local dates,
/// newest first, one page at a time (keyset on the entry id, so a deep page costs what the first does), with the
/// names of patients and staff rather than their ids.
/// </summary>
public static class SearchAudit
{
    public const int PageSize = 50;

    /// <summary>The filters; <paramref name="Before"/> is the id of the last entry of the previous page.</summary>
    public sealed record Query(
        [property: StringLength(100)] string? PatientName = null,
        Guid? PatientId = null,
        [property: StringLength(200)] string? User = null,
        AuditAction? Action = null,
        DateOnly? From = null,
        DateOnly? To = null,
        [property: Range(1, long.MaxValue)] long? Before = null);

    /// <summary>
    /// An entry with the patient's and user's names resolved. <paramref name="Patients"/> are all the patients of the entry:
    /// its own <paramref name="PatientId"/>, or those its list showed (then <paramref name="PatientId"/> is null).
    /// </summary>
    public sealed record Row(long Id, DateTime At, string? User, string? UserName, string? Role, AuditAction Action, Guid? PatientId,
        string? PatientName, string Resource, string? RecordId, string? Endpoint, string? IpAddress, string Outcome, List<PatientShown> Patients);

    /// <summary>A patient of an entry; the name is null when the record is gone.</summary>
    public sealed record PatientShown(Guid Id, string? Name);

    public sealed record Page(List<Row> Rows, long? Older);

    /// <summary>One page of entries, newest first; <see cref="Page.Older"/> is the cursor of the next page, if any.</summary>
    public static async Task<Outcome<Page>> PageAsync(Query query, ClaimsPrincipal user, ClinicDb db, PatientAccess access, CancellationToken ct)
    {
        var filtered = await FilterAsync(query, user, db, access, ct);
        if (!filtered.IsOk)
        {
            return filtered.Failure!;
        }
        var entries = await filtered.Value!.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        var rows = await NamedAsync(entries.Take(PageSize).ToList(), db, ct);
        return new Page(rows, entries.Count > PageSize ? rows[^1].Id : null);
    }

    /// <summary>Every matching entry, newest first, read in batches so an export of the whole trail never sits in memory.</summary>
    public static async IAsyncEnumerable<Row> AllAsync(IQueryable<AuditEntry> filtered, ClinicDb db, [EnumeratorCancellation] CancellationToken ct)
    {
        long? before = null;
        while (true)
        {
            var q = before is { } b ? filtered.Where(a => a.Id < b) : filtered;
            var batch = await q.OrderByDescending(a => a.Id).Take(1000).ToListAsync(ct);
            foreach (var row in await NamedAsync(batch, db, ct))
            {
                yield return row;
            }
            if (batch.Count < 1000)
            {
                yield break;
            }
            before = batch[^1].Id;
        }
    }

    /// <summary>The entries matching the filters (no order); invalid filters answer by field.</summary>
    public static async Task<Outcome<IQueryable<AuditEntry>>> FilterAsync(Query query, ClaimsPrincipal user, ClinicDb db, PatientAccess access, CancellationToken ct)
    {
        if (InputCheck.Validate(query) is { } invalid)
        {
            return invalid;
        }
        var q = db.AuditEntries.AsNoTracking();
        if (query.PatientId is { } p)
        {
            q = q.Showing(db, [p]);
        }
        if (!string.IsNullOrWhiteSpace(query.PatientName))
        {
            var ids = (await SearchPatients.RunAsync(query.PatientName, user, access, 200, ct)).Select(r => r.Id).ToList();
            q = q.Showing(db, ids);
        }
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var who = query.User.Trim();
            var staffUserIds = await db.Staff.Where(s => s.UserId != null && s.DisplayName == who).Select(s => s.UserId).ToListAsync(ct);
            q = q.Where(a => a.UserName == who || a.UserId == who || staffUserIds.Contains(a.UserId));
        }
        if (query.Action is { } action)
        {
            q = q.Where(a => a.Action == action);
        }
        if (query.From is { } f)
        {
            var start = PracticeClock.StartUtc(f);
            q = q.Where(a => a.At >= start);
        }
        if (query.To is { } t)
        {
            var end = PracticeClock.StartUtc(t.AddDays(1));
            q = q.Where(a => a.At < end);
        }
        if (query.Before is { } before)
        {
            q = q.Where(a => a.Id < before);
        }
        return Outcome.Ok(q);
    }

    /// <summary>
    /// The entries about any of <paramref name="patients"/>: their own patient, or one of the patients their list showed.
    /// Id IN (entries by PatientId UNION ALL the lists that showed one): the first side uses the index that starts with the
    /// patient; the second the FTS5 index of the lists (SQLite, <see cref="AuditShownSearch"/>) or the GIN index of the list
    /// column (PostgreSQL, <c>&amp;&amp;</c>).
    /// </summary>
    public static IQueryable<AuditEntry> Showing(this IQueryable<AuditEntry> q, ClinicDb db, List<Guid> patients)
    {
        if (patients.Count == 0)
        {
            return q.Where(a => false);
        }
        var own = db.AuditEntries.Where(a => a.PatientId != null && patients.Contains(a.PatientId.Value)).Select(a => a.Id);
        var lists = db.IsSqlite()
            ? db.Database.SqlQueryRaw<long>($"SELECT rowid AS \"Value\" FROM \"{AuditShownSearch.Table}\" WHERE \"{AuditShownSearch.Table}\" MATCH @match",
                new Microsoft.Data.Sqlite.SqliteParameter("@match", AuditShownSearch.Match(patients)))
            : db.AuditEntries.Where(a => a.PatientsShown!.Any(p => patients.Contains(p))).Select(a => a.Id);
        var ids = own.Concat(lists);
        return q.Where(a => ids.Contains(a.Id));
    }

    /// <summary>
    /// On SQLite, loads the patients shown of the entries without a patient of their own (one query for all of them);
    /// PostgreSQL read them with the entries.
    /// </summary>
    public static async Task WithPatientsShownAsync(IReadOnlyList<AuditEntry> entries, ClinicDb db, CancellationToken ct)
    {
        if (!db.IsSqlite())
        {
            return;
        }
        var lists = entries.Where(e => e.PatientId is null).Select(e => e.Id).ToList();
        if (lists.Count == 0)
        {
            return;
        }
        var shown = (await db.AuditPatientsShown.AsNoTracking().Where(s => lists.Contains(s.AuditEntryId)).ToListAsync(ct)).ToLookup(s => s.AuditEntryId);
        foreach (var e in entries.Where(e => e.PatientId is null))
        {
            e.PatientsShown = [.. shown[e.Id].Select(s => s.PatientId).Order()];
        }
    }

    /// <summary>The CSV header and one line per entry (RFC 4180 quoting; a leading =, +, - or @ is quoted away from spreadsheet formulas).</summary>
    public const string CsvHeader = "When (practice time),User,User name,Role,Action,Patient,Patient id,Record,Record id,Endpoint,From,Outcome";

    public static string CsvLine(Row r) => string.Join(',', new[]
    {
        PracticeClock.Format(r.At), r.User, r.UserName, r.Role, Labels.Of(r.Action), string.Join("; ", r.Patients.Select(p => p.Name ?? "Removed record")),
        string.Join(' ', r.Patients.Select(p => p.Id)), r.Resource, r.RecordId,
        r.Endpoint, r.IpAddress, r.Outcome,
    }.Select(Csv));

    private static string Csv(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0]))
        {
            v = "'" + v;
        }
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 || v != (value ?? "") ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    private static async Task<List<Row>> NamedAsync(List<AuditEntry> entries, ClinicDb db, CancellationToken ct)
    {
        await WithPatientsShownAsync(entries, db, ct);
        var patientIds = entries.SelectMany(PatientsOf).Distinct().ToList();
        var patients = patientIds.Count == 0 ? [] : await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = p.FamilyName + ", " + p.GivenName }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!).Distinct().ToList();
        var staff = userIds.Count == 0 ? [] : await db.Staff.AsNoTracking().Where(s => s.UserId != null && userIds.Contains(s.UserId))
            .Select(s => new { s.UserId, s.DisplayName }).ToDictionaryAsync(s => s.UserId!, s => s.DisplayName, ct);
        return [.. entries.Select(e => new Row(e.Id, e.At, e.UserId is { } u && staff.TryGetValue(u, out var n) ? n : e.UserName, e.UserName, e.Role, e.Action,
            e.PatientId, e.PatientId is { } p && patients.TryGetValue(p, out var pn) ? pn : null, e.Resource, e.RecordId, e.Endpoint, e.IpAddress, e.Outcome,
            [.. PatientsOf(e).Select(id => new PatientShown(id, patients.GetValueOrDefault(id)))]))];
    }

    /// <summary>All the patients of an entry: its own, or those its list showed.</summary>
    public static IEnumerable<Guid> PatientsOf(AuditEntry e) =>
        e.PatientId is { } p ? [p] : e.PatientsShown ?? [];
}
