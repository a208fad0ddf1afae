using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Patients;

public static class PatientEndpoints
{
    // The busiest read of the API: compiled once, only the columns it answers with.
    private static readonly Func<ClinicDb, Guid, CancellationToken, Task<PatientSummary?>> ReadOne =
        EF.CompileAsyncQuery((ClinicDb db, Guid id, CancellationToken _) => db.Patients.Where(p => p.Id == id)
            .Select(p => new PatientSummary(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex,
                p.Phone, p.Email, p.PreferredLanguage, p.PreferredLocationId, p.Version))
            .FirstOrDefault());

    public static void MapPatientEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/patients").WithTags("Patients")
            .RequireAuthorization(Auth.Policies.ChartRead);

        // One Search entry naming the patients shown (PatientsShown), as the FHIR search does.
        group.MapGet("/", async (string? q, int? take, HttpContext ctx, ClaimsPrincipal user, PatientAccess access, CancellationToken ct) =>
                TypedResults.Ok(PatientsShown.Record(ctx, await SearchPatients.RunAsync(q, user, access, Math.Clamp(take ?? 20, 1, 100), ct), r => r.Id)))
            .PatientData("Patient", AuditAction.Search)
            .WithSummary("Search patients by name, birth date (YYYY-MM-DD) or MRN, among those the user may see.");

        group.MapPost("/", async (PatientInput input, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SavePatient.RegisterAsync(input, db, clock, ct)).ToHttp(p => TypedResults.Created($"/api/patients/{p.Id}", PatientSummary.From(p))))
            .Produces<PatientSummary>(StatusCodes.Status201Created).ProducesValidationProblem()
            .PatientData("Patient")
            .WithSummary("Register a patient.");

        group.MapGet("/{patientId:guid}", async Task<Results<Ok<PatientSummary>, NotFound>> (Guid patientId, ClinicDb db, CancellationToken ct) =>
                await ReadOne(db, patientId, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound())
            .PatientData("Patient")
            .WithSummary("Read one patient.");

        group.MapPut("/{patientId:guid}", async (Guid patientId, PatientInput input, Guid? version, ClinicDb db, CancellationToken ct) =>
                (await SavePatient.UpdateAsync(patientId, input, version, db, ct)).ToHttp(p => TypedResults.Ok(PatientSummary.From(p))))
            .Produces<PatientSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .PatientData("Patient")
            .WithSummary("Correct a patient's details. Pass ?version= from the last read to refuse an edit on a stale copy (409).");
    }
}
