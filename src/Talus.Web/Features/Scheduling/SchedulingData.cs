using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Scheduling;

/// <summary>A weekly working block of a provider at one location, in the location's local time.</summary>
public sealed class WorkPattern
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public int LocationId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    /// <summary>First local date the block applies (inclusive); null = always.</summary>
    public DateOnly? ValidFrom { get; set; }
    /// <summary>Last local date the block applies (inclusive); null = open-ended.</summary>
    public DateOnly? ValidTo { get; set; }
}

public enum WorkExceptionKind { Absence, ExtraClinic }

/// <summary>
/// A dated change to a provider's pattern: an absence (vacation, sick day; all locations when LocationId is
/// null, whole day when no times) or an extra clinic at one location.
/// </summary>
public sealed class WorkException
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public int? LocationId { get; set; }
    public WorkExceptionKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>What an appointment of a kind needs and how long it holds it; configured by the practice.</summary>
public sealed class AppointmentType
{
    public int Id { get; set; }
    /// <summary>Stable code used by the API and the follow-up protocol (consultation, procedure, follow-up…).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Time with the patient.</summary>
    public int DurationMinutes { get; set; }
    /// <summary>Extra time the resources stay reserved (cell harvest and processing); part of the reservation.</summary>
    public int ProcessingMinutes { get; set; }
    public bool NeedsProvider { get; set; } = true;
    public RoomKind? RoomKind { get; set; }
    /// <summary>Comma-separated EquipmentKind values, one unit of each is reserved.</summary>
    public string Equipment { get; set; } = "";
    /// <summary>Patients may book, move and cancel this type in the portal.</summary>
    public bool PatientBookable { get; set; }
    /// <summary>Booking it starts an episode with the protocol follow-ups.</summary>
    public bool StartsEpisode { get; set; }
    /// <summary>How long before the start the reminder goes out; 0 = no reminder.</summary>
    public int ReminderLeadHours { get; set; } = 24;
    /// <summary>May the reminder name the type? Never for types that reveal a procedure.</summary>
    public bool NameInReminder { get; set; }
    public bool IsActive { get; set; } = true;

    public int ReservedMinutes => DurationMinutes + ProcessingMinutes;

    public EquipmentKind[] EquipmentKinds() =>
        [.. Equipment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<EquipmentKind>)];
}

public enum AppointmentStatus { Booked, CheckedIn, Completed, NoShow, Cancelled }

public sealed class Appointment : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Patient? Patient { get; set; }
    public int TypeId { get; set; }
    public AppointmentType? Type { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
    public int? ProviderId { get; set; }
    public StaffMember? Provider { get; set; }
    public int? RoomId { get; set; }
    public Room? Room { get; set; }
    public DateTime Start { get; set; }
    /// <summary>End of the reservation (includes processing time).</summary>
    public DateTime End { get; set; }
    public AppointmentStatus Status { get; set; }
    /// <summary>The patient confirmed they will come (front-desk worklist).</summary>
    public bool Confirmed { get; set; }
    public Guid? EpisodeId { get; set; }
    /// <summary>Protocol step within the episode (procedure, safety-call, v1…).</summary>
    public string? EpisodeStep { get; set; }
    public DateOnly? WindowStart { get; set; }
    public DateOnly? WindowEnd { get; set; }
    public string? Note { get; set; }
    public string? CancelReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CheckedInAt { get; set; }
    public List<AppointmentEquipment> Equipment { get; set; } = [];
    public Guid Version { get; set; } = Ids.NewVersion();
}

public sealed class AppointmentEquipment
{
    public Guid AppointmentId { get; set; }
    public int EquipmentId { get; set; }
    public Equipment? Equipment { get; set; }
}

/// <summary>
/// The database's guarantee against double booking: one row per resource per 5-minute bucket an appointment
/// holds, primary key (resource, bucket). Two appointments can never hold the same bucket of one resource.
/// </summary>
public sealed class SlotReservation
{
    /// <summary>"P:{staffId}", "R:{roomId}" or "E:{equipmentId}".</summary>
    public required string Resource { get; set; }
    /// <summary>Minutes since the Unix epoch (UTC) divided by 5.</summary>
    public long Bucket { get; set; }
    public Guid AppointmentId { get; set; }

