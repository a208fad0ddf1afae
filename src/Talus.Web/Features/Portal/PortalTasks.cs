using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Intake;

namespace Talus.Web.Features.Portal;

/// <summary>
/// "What to do now" on the patient's portal home: one short line and a link per thing the patient can do today,
/// in the order of the program. A feature that asks something of the patient adds its line in <see cref="ForAsync"/>.
/// </summary>
public static class PortalTasks
{
    public sealed record PortalTask(string Text, string Href);

    public static async Task<List<PortalTask>> ForAsync(Guid patientId, ClinicDb db, IStringLocalizer<PatientText> t, CancellationToken ct)
    {
        var tasks = new List<PortalTask>();
        // Intake and baseline questionnaires (Features/Intake).
        if (await ReadIntakes.LatestSubmittedAsync(patientId, db, ct) is null)
        {
            tasks.Add(new(t["Todo_Intake"], "/portal/intake"));
        }
        var done = await db.QuestionnaireResponses.AsNoTracking()
            .Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline && q.Status == RecordStatus.Submitted)
            .Select(q => q.Instrument).Distinct().ToListAsync(ct);
        foreach (var instrument in Questionnaires.Baseline.Where(i => !done.Contains(i)))
        {
            tasks.Add(new(t["Todo_Questionnaire", t["Q_Name_" + instrument]], $"/portal/questionnaires/{instrument}"));
        }
        // Consents waiting for a signature (Features/Consent).
        var toSign = await db.ConsentPackets.AsNoTracking().Where(c => c.PatientId == patientId && c.Status == ConsentStatus.AwaitingSignature)
            .Select(c => c.Id).ToListAsync(ct);
        tasks.AddRange(toSign.Select(id => new PortalTask(t["Todo_Consent"], $"/portal/consents/{id}")));
        return tasks;
    }
}
