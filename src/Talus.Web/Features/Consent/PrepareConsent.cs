using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;
using PlanText = Talus.Web.Features.Plan.PlanText;
using TreatmentPlan = Talus.Web.Features.Plan.TreatmentPlan;

namespace Talus.Web.Features.Consent;

public sealed class PrepareConsentInput
{
    /// <summary>The current plan version to consent to.</summary>
    [Required] public Guid? PlanId { get; set; }
}

/// <summary>
/// Prepares a consent packet for the current plan version: classifies the product (SPEC §6.3), takes the active
/// template, includes the §684 notice for cell products (§6.4) and the research elements for RESEARCH_ONLY (§9.2),
/// fills in the product and joint, and binds the decision aid and estimate the patient saw.
/// </summary>
public static class PrepareConsent
{
    public static async Task<Outcome<ConsentPacket>> RunAsync(Guid patientId, PrepareConsentInput input, string? by, ClinicDb db, PracticeSettings settings,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var plan = await db.TreatmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId && p.PatientId == patientId, ct);
        if (plan is null)
        {
            return Outcome.Invalid("planId", "No treatment plan with this id for this patient.");
        }
        if (!plan.IsCurrent)
        {
            return Outcome.Invalid("planId", $"Plan version {plan.Version} has been replaced; prepare consent for the current version.");
        }
        if (plan.Product is not { } product)
        {
            return Outcome.Invalid("planId", "This plan has no injection, so it needs no procedure consent.");
        }

        var existing = await db.ConsentPackets.AsNoTracking()
            .FirstOrDefaultAsync(c => c.PlanId == plan.Id && c.Status != ConsentStatus.Superseded, ct);
        if (existing is not null)
        {
            return existing;
        }

        var classification = ProductClassification.Classify(ProductOf(plan), await settings.GetAsync<RegulationSettings>(ct));
        if (classification.Flag == RegulatoryFlag.Red)
        {
            return Outcome.Refused(
                $"{PlanText.Product(product)} is RED: it may not be offered here, so no consent is prepared. " +
                string.Join(" ", classification.Reasons.Where(r => r.Code.StartsWith("REG", StringComparison.Ordinal)).Select(r => r.ClinicianText)),
                classification.Reasons);
        }

        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, ct);
        // SPEC §9.1 IC-17: the consent in the language the patient reads; English (with a note on the page) when the
        // practice has no active version in it.
        var actives = await db.ConsentTemplates.AsNoTracking().Where(t => t.Status == TemplateStatus.Active).OrderByDescending(t => t.Version).ToListAsync(ct);
        var template = actives.FirstOrDefault(t => t.Language == patient.PreferredLanguage) ?? actives.FirstOrDefault(t => t.Language == "en");
        if (template is null)
        {
            return Outcome.Refused("No consent template is active. An administrator activates one under Administration → Consent templates.");
        }

        var allogeneic = plan.Source == TissueSource.Allogeneic || product == InjectionProduct.AllogeneicPerinatal;
        var sections = (JsonSerializer.Deserialize<ConsentSectionText[]>(template.SectionsJson) ?? [])
            .Where(s => s.Kind switch
            {
                SectionKind.CaliforniaNotice => classification.CaliforniaNotice != CaliforniaNotice.NotApplicable,
                SectionKind.Research => classification.ResearchConsentRequired,
                SectionKind.Allogeneic => allogeneic,
                _ => true,
            })
            .Select(s => s with { Text = Fill(s.Text, plan, product, template.Language) })
            .ToArray();

        // The consent binds the estimate the patient saw: the latest one presented, else the one the latest Good Faith Estimate was
        // issued from (presenting or issuing a newer one supersedes the packet).
        var estimate = await db.Estimates.AsNoTracking()
                .Where(e => e.PatientId == patientId && (e.Status == Billing.EstimateStatus.Presented || e.Status == Billing.EstimateStatus.Accepted))
                .OrderByDescending(e => e.PresentedAt).ThenByDescending(e => e.CreatedAt).Select(e => new { EstimateId = e.Id, EstimateVersion = e.Version }).FirstOrDefaultAsync(ct)
            ?? await db.GoodFaithEstimates.AsNoTracking().Where(g => g.PatientId == patientId).OrderByDescending(g => g.IssuedAt)
                .Select(g => new { g.EstimateId, g.EstimateVersion }).FirstOrDefaultAsync(ct);
        var packet = new ConsentPacket
        {
            PatientId = patientId, Joint = plan.Joint, Side = plan.Side, PlanId = plan.Id, PlanVersion = plan.Version,
            Product = product, Source = plan.Source, IndNumber = plan.IndNumber,
            TemplateId = template.Id, TemplateVersion = template.Version, Language = template.Language,
            DecisionAidRecordId = plan.DecisionAidRecordId, DecisionAidContentVersion = plan.DecisionAidContentVersion,
            EstimateId = estimate?.EstimateId, EstimateVersion = estimate?.EstimateVersion,
            Flag = classification.Flag, CaliforniaNotice = classification.CaliforniaNotice, ResearchConsent = classification.ResearchConsentRequired,
            SectionsJson = JsonSerializer.Serialize(sections), LocationId = patient.PreferredLocationId,
            Status = ConsentStatus.AwaitingSignature, PreparedAt = clock.GetUtcNow().UtcDateTime, PreparedBy = by,
        };
        db.ConsentPackets.Add(packet);
        await db.SaveChangesAsync(ct);
        return packet;
    }

    /// <summary>The product as planned: the patient's own tissue is taken and injected in the same procedure.</summary>
    public static BiologicProduct ProductOf(TreatmentPlan plan) => new()
    {
        Type = plan.Product!.Value,
        Source = plan.Product == InjectionProduct.AllogeneicPerinatal ? TissueSource.Allogeneic : plan.Source,
        SameDay = true,
        SameProcedure = true,
        IndNumber = plan.IndNumber,
    };

    /// <summary>The packet's blanks in the template's language (the patient's words for products and joints in Spanish).</summary>
    private static string Fill(string text, TreatmentPlan plan, InjectionProduct product, string language) => language == "es"
        ? PatientText.In("es", _ => text
            .Replace("{product}", PatientText.Say($"Product_{product}"), StringComparison.Ordinal)
            .Replace("{source}", PatientText.Say(plan.Source == TissueSource.Autologous ? "Consent_FromYourBody" : "Consent_FromDonor"), StringComparison.Ordinal)
            .Replace("{joint}", PatientText.Say("JointSide", PatientText.Say($"Side_{plan.Side}"), PatientText.Say($"Joint_{plan.Joint}")), StringComparison.Ordinal)
            .Replace("{side}", PatientText.Say($"Side_{plan.Side}"), StringComparison.Ordinal))
        : text
            .Replace("{product}", PlanText.Product(product), StringComparison.Ordinal)
            .Replace("{source}", plan.Source == TissueSource.Autologous ? "from your own body" : "from a donor", StringComparison.Ordinal)
            .Replace("{joint}", PlanText.Joint(plan.Joint), StringComparison.Ordinal)
            .Replace("{side}", plan.Side == Side.Left ? "left" : "right", StringComparison.Ordinal);
}
