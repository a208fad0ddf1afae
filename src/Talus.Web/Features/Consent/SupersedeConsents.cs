using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Consent;

/// <summary>
/// Re-consent when anything the patient agreed to changes (PRODUCT capability 8): the plan (and with it the product)
/// or the estimate. Signed and waiting packets become Superseded (a waiting one follows a new estimate instead); the signed
/// documents themselves stay unchanged.
/// Adds the changes to the context; the caller saves them together with its own change.
/// </summary>
public static class SupersedeConsents
{
    public static async Task<int> ForPlanChangeAsync(Guid patientId, Joint joint, Side side, int newPlanVersion, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var open = await db.ConsentPackets
            .Where(c => c.PatientId == patientId && c.Joint == joint && c.Side == side && c.Status != ConsentStatus.Superseded)
            .ToListAsync(ct);
        Mark(open, $"The treatment plan changed (now version {newPlanVersion}): consent must be given again.", clock);
        return open.Count;
    }

    /// <summary>
    /// For the estimate module: a new or re-issued estimate supersedes consents signed with another (or no) estimate, so the
    /// patient consents again. A consent still waiting for its signature is bound to the new estimate instead: the patient has
    /// not agreed to anything yet, and keeps a consent to read and sign.
    /// </summary>
    public static async Task<int> ForEstimateChangeAsync(Guid patientId, Guid estimateId, int estimateVersion, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var open = await db.ConsentPackets
            .Where(c => c.PatientId == patientId && c.Status != ConsentStatus.Superseded
                && (c.EstimateId != estimateId || c.EstimateVersion != estimateVersion))
            .ToListAsync(ct);
        foreach (var waiting in open.Where(c => c.Status == ConsentStatus.AwaitingSignature))
        {
            waiting.EstimateId = estimateId;
            waiting.EstimateVersion = estimateVersion;
        }
        var signed = open.Where(c => c.Status == ConsentStatus.Signed).ToList();
        Mark(signed, $"The cost estimate changed (estimate version {estimateVersion}): consent must be given again.", clock);
        return signed.Count;
    }

    private static void Mark(List<ConsentPacket> packets, string reason, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var p in packets)
        {
            p.Status = ConsentStatus.Superseded;
            p.SupersededAt = now;
            p.SupersededReason = reason;
        }
    }
}
