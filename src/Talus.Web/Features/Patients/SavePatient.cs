using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Patients;

/// <summary>
/// Registers a new patient or corrects an existing one (refusing an edit made on a stale copy). Checks its own input:
/// the page and the API only call it.
/// </summary>
public static class SavePatient
{
    /// <summary>The field errors of a patient's details, or null (annotations, choices, dates, a known location).</summary>
    private static async Task<Failure?> CheckAsync(PatientInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        return input.PreferredLocationId is { } loc && !await db.Locations.AnyAsync(l => l.Id == loc, ct)
            ? Outcome.Invalid("preferredLocationId", "No such location.")
            : null;
    }

    public static async Task<Outcome<Patient>> RegisterAsync(PatientInput input, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await CheckAsync(input, db, ct) is { } invalid)
        {
            return invalid;
        }
        for (var attempt = 0; ; attempt++)
        {
            var patient = new Patient
            {
                Mrn = "T" + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                GivenName = "", FamilyName = "", CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            input.ApplyTo(patient);
            db.Patients.Add(patient);
            try
            {
                await db.SaveChangesAsync(ct);
                return patient;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // An MRN collision: draw another number.
                db.ChangeTracker.Clear();
            }
        }
    }

    public static async Task<Outcome<Patient>> UpdateAsync(Guid patientId, PatientInput input, Guid? expectedVersion, ClinicDb db, CancellationToken ct)
    {
        if (await CheckAsync(input, db, ct) is { } invalid)
        {
            return invalid;
        }
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return Outcome.NotFound("No such patient.");
        }
        if (expectedVersion is { } v)
        {
            db.Entry(patient).Property(p => p.Version).OriginalValue = v;
        }
        input.ApplyTo(patient);
        patient.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Conflict("This patient was changed by someone else after you opened it. Reload it and apply your change again.");
        }
        return patient;
    }
}
