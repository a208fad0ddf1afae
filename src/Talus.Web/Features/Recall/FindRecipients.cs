using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;
using Talus.Web.Shared;

namespace Talus.Web.Features.Recall;

/// <summary>A lot or donor to trace (PRODUCT capability 9); at least one is given. Matching is exact, ignoring case and surrounding spaces.</summary>
public sealed record RecallQuery
{
    [StringLength(100)]
    public string? Lot { get; init; }

    [StringLength(100)]
    public string? Donor { get; init; }
}

/// <summary>One procedure in which the patient received the product, with how to reach the patient.</summary>
public sealed record Recipient(Guid PatientId, string Mrn, string GivenName, string FamilyName, DateOnly BirthDate,
    string? Phone, string? Email, string PreferredLanguage, Guid ProcedureId, DateOnly PerformedOn, int LocationId, string LocationName,
    Joint Joint, Side Side, InjectionProduct Product, string? Lot, string? DonorId, DateOnly? Expiry);

/// <summary>
/// Who received the lot or donor asked about, among the procedures the caller may see; <c>OutsideYourLocations</c>
/// counts matching procedures the caller may not see (an administrator sees them), so a recall is never silently partial.
/// </summary>
public sealed record RecallAnswer(string? Lot, string? Donor, IReadOnlyList<Recipient> Recipients, int PatientCount, int OutsideYourLocations);

/// <summary>
/// Which patients received lot X (or a donor's tissue): answered from the procedure records' outside-product lot and
/// donor fields. Scope: Admin sees every location; other staff see procedures performed at their locations on patients
/// they may see. The caller audits each patient returned (see <see cref="Audit.PatientsShown"/>).
/// </summary>
public static class FindRecipients
{
    public const int MaxRows = 2000;

    public static async Task<Outcome<RecallAnswer>> RunAsync(RecallQuery query, ClaimsPrincipal user, PatientAccess access, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(query) is { } invalid)
        {
            return invalid;
        }

        var lot = Normalize(query.Lot);
        var donor = Normalize(query.Donor);
        if (lot is null && donor is null)
        {
            return Outcome.Invalid("lot", "Enter a lot number or a donor id.");
        }

        var matching = db.Procedures.AsNoTracking().Where(p =>
            (lot == null || (p.ExternalLot != null && p.ExternalLot.Trim().ToUpper() == lot))
            && (donor == null || (p.ExternalDonorId != null && p.ExternalDonorId.Trim().ToUpper() == donor)));

        var visible = access.Visible(user);
        var admin = user.IsInRole(Roles.Admin);
        var locations = TalusClaims.Locations(user);
        var inScope = matching.Where(p => (admin || locations.Contains(p.LocationId)) && visible.Any(v => v.Id == p.PatientId));

        var rows = await (from p in inScope
                          join patient in db.Patients on p.PatientId equals patient.Id
                          join location in db.Locations on p.LocationId equals location.Id
                          orderby patient.FamilyNameKey, patient.GivenNameKey, p.PerformedOn
                          select new Recipient(patient.Id, patient.Mrn, patient.GivenName, patient.FamilyName, patient.BirthDate,
                              patient.Phone, patient.Email, patient.PreferredLanguage, p.Id, p.PerformedOn, p.LocationId, location.Name,
                              p.Joint, p.Side, p.Product, p.ExternalLot, p.ExternalDonorId, p.ExternalExpiry))
            .Take(MaxRows).ToListAsync(ct);
        var total = await matching.CountAsync(ct);
        var shown = await inScope.CountAsync(ct);

        return new RecallAnswer(lot, donor, rows, rows.Select(r => r.PatientId).Distinct().Count(), total - shown);
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();
}

/// <summary>One product a patient received: lot, donor and expiry when it came from outside the practice.</summary>
public sealed record ReceivedProduct(Guid ProcedureId, DateOnly PerformedOn, int LocationId, string LocationName, Joint Joint, Side Side,
    InjectionProduct Product, TissueSource Source, string? ProcessingSystem, string? Lot, string? DonorId, DateOnly? Expiry);

/// <summary>Which lots and donors a patient received: every procedure of the patient, newest first (the route's patient is access-checked and audited by the middleware).</summary>
public static class ReceivedProducts
{
    public static async Task<List<ReceivedProduct>> RunAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        await (from p in db.Procedures.AsNoTracking()
               join location in db.Locations on p.LocationId equals location.Id
               where p.PatientId == patientId
               orderby p.PerformedOn descending, p.RecordedAt descending
               select new ReceivedProduct(p.Id, p.PerformedOn, p.LocationId, location.Name, p.Joint, p.Side, p.Product, p.Source,
                   p.ProcessingSystem, p.ExternalLot, p.ExternalDonorId, p.ExternalExpiry))
            .ToListAsync(ct);
}
