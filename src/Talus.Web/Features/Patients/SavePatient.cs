using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;

namespace Talus.Web.Features.Patients;

/// <summary>Registers a new patient or corrects an existing one (refusing an edit made on a stale copy).</summary>
public static class SavePatient
{
    public static async Task<Patient> RegisterAsync(PatientInput input, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
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

    /// <returns>null when the patient does not exist.</returns>
    public static async Task<Patient?> UpdateAsync(Guid patientId, PatientInput input, Guid? expectedVersion, ClinicDb db, CancellationToken ct)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null)
        {
            return null;
        }
        if (expectedVersion is { } v)
        {
            db.Entry(patient).Property(p => p.Version).OriginalValue = v;
        }
        input.ApplyTo(patient);
        patient.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return patient;
    }
}
