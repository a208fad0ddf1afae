using Talus.Web.Features.Auth;
using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Patients;
using Talus.Web.Shared;

namespace Talus.Web.Features.Recall;

/// <summary>Product recall (PRODUCT capability 9): who received a lot or donor, and what a patient received. Clinicians and administrators.</summary>
public static class RecallEndpoints
{
    public static void MapRecallEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/recall").WithTags("Recall")
            .RequireAuthorization(Policies.ProductRecall);

        group.MapGet("/recipients", async (string? lot, string? donor, HttpContext ctx, ClaimsPrincipal user, PatientAccess access, ClinicDb db, CancellationToken ct) =>
                (await FindRecipients.RunAsync(new RecallQuery { Lot = lot, Donor = donor }, user, access, db, ct)).ToHttp(answer =>
                {
                    PatientsShown.Record(ctx, answer.Recipients.Select(r => r.PatientId));
                    return TypedResults.Ok(answer);
                }))
            .PatientData("Recall", AuditAction.Search)
            .WithSummary("Which patients received a lot (or a donor's tissue), with phone, email and preferred language to reach them.")
            .WithDescription("Give `lot`, `donor` or both (exact match, ignoring case and surrounding spaces; 400 when neither). One row per procedure. " +
                "Scoped: administrators see every location; clinicians see procedures at their own locations on patients they may see, and " +
                "`outsideYourLocations` counts the matching procedures they may not see. Every patient returned is audited as a patient-data read.");

        group.MapGet("/patients/{patientId:guid}/products", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await ReceivedProducts.RunAsync(patientId, db, ct)))
            .PatientData("Recall")
            .WithSummary("Which products, lots and donors a patient received: every procedure, newest first.")
            .WithDescription("`lot`, `donorId` and `expiry` are set for products received from outside the practice; null for the patient's own cells prepared on the day.");
    }
}
