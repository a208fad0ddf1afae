using Microsoft.EntityFrameworkCore;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// Writes the (resource, 5-minute bucket) rows an appointment holds. Their primary key makes the database refuse a
/// second appointment on any bucket of the same provider, room or equipment unit, or of the same patient (one person
/// cannot be in two appointments at once), on SQLite and PostgreSQL alike, whatever the application checked before.
/// </summary>
public static class Reservations
{
    public static long BucketOf(DateTime utc) => utc.Ticks / TimeSpan.TicksPerMinute / SlotReservation.BucketMinutes;

    public static IEnumerable<string> ResourcesOf(Appointment a)
    {
        yield return PatientResource(a.PatientId);
        if (a.ProviderId is { } p)
        {
            yield return "P:" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (a.RoomId is { } r)
        {
            yield return "R:" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var e in a.Equipment)
        {
            yield return "E:" + e.EquipmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>"T:" and the patient id in unpadded base64 (24 characters, the column's length).</summary>
    public static string PatientResource(Guid patientId) => "T:" + Convert.ToBase64String(patientId.ToByteArray()).TrimEnd('=');

    public static void Add(Data.ClinicDb db, Appointment a)
    {
        var first = BucketOf(a.Start);
        // The last bucket is the one holding the final minute of the reservation.
        var last = BucketOf(a.End.AddTicks(-1));
        foreach (var resource in ResourcesOf(a))
        {
            for (var b = first; b <= last; b++)
            {
                db.SlotReservations.Add(new SlotReservation { Resource = resource, Bucket = b, AppointmentId = a.Id });
            }
        }
    }

    public static Task<int> ReleaseAsync(Data.ClinicDb db, IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct) =>
        db.SlotReservations.Where(r => appointmentIds.Contains(r.AppointmentId)).ExecuteDeleteAsync(ct);

    /// <summary>A unique or primary-key violation: someone else holds one of the buckets.</summary>
    public static bool IsTaken(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 1555 or 2067,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
