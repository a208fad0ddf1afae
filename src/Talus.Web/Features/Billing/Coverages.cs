using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>The coverage status the patient gave (SPEC §7.2: providers must ask).</summary>
public sealed class CoverageInput
{
    [Required, Display(Name = "Coverage")] public CoverageStatus? Status { get; set; }
    [StringLength(120), Display(Name = "Insurance plan")] public string? PayerName { get; set; }
}

/// <summary>A payer's rule for an item kind or one service code.</summary>
public sealed class PayerRuleInput
{
    [Required, StringLength(120, MinimumLength = 2), Display(Name = "Insurance plan")] public string PayerName { get; set; } = "";
    [Display(Name = "Item")] public PriceItemKind? Kind { get; set; }
    [RegularExpression(@"^([0-9]{4}[0-9TF]|[A-V][0-9]{4})$", ErrorMessage = "Service code: a CPT code (e.g. 20606, 0232T) or an HCPCS code (e.g. J3301)."), Display(Name = "Service code")]
    public string? ServiceCode { get; set; }
    [Required, Display(Name = "Decision")] public PayerDecision? Decision { get; set; }
}

/// <summary>Coverage status and payer rules: who pays for each line of an estimate.</summary>
public static class Coverages
{
    /// <summary>Cell-based and PRP service codes: unlisted 20999 and Category III 0232T/0565T/0566T (SPEC §8.2).</summary>
    private static readonly HashSet<string> InvestigationalCodes = ["20999", "0232T", "0565T", "0566T"];

    /// <summary>
    /// A payer's decision for one item: a rule for its service code, else (unless the code is cell-based or PRP) a rule for its kind, else the default —
    /// cell-based and PRP items are not covered (SPEC §7.1 "Insurance": investigational, denial ≈ 1.0 [D]), others are.
    /// </summary>
    public static PayerDecision Decide(IEnumerable<PayerRule> rules, string? payer, PriceItemKind? kind, string serviceCode)
    {
        var mine = rules.Where(r => string.Equals(r.PayerName, payer, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.FirstOrDefault(r => r.ServiceCode == serviceCode) is { } byCode)
        {
            return byCode.Decision;
        }
        // A cell-based or PRP code stays not covered unless a rule names that code: a rule for joint injections in general
        // is about 2060x, not about an unlisted 20999 cell procedure.
        if (InvestigationalCodes.Contains(serviceCode))
        {
            return PayerDecision.NotCoveredExperimental;
        }
        if (kind is not null && mine.FirstOrDefault(r => r.ServiceCode is null && r.Kind == kind) is { } byKind)
        {
            return byKind.Decision;
        }
        return IsInvestigational(kind, serviceCode) ? PayerDecision.NotCoveredExperimental : PayerDecision.Covered;
    }

    public static bool IsInvestigational(PriceItemKind? kind, string serviceCode) =>
        InvestigationalCodes.Contains(serviceCode)
        || kind is PriceItemKind.BoneMarrowHarvest or PriceItemKind.AdiposeHarvest or PriceItemKind.CellProcessing
            or PriceItemKind.CellProduct or PriceItemKind.PlateletRichPlasma;

    /// <summary>
    /// What the patient pays for a line: everything when uninsured or self-paying; when the payer is billed, the lines it
    /// does not cover, and those awaiting prior authorization (until it is granted; the payer's cost sharing is not modelled).
    /// </summary>
    public static long PatientCents(CoverageStatus status, PayerDecision decision, long lineCents) =>
        status != CoverageStatus.InsuredBilling || decision != PayerDecision.Covered ? lineCents : 0;

    public static async Task<Outcome<Coverage>> RecordAsync(Guid patientId, CoverageInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var insured = input.Status != CoverageStatus.Uninsured;
        if (insured && string.IsNullOrWhiteSpace(input.PayerName))
        {
            return Outcome.Invalid("payerName", "Name the insurance plan of an insured patient.");
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        var coverage = new Coverage
        {
            PatientId = patientId, Status = input.Status!.Value, PayerName = insured ? input.PayerName!.Trim() : null,
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = by,
        };
        db.Coverages.Add(coverage);
        await db.SaveChangesAsync(ct);
        return coverage;
    }

    /// <summary>The latest coverage the patient gave, or null when never asked.</summary>
    public static Task<Coverage?> CurrentAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        db.Coverages.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(ct);

    /// <summary>Adds or replaces the payer's rule for a kind or a service code (exactly one of them).</summary>
    public static async Task<Outcome<PayerRule>> SaveRuleAsync(PayerRuleInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if ((input.Kind is null) == string.IsNullOrEmpty(input.ServiceCode))
        {
            return Outcome.Invalid("kind", "A rule names either an item kind or a service code, not both.");
        }
        var payer = input.PayerName.Trim();
        var code = string.IsNullOrEmpty(input.ServiceCode) ? null : input.ServiceCode;
        var kind = code is null ? input.Kind : null;
        var rule = await db.PayerRules.FirstOrDefaultAsync(r => r.PayerName == payer && r.Kind == kind && r.ServiceCode == code, ct);
        if (rule is null)
        {
            db.PayerRules.Add(rule = new PayerRule { PayerName = payer, Kind = kind, ServiceCode = code });
        }
        rule.Decision = input.Decision!.Value;
        rule.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        rule.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
        return rule;
    }
}