    public const int BucketMinutes = 5;
}

/// <summary>A procedure and its protocol follow-ups, booked and moved as one series.</summary>
public sealed class Episode : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public DateOnly IndexDate { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ReminderChannel { Email, Sms }

public sealed class ReminderPreference : IPatientRecord
{
    public Guid PatientId { get; set; }
    public ReminderChannel Channel { get; set; }
    public bool OptedIn { get; set; }
    public DateTime ChangedAt { get; set; }
}

public enum OutboxStatus { Pending, Sent, Failed, Cancelled }

/// <summary>A message waiting to go out, or gone out; the staff page shows this with its delivery log.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid? AppointmentId { get; set; }
    public ReminderChannel Channel { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The sender run that claimed the message (one instance sends it); the claim lapses at <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

public sealed class DeliveryLogEntry
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public DateTime At { get; set; }
    public bool Succeeded { get; set; }
    public string Detail { get; set; } = "";
}

/// <summary>A private calendar feed of one provider. Only the SHA-256 of the token is stored.</summary>
public sealed class CalendarFeed
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public static class SchedulingModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<WorkPattern>().HasIndex(p => new { p.StaffMemberId, p.Day });
        b.Entity<WorkException>().HasIndex(e => new { e.StaffMemberId, e.Date });
        b.Entity<AppointmentType>(e =>
        {
            e.HasIndex(t => t.Code).IsUnique();
            e.Ignore(t => t.ReservedMinutes);
        });
        b.Entity<Appointment>(e =>
        {
            e.HasIndex(a => a.Start);
            e.HasIndex(a => new { a.PatientId, a.Start });
            // A located user's reach (PatientAccess): "an appointment of this patient at one of my locations" is read from
            // the index alone, so PostgreSQL probes it per patient instead of hashing a location's every appointment.
            e.HasIndex(a => new { a.PatientId, a.LocationId });
            // The day and week views read one location's or one provider's appointments in a time range.
            e.HasIndex(a => new { a.LocationId, a.Start });
            e.HasIndex(a => new { a.ProviderId, a.Start });
            // The desk's lists of booked appointments in a time range (overdue, unconfirmed): among a practice's past
            // appointments nearly all are completed, so a range of starts alone reads a month of them to find a few.
            e.HasIndex(a => new { a.Status, a.Start });
            e.HasIndex(a => a.EpisodeId);
            e.HasOne(a => a.Patient).WithMany().HasForeignKey(a => a.PatientId);
            e.HasOne(a => a.Type).WithMany().HasForeignKey(a => a.TypeId);
            e.HasOne(a => a.Location).WithMany().HasForeignKey(a => a.LocationId);
            e.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId);
            e.HasOne(a => a.Room).WithMany().HasForeignKey(a => a.RoomId);
            e.HasMany(a => a.Equipment).WithOne().HasForeignKey(q => q.AppointmentId).OnDelete(DeleteBehavior.Cascade);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        b.Entity<AppointmentEquipment>(e =>
        {
            e.HasKey(q => new { q.AppointmentId, q.EquipmentId });
            e.HasOne(q => q.Equipment).WithMany().HasForeignKey(q => q.EquipmentId);
        });
        b.Entity<SlotReservation>(e =>
        {
            e.HasKey(r => new { r.Resource, r.Bucket });
            e.Property(r => r.Resource).HasMaxLength(24);
            e.HasIndex(r => r.AppointmentId);
        });
        b.Entity<ReminderPreference>().HasKey(p => new { p.PatientId, p.Channel });
        b.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => m.AppointmentId);
            e.Property(m => m.Body).HasMaxLength(4000);
        });
        b.Entity<DeliveryLogEntry>().HasIndex(l => l.MessageId);
        b.Entity<CalendarFeed>().HasIndex(f => f.TokenHash).IsUnique();
    }
}
