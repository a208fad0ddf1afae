using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Patients;

public static class PatientEndpoints
{
    public static void MapPatientEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/patients").WithTags("Patients")
            .RequireAuthorization(Auth.Policies.ChartRead);

        group.MapGet("/", async (string? q, int? take, ClaimsPrincipal user, PatientAccess access, CancellationToken ct) =>
                TypedResults.Ok(await SearchPatients.RunAsync(q, user, access, Math.Clamp(take ?? 20, 1, 100), ct)))
            .PatientData("Patient", AuditAction.Search)
            .WithSummary("Search patients by name, birth date (YYYY-MM-DD) or MRN, among those the user may see.");

        group.MapPost("/", async Task<Results<Created<PatientSummary>, ValidationProblem>> (PatientInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
            {
                if (input.PreferredLocationId is { } loc && !await db.Locations.AnyAsync(l => l.Id == loc, ct))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["preferredLocationId"] = ["No such location."] });
                }
                var patient = await SavePatient.RegisterAsync(input, db, clock, ct);
                return TypedResults.Created($"/api/patients/{patient.Id}", PatientSummary.From(patient));
            })
            .PatientData("Patient")
            .WithSummary("Register a patient.");

        group.MapGet("/{patientId:guid}", async Task<Results<Ok<PatientSummary>, NotFound>> (Guid patientId, ClinicDb db, CancellationToken ct) =>
                await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct) is { } p
                    ? TypedResults.Ok(PatientSummary.From(p))
                    : TypedResults.NotFound())
            .PatientData("Patient")
            .WithSummary("Read one patient.");

        group.MapPut("/{patientId:guid}", async Task<Results<Ok<PatientSummary>, NotFound, ValidationProblem>> (
                Guid patientId, PatientInput input, Guid? version, ClinicDb db, CancellationToken ct) =>
            {
                if (input.PreferredLocationId is { } loc && !await db.Locations.AnyAsync(l => l.Id == loc, ct))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["preferredLocationId"] = ["No such location."] });
                }
                return await SavePatient.UpdateAsync(patientId, input, version, db, ct) is { } p
                    ? TypedResults.Ok(PatientSummary.From(p))
                    : TypedResults.NotFound();
            })
            .PatientData("Patient")
            .WithSummary("Correct a patient's details. Pass ?version= from the last read to refuse an edit on a stale copy (409).");
    }
}
