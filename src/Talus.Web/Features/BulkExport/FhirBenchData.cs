using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Evaluation;

namespace Talus.Web.Features.BulkExport;

/// <summary>
/// Synthetic laboratory panels for the FHIR benchmark (bench/load/fhir.sh): <c>--seed-lab-panels N</c> gives every
/// patient without a laboratory result N dated pre-procedure panels (SPEC §2.5, ten tests each), so 1,000 seeded
/// patients carry about 20,000 Observations with N = 2, the data shape of PERFORMANCE.md's comparison.
/// </summary>
public static class FhirBenchData
{
    public static async Task AddLabPanelsAsync(ClinicDb db, TimeProvider clock, int panels, CancellationToken ct)
    {
        var random = new Random(panels);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var withoutLabs = await db.Patients.Where(p => !db.LabResults.Any(l => l.PatientId == p.Id)).Select(p => p.Id).ToListAsync(ct);
        foreach (var chunk in withoutLabs.Chunk(200))
        {
            foreach (var patientId in chunk)
            {
                for (var panel = 0; panel < panels; panel++)
                {
                    var on = today.AddDays(-random.Next(1, 700));
                    foreach (var test in LabPanel.Tests)
                    {
                        var low = test.ReferenceLow ?? 0m;
                        var high = test.ReferenceHigh ?? low + 10m;
                        db.LabResults.Add(new LabResult
                        {
                            PatientId = patientId, Loinc = test.Loinc, Name = test.Name, Unit = test.Unit,
                            Value = Math.Round(low + (high - low) * (decimal)random.NextDouble(), 1),
                            ReferenceLow = test.ReferenceLow, ReferenceHigh = test.ReferenceHigh, CollectedOn = on, RecordedAt = now,
                        });
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
