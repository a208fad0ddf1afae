using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Data;

namespace Talus.Web.Features.FollowUp;

/// <summary>Where a follow-up visit stands. Upcoming until its window opens, Open inside it, then Completed or Missed;
/// LostToFollowUp when staff (or the escalation) give up on it.</summary>
public enum FollowUpStatus { Upcoming, Open, Completed, Missed, LostToFollowUp }

/// <summary>Why a patient was lost to follow-up, when known.</summary>
public enum LostReason { Unknown, Unreachable, Declined, Moved, HadSurgery, TreatedElsewhere, Deceased, Other }

/// <summary>
/// One program visit after an index procedure (SPEC §4.2): its target date and window (inclusive), the questionnaires
/// and imaging due, and how the invitation, reminders and calls went. Created when the procedure is recorded.
/// </summary>
public sealed class FollowUpVisit : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    /// <summary>The index procedure the days are counted from.</summary>
    public Guid ProcedureId { get; set; }
    /// <summary>The procedure's location: completion rates are reported per location.</summary>
    public int LocationId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public ProgramVisit Visit { get; set; }
    public DateOnly IndexDate { get; set; }
    public DateOnly TargetDate { get; set; }
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    /// <summary>The instruments due, comma-separated in form order (e.g. "NrsPain,Faos,FaamAdl").</summary>
    public required string Questionnaires { get; set; }
    /// <summary>Weight-bearing radiographs (or optional MRI) due at this visit (SPEC §4.2, §4.3).</summary>
    public bool ImagingDue { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime? CompletedAt { get; set; }
    public LostReason? LostReason { get; set; }
    public string? LostNote { get; set; }
    public DateTime? LostAt { get; set; }
    public string? LostRecordedBy { get; set; }
    /// <summary>When the invitation email was queued (null = not yet invited).</summary>
    public DateTime? InvitedAt { get; set; }
    public int RemindersSent { get; set; }
    public DateTime? LastReminderAt { get; set; }
    /// <summary>Staff calls made for this visit (the call list), the last one and its note.</summary>
    public int CallAttempts { get; set; }
    public DateTime? LastCallAt { get; set; }
    public string? LastCallNote { get; set; }

    public IReadOnlyList<InstrumentId> Instruments() =>
        [.. Questionnaires.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<InstrumentId>)];
}

/// <summary>
/// One subscale score of one submitted questionnaire, unrounded, as a row the registry can query in SQL on both
/// databases (the response keeps its JSON too). Written in the same save as the submission, on every path.
/// </summary>
public sealed class ScoreRow : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid ResponseId { get; set; }
    public Guid PatientId { get; set; }
    public InstrumentId Instrument { get; set; }
    /// <summary>The subscale key of the instrument definition (e.g. "Pain", "ADL"; single-value measures use their own key).</summary>
    public required string Subscale { get; set; }
    /// <summary>Unrounded (SPEC §0); double so that SQLite and PostgreSQL compare and average it alike.</summary>
    public double Score { get; set; }
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    /// <summary>The follow-up visit answered (null = baseline or unscheduled).</summary>
    public Guid? FollowUpVisitId { get; set; }
    /// <summary>The visit's program time point, copied so registry queries need no join.</summary>
    public ProgramVisit? Visit { get; set; }
    /// <summary>The index procedure (null when none precedes the answer).</summary>
    public Guid? ProcedureId { get; set; }
    /// <summary>Days from the index procedure to the answer (null when none).</summary>
    public int? DaysFromIndex { get; set; }
    /// <summary>For a visit's answer: whether it fell inside the visit window (kept either way; SPEC §4.2).</summary>
    public bool? InWindow { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateTime SubmittedAt { get; set; }
}

public static class FollowUpModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<FollowUpVisit>(e =>
        {
            e.HasIndex(v => new { v.ProcedureId, v.Visit }).IsUnique();
            e.HasIndex(v => new { v.PatientId, v.Joint, v.Side });
            e.HasIndex(v => new { v.Status, v.WindowEnd });
            e.HasIndex(v => new { v.LocationId, v.Visit, v.Status });
            // The registry's intention-to-treat denominator (visits due per time point) read from the index alone.
            e.HasIndex(v => new { v.Visit, v.WindowEnd, v.Status, v.ProcedureId });
            e.HasOne<Procedure.ProcedureRecord>().WithMany().HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            e.Property(v => v.LostNote).HasMaxLength(1000);
            e.Property(v => v.LastCallNote).HasMaxLength(1000);
        });
        b.Entity<ScoreRow>(e =>
        {
            e.HasIndex(s => new { s.ResponseId, s.Subscale }).IsUnique();
            e.HasIndex(s => new { s.PatientId, s.Joint, s.Side, s.Instrument, s.Subscale, s.CompletedOn });
            e.HasIndex(s => new { s.Instrument, s.Subscale, s.Visit });
            // The registry pivots follow-up scores per procedure and visit from the index alone (RegistrySql).
            e.HasIndex(s => new { s.ProcedureId, s.Visit, s.Instrument, s.Subscale, s.Score, s.CompletedOn });
            // The registry's baselines: answers not tied to a visit, latest first per measure, from the index alone.
            e.HasIndex(s => new { s.PatientId, s.Instrument, s.Subscale, s.CompletedOn, s.SubmittedAt, s.Score, s.Joint, s.Side })
                .HasFilter("\"FollowUpVisitId\" IS NULL AND \"Visit\" IS NULL").HasDatabaseName("IX_ScoreRows_Baseline");
            e.HasIndex(s => s.FollowUpVisitId);
            e.Property(s => s.Subscale).HasMaxLength(40);
            e.HasOne<QuestionnaireResponse>().WithMany().HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
