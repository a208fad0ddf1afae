using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Outcomes;

/// <summary>What kind of operation the joint had.</summary>
public enum SurgeryKind { Arthrodesis, Arthroplasty, ArthroscopicDebridement, Osteotomy, Cheilectomy, Other }

/// <summary>
/// A conversion to surgery of a treated joint, done here or elsewhere: the event of the registry's "time to surgery"
/// survival curve. Added by a podiatrist, never overwritten.
/// </summary>
public sealed class SurgeryRecord : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public DateOnly PerformedOn { get; set; }
    public SurgeryKind Kind { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }

    public static void Configure(ModelBuilder b) =>
        b.Entity<SurgeryRecord>().HasIndex(s => new { s.PatientId, s.Joint, s.Side, s.PerformedOn });
}

public sealed class SurgeryInput
{
    [Required, Display(Name = "Joint")] public Joint? Joint { get; set; }
    [Required, Display(Name = "Side")] public Side? Side { get; set; }
    [Required, Display(Name = "Date of surgery")] public DateOnly? PerformedOn { get; set; }
    [Required, Display(Name = "Operation")] public SurgeryKind? Kind { get; set; }
}

/// <summary>Records that a patient's joint was operated on (clinician only; the write is audited by the save interceptor).</summary>
public static class RecordSurgery
{
    public static async Task<Outcome<SurgeryRecord>> RunAsync(Guid patientId, SurgeryInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.BirthDate }).FirstOrDefaultAsync(ct);
        if (patient is null)
        {
            return Outcome.NotFound();
        }
        if (input.PerformedOn > PracticeClock.Today(clock) || input.PerformedOn < patient.BirthDate)
        {
            return Outcome.Invalid("performedOn", "The date of surgery is between the patient's birth and today.");
        }
        var record = new SurgeryRecord
        {
            PatientId = patientId, Joint = input.Joint!.Value, Side = input.Side!.Value, PerformedOn = input.PerformedOn!.Value, Kind = input.Kind!.Value,
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        };
        db.Surgeries.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }
}
