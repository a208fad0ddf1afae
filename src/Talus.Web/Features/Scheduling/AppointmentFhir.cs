using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Scheduling;

/// <summary>Appointments as FHIR R4 Appointment (SPEC §8.5): instants in UTC, created (the GFE trigger), type, patient, provider, location.</summary>
public static class AppointmentFhir
{
    public static readonly FhirType Type = new("Appointment", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("date", SearchParamType.Date, "Start, with prefixes (dates without a zone are UTC)."),
            new("status", SearchParamType.Token, "booked | arrived | fulfilled | noshow | cancelled."),
        ],
        ReadAsync, SearchAsync);

    public static Hl7.Fhir.Model.Appointment.AppointmentStatus StatusOf(AppointmentStatus s) => s switch
    {
        AppointmentStatus.CheckedIn => Hl7.Fhir.Model.Appointment.AppointmentStatus.Arrived,
        AppointmentStatus.Completed => Hl7.Fhir.Model.Appointment.AppointmentStatus.Fulfilled,
        AppointmentStatus.NoShow => Hl7.Fhir.Model.Appointment.AppointmentStatus.Noshow,
        AppointmentStatus.Cancelled => Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled,
        _ => Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
    };

    public static Hl7.Fhir.Model.Appointment ToFhir(this Appointment a, AppointmentType? type, FhirSystems systems)
    {
        var accepted = ParticipationStatus.Accepted;
        var fhir = new Hl7.Fhir.Model.Appointment
        {
            Id = a.Id.ToString(),
            Status = StatusOf(a.Status),
            Start = new DateTimeOffset(DateTime.SpecifyKind(a.Start, DateTimeKind.Utc)),
            End = new DateTimeOffset(DateTime.SpecifyKind(a.End, DateTimeKind.Utc)),
            Created = new DateTimeOffset(DateTime.SpecifyKind(a.CreatedAt, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            AppointmentType = type is null ? null : new CodeableConcept(systems.CodeSystem("appointment-type"), type.Code, type.Name),
            CancelationReason = a.CancelReason is { Length: > 0 } reason ? new CodeableConcept { Text = reason } : null,
            Participant = [new Hl7.Fhir.Model.Appointment.ParticipantComponent { Actor = new ResourceReference($"Patient/{a.PatientId}"), Status = accepted }],
        };
        if (a.ProviderId is { } provider)
        {
            fhir.Participant.Add(new() { Actor = new ResourceReference($"Practitioner/{provider}"), Status = accepted });
        }
        fhir.Participant.Add(new() { Actor = new ResourceReference($"Location/{a.LocationId}"), Status = accepted });
        return fhir;
    }

    private static Task<FhirFound?> ReadAsync(FhirRequest request, string id) =>
        request.FindAsync(request.Db.Appointments.AsNoTracking().Include(a => a.Type), id, a => a.ToFhir(a.Type, request.Systems));

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(request.Db.Appointments.AsNoTracking().Include(a => a.Type), query);
        if (query.Tokens("status") is { } statuses)
        {
            var wanted = Enum.GetValues<AppointmentStatus>()
                .Where(s => statuses.Any(t => t.Code == Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s)))).ToList();
            rows = rows.Where(a => wanted.Contains(a.Status));
        }
        rows = query.WhereInstants(rows, "date", a => a.Start);
        return await request.PageAsync(rows, query, a => a.Start, a => a.ToFhir(a.Type, request.Systems));
    }
}
