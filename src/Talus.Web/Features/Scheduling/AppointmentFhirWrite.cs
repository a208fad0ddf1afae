using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Clinical.FollowUp;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Scheduling;

/// <summary>
/// FHIR Appointment create = booking: the resource becomes a <see cref="BookInput"/> and goes through
/// <see cref="BookAppointment.RunAsync"/> with the REST API's options, so the same gates apply (the procedure gate,
/// washouts, double booking: 409 with the reasons), and a procedure books its protocol follow-ups as one series.
/// </summary>
public static class AppointmentFhirWrite
{
    public static readonly FhirCreatable Create = new("Appointment", Auth.Policies.ScheduleDesk, CreateAsync, Expression);

    /// <summary>
    /// What a FHIR Appointment asks for: the type (appointmentType code), start, the patient, location and practitioner
    /// participants, and the comment. Status must be proposed, pending or booked (what is created is booked).
    /// </summary>
    public static Outcome<(ResourceReference? Patient, BookInput Input)> ToInput(this Hl7.Fhir.Model.Appointment a)
    {
        if (a.Status is not (null or Hl7.Fhir.Model.Appointment.AppointmentStatus.Proposed or Hl7.Fhir.Model.Appointment.AppointmentStatus.Pending
            or Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked))
        {
            return Outcome.Invalid("status", "A new appointment is proposed, pending or booked.");
        }
        var actors = a.Participant.Select(p => p.Actor?.Reference ?? "").ToList();
        int? IdOf(string type, string field, FieldErrors errors)
        {
            var refs = actors.Where(r => r.StartsWith(type + "/", StringComparison.Ordinal)).ToList();
            if (refs.Count == 0)
            {
                return null;
            }
            if (refs.Count > 1 || !int.TryParse(refs[0][(type.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                errors.Add(field, $"Name one {type} as {type}/{{id}}.");
                return null;
            }
            return id;
        }
        var errors = new FieldErrors();
        var location = IdOf("Location", "locationId", errors);
        var provider = IdOf("Practitioner", "providerId", errors);
        var patients = a.Participant.Where(p => p.Actor?.Reference?.StartsWith("Patient/", StringComparison.Ordinal) == true).ToList();
        if (patients.Count != 1)
        {
            errors.Add("patient", "Name the patient as one participant Patient/{id}.");
        }
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        return (patients[0].Actor, new BookInput
        {
            Type = a.AppointmentType?.Coding.FirstOrDefault(c => c.Code is not null)?.Code ?? "",
            LocationId = location ?? 0,
            Start = a.Start,
            ProviderId = provider,
            Note = a.Comment,
        });
    }

    private static string Expression(string field) => field switch
    {
        "type" => "Appointment.appointmentType",
        "start" => "Appointment.start",
        "locationId" => "Appointment.participant.actor.where(reference.startsWith('Location/'))",
        "providerId" => "Appointment.participant.actor.where(reference.startsWith('Practitioner/'))",
        "patient" => "Appointment.participant.actor.where(reference.startsWith('Patient/'))",
        "note" => "Appointment.comment",
        "status" => "Appointment.status",
        _ => "Appointment",
    };

    private static async Task<Outcome<FhirFound>> CreateAsync(FhirWrite write, Resource resource)
    {
        var asked = ((Hl7.Fhir.Model.Appointment)resource).ToInput();
        if (!asked.IsOk)
        {
            return asked.Failure!;
        }
        var (reference, input) = asked.Value;
        var patient = await write.PatientAsync(reference, "patient");
        if (!patient.IsOk)
        {
            return patient.Failure!;
        }
        var settings = write.Settings;
        var clock = write.Clock;
        var booked = await BookAppointment.RunAsync(patient.Value, input,
            new(clock.GetUtcNow().UtcDateTime, Protocol: await settings.GetAsync<FollowUpSettings>(write.Ct), Settings: settings),
            write.Db, clock, write.Service<IStringLocalizer<PatientText>>(), write.Ct);
        if (!booked.IsOk)
        {
            return booked.Failure!;
        }
        var main = booked.Value!.Appointments[0];
        var type = await write.Db.AppointmentTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == main.TypeId, write.Ct);
        return new FhirFound(main.ToFhir(type, write.Systems), main.PatientId);
    }
}
