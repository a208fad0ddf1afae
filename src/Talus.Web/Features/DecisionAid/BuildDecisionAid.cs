using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.DecisionAid;

/// <summary>Expected chance of a meaningful pain improvement at one time point, with the saline reference (SPEC §5.3).</summary>
/// <summary>One time point of an option; <see cref="LocalPatients"/> = the practice's completed follow-ups behind the estimate (issue 10).</summary>
public sealed record OutcomePoint(int Months, decimal? Mean, decimal? Low, decimal? High, decimal? SalineMean, decimal? SalineLow, decimal? SalineHigh, int LocalPatients = 0);

/// <summary>A typical self-pay range in cents (SPEC §7.1), labelled as such; null bounds when the source gives none.</summary>
/// <see cref="Short"/> = a few words for the summary card when there are no bounds to show.
public sealed record CostRange(long? LowCents, long? HighCents, string Label, string? Short = null);

/// <summary>One option as the patient sees it. <see cref="Modelled"/> false = no model estimate exists and none is shown.</summary>
public sealed record DecisionOption(
    string Key, string Name, string Description, bool Modelled, string? NoEstimateReason, IReadOnlyList<OutcomePoint> Outcomes,
    string Visits, string Downtime, IReadOnlyList<string> Restrictions, CostRange Cost, IReadOnlyList<string> Risks,
    string? RegulatoryStatus, RegulatoryFlag? Flag, bool? Offered)
{
    /// <summary>The summary card's few words (name, time, main risks); copies stored before the cards say nothing: the full text stands in.</summary>
    public string? ShortName { get; init; }
    public string? ShortTime { get; init; }
    public string? ShortRisks { get; init; }
}

/// <summary>The decision aid for one patient and joint: the options side by side, with the content version to record.</summary>
public sealed record DecisionAidView(
    Joint Joint, Side Side, CandidacyBand? Band, string BandFrom, string ContentVersion, string EvidenceStatement, string CostNote,
    string ModelNote, IReadOnlyList<DecisionOption> Options, string? Language = null);

/// <summary>That the patient saw the decision aid of a joint (the patient's target joint when none is named).</summary>
public sealed class MarkShownRequest
{
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    /// <summary>The option the patient leans towards, if any: the key of one of the options the aid showed.</summary>
    [StringLength(40), Display(Name = "Chosen option")] public string? ChosenOption { get; set; }
}

public sealed record DecisionAidRecordView(Guid Id, Joint Joint, Side Side, string ContentVersion, string? ChosenOption, DateTime ShownAt,
    string? ShownBy, IReadOnlyList<DecisionOption> Options);

/// <summary>
/// Builds the options for a patient's target joint: expected benefit from the SPEC §5.3 prior (never a number where the table
/// has no row), visits, downtime and restrictions (SPEC §4.7), typical self-pay ranges (SPEC §7.1), key risks (SPEC §9.1
/// IC-06) and the regulatory status of each cell product (SPEC §6). Records the version the patient saw.
/// </summary>
public static class BuildDecisionAid
{
    /// <summary>Content and model version stored with every record the patient saw.</summary>
    public const string ContentVersion = "decision-aid 1.0; prior SPEC §5.3 v0.1 (n0=10, no local results); costs SPEC §7.1 v0.1";

    public static readonly string[] OptionKeys = ["bmac", "mfat", "prp", "steroid", "ha", "pt", "orthotics", "surgery"];



    /// <summary>The practice's outcome model, regulatory choices and after-care template, read once per decision aid.</summary>
    private sealed record Rules(ExpectedOutcomeSettings Outcome, RegulationSettings Regulation, AfterCareSettings AfterCare)
    {
        /// <summary>The practice's completed follow-ups per (product, band, time point) that update the §5.3 prior (empty = prior only).</summary>
        public IReadOnlyDictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes> Local { get; init; } = new Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes>();
    }

    /// <summary>The cell sources the practice offers; a one-line switch to the practice's stored settings once they exist.</summary>
    private static InjectionProduct[] CellSources() => [InjectionProduct.BoneMarrowAspirateConcentrate, InjectionProduct.MicrofragmentedAdipose];

    /// <summary>The joint to show: asked for, else the latest candidacy assessment's, else the intake's target, else the latest exam's.</summary>
    public static async Task<(Joint, Side)?> DefaultJointAsync(Guid patientId, ClinicDb db, CancellationToken ct)
    {
        var a = await db.CandidacyAssessments.AsNoTracking().Where(x => x.PatientId == patientId).OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
            .Select(x => new { x.Joint, x.Side }).FirstOrDefaultAsync(ct);
        if (a is not null)
        {
            return (a.Joint, a.Side);
        }
        var intake = await AssessCandidacy.LatestIntakeAsync(patientId, db, ct);
        if (intake?.TargetJoint is { } j && intake.TargetSide is { } s)
        {
            return (j, s);
        }
        var e = await db.Evaluations.AsNoTracking().Where(x => x.PatientId == patientId).OrderByDescending(x => x.ExaminedOn).ThenByDescending(x => x.RecordedAt).ThenByDescending(x => x.Id)
            .Select(x => new { x.Joint, x.Side }).FirstOrDefaultAsync(ct);
        return e is null ? null : (e.Joint, e.Side);
    }

    public static async Task<DecisionAidView> RunAsync(Guid patientId, Joint joint, Side side, ClinicDb db, PracticeSettings settings,
        IStringLocalizer<PatientText> t, Talus.Web.Features.Outcomes.RegistryCache? registry, CancellationToken ct)
    {
        var rules = new Rules(await settings.GetAsync<ExpectedOutcomeSettings>(ct), await settings.GetAsync<RegulationSettings>(ct),
            await settings.GetAsync<AfterCareSettings>(ct))
        { Local = registry is null ? new Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes>() : (await registry.GetAsync(ct)).Local };
        // Band: the latest candidacy assessment of this joint, else the worst grade of the joint (SPEC §1.4, §1.6).
        var assessment = await db.CandidacyAssessments.AsNoTracking().Where(a => a.PatientId == patientId && a.Joint == joint && a.Side == side)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        CandidacyBand? band;
        string bandFrom;
        if (assessment is not null && AssessCandidacy.ToView(assessment, patientId).Band is { } assessedBand)
        {
            band = assessedBand;
            bandFrom = t["DaBandFromAssessment", Talus.Web.Shared.PatientFormat.Date(assessment.AssessedOn)];
        }
        else
        {
            var bands = await settings.GetAsync<GradeBandSettings>(ct);
            var studies = await RecordEvaluation.ImagingAsync(patientId, db, bands, ct);
            band = RecordEvaluation.BandOf(studies, joint, side, bands).Band;
            bandFrom = band is null ? t["DaBandMissing"] : t["DaBandFromGrades"];
        }

        var options = new List<DecisionOption>();
        foreach (var source in CellSources())
        {
            options.Add(CellOption(source, joint, band, t, rules));
        }
        options.Add(InjectionOption("prp", ProductClass.Prp, InjectionProduct.PlateletRichPlasma, joint, band, t, rules,
            new CostRange(null, null, t["DaCostPrp"], t["DaShortCost_prp"])));
        options.Add(InjectionOption("steroid", ProductClass.Corticosteroid, InjectionProduct.Corticosteroid, joint, band, t, rules,
            new CostRange(100_00, 400_00, t["DaCostPerInjection"])));
        options.Add(InjectionOption("ha", ProductClass.HyaluronicAcid, InjectionProduct.HyaluronicAcid, joint, band, t, rules,
            new CostRange(500_00, 1_500_00, t["DaCostPerInjectionOrSeries"])));
        options.Add(NotModelled("pt", t, new CostRange(450_00, 2_400_00, t["DaCostPtCourse"])));
        options.Add(NotModelled("orthotics", t, new CostRange(30_00, 2_000_00, t["DaCostOrthotics"])));
        options.Add(NotModelled("surgery", t, new CostRange(20_000_00, 50_000_00, t["DaCostSurgery"])));

        // The patient's own estimate replaces the typical range once the patient has one (issue 9).
        var own = await Billing.OptionEstimates.ForPatientAsync(patientId, joint, side, db, settings, ct);
        options = [.. options.Select(o => own.TryGetValue(o.Key, out var cents) ? o with { Cost = new CostRange(cents, cents, t["DaCostYourEstimate"]) } : o)];
        options = [.. options.Select(o => o with
        {
            ShortName = t[$"DaShortName_{o.Key}"], ShortTime = t[$"DaShortTime_{o.Key}"], ShortRisks = t[$"DaShortRisks_{o.Key}"],
        })];

        return new DecisionAidView(joint, side, band, bandFrom, ContentVersion, t["DaEvidenceStatement"], t["DaCostNote"], t["DaModelNote"], options,
            // The language it was written in, kept with the stored copy (copies stored before this say nothing: English).
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es" ? "es" : "en");
    }

    /// <summary>
    /// Records that the patient saw the decision aid of the named joint (or the target joint), as built now, with the
    /// option the patient leans towards: one of the options that aid showed, or none. Checks its own input.
    /// </summary>
    public static async Task<Outcome<DecisionAidRecordView>> MarkShownAsync(Guid patientId, MarkShownRequest request, string? user,
        ClinicDb db, PracticeSettings settings, IStringLocalizer<PatientText> t, TimeProvider clock, Talus.Web.Features.Outcomes.RegistryCache? registry, CancellationToken ct)
    {
        if (InputCheck.Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (request.Joint is null != request.Side is null)
        {
            return Outcome.Invalid(request.Joint is null ? "joint" : "side", "Name both the joint and the side, or neither for the target joint.");
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound("No such patient.");
        }
        var target = request.Joint is { } j && request.Side is { } s ? (j, s) : await DefaultJointAsync(patientId, db, ct);
        if (target is not { } js)
        {
            return Outcome.Invalid("joint", "Name the joint and side: the record has no target joint yet.");
        }
        var aid = await RunAsync(patientId, js.Item1, js.Item2, db, settings, t, registry, ct);
        var chosen = string.IsNullOrWhiteSpace(request.ChosenOption) ? null : request.ChosenOption.Trim();
        if (chosen is not null && !aid.Options.Any(o => o.Key == chosen))
        {
            return Outcome.Invalid("chosenOption", "Choose one of the options shown: " + string.Join(", ", aid.Options.Select(o => o.Key)) + ", or none.");
        }
        return await RecordShownAsync(patientId, aid, chosen, user, db, clock, ct);
    }

    private static async Task<DecisionAidRecordView> RecordShownAsync(Guid patientId, DecisionAidView aid, string? chosen, string? user,
        ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var record = new DecisionAidRecord
        {
            PatientId = patientId,
            Joint = aid.Joint,
            Side = aid.Side,
            ContentVersion = aid.ContentVersion,
            OptionsJson = JsonSerializer.Serialize(aid, AssessCandidacy.Json),
            ChosenOption = chosen,
            ShownAt = clock.GetUtcNow().UtcDateTime,
            ShownBy = user,
        };
        db.DecisionAids.Add(record);
        await db.SaveChangesAsync(ct);
        return ToView(record);
    }

    public static async Task<List<DecisionAidRecordView>> RecordsAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        [.. (await db.DecisionAids.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(ct))
            .OrderByDescending(r => r.ShownAt).ThenByDescending(r => r.Id.ToString()).Select(ToView)];

    /// <summary>The aid exactly as stored when it was shown (text and numbers as the patient saw them).</summary>
    public static DecisionAidView? StoredAid(DecisionAidRecord record)
    {
        try
        {
            return JsonSerializer.Deserialize<DecisionAidView>(record.OptionsJson, AssessCandidacy.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DecisionAidRecordView ToView(DecisionAidRecord r) =>
        new(r.Id, r.Joint, r.Side, r.ContentVersion, r.ChosenOption, r.ShownAt, r.ShownBy, StoredAid(r)?.Options ?? []);

    private static DecisionOption CellOption(InjectionProduct product, Joint joint, CandidacyBand? band, IStringLocalizer<PatientText> t, Rules rules)
    {
        var key = product == InjectionProduct.BoneMarrowAspirateConcentrate ? "bmac" : "mfat";
        var (modelled, why, outcomes) = Outcomes(ProductClass.CellBased, band, t, rules);
        var classification = ProductClassification.Classify(new BiologicProduct { Type = product, SameDay = true, SameProcedure = true }, rules.Regulation);
        return new DecisionOption(key, t[$"DaName_{key}"], t[$"DaDesc_{key}"], modelled, why, outcomes,
            t[$"DaVisits_{key}"], t["DaDowntimeInjection"], Restrictions(joint, hasHarvest: true, t, rules),
            key == "bmac" ? new CostRange(3_000_00, 10_000_00, t["DaCostOneJoint"]) : new CostRange(3_000_00, 8_000_00, t["DaCostOneJoint"]),
            [.. RiskKeys(key).Select(k => (string)t[k])],
            RegulatoryText(classification, t), classification.Flag, classification.MayProceed);
    }

    private static DecisionOption InjectionOption(string key, ProductClass productClass, InjectionProduct product, Joint joint, CandidacyBand? band,
        IStringLocalizer<PatientText> t, Rules rules, CostRange cost)
    {
        var (modelled, why, outcomes) = Outcomes(productClass, band, t, rules);
        var classification = ProductClassification.Classify(new BiologicProduct { Type = product, SameDay = true, SameProcedure = true }, rules.Regulation);
        var biologic = key == "prp";
        return new DecisionOption(key, t[$"DaName_{key}"], t[$"DaDesc_{key}"], modelled, why, outcomes,
            t[$"DaVisits_{key}"], biologic ? t["DaDowntimeInjection"] : t["DaDowntimeSimpleInjection"],
            biologic ? Restrictions(joint, hasHarvest: false, t, rules) : [t["DaRestrictSimpleInjection"]],
            cost, [.. RiskKeys(key).Select(k => (string)t[k])],
            biologic ? RegulatoryText(classification, t) : t[$"DaReg_{key}"], classification.Flag, classification.MayProceed);
    }

    private static DecisionOption NotModelled(string key, IStringLocalizer<PatientText> t, CostRange cost) =>
        new(key, t[$"DaName_{key}"], t[$"DaDesc_{key}"], false, t["DaNotModelled"], [],
            t[$"DaVisits_{key}"], t[$"DaDowntime_{key}"], [], cost, [.. RiskKeys(key).Select(k => (string)t[k])], null, null, null);

    /// <summary>The prior estimate at 3, 6 and 12 months; no number at all where the SPEC §5.3 table has no row.</summary>
    private static (bool Modelled, string? Why, List<OutcomePoint> Points) Outcomes(ProductClass product, CandidacyBand? band, IStringLocalizer<PatientText> t, Rules rules)
    {
        PriorBand? prior = band switch
        {
            CandidacyBand.Favorable => PriorBand.Favorable,
            CandidacyBand.Guarded => PriorBand.Guarded,
            CandidacyBand.Unfavorable => PriorBand.Unfavorable,
            _ => null,
        };
        if (prior is null)
        {
            return (false, band == CandidacyBand.NotIndicated ? t["DaNoEstimateNoOa"] : t["DaNoEstimateNoGrade"], []);
        }
        var points = new List<OutcomePoint>();
        foreach (var tp in new[] { TimePoint.Month3, TimePoint.Month6, TimePoint.Month12 })
        {
            // The §5.3 prior updated with the practice's completed follow-ups of this product, band and time point (decision 0009).
            var local = rules.Local.GetValueOrDefault((product, prior.Value, tp), new LocalOutcomes(0, 0));
            var e = LocalEvidence.Estimate(product, prior.Value, tp, local, rules.Outcome).Estimate;
            if (!e.PriorAvailable || e.Estimate is null)
            {
                return (false, t["DaNoPrior"], []);
            }
            points.Add(new OutcomePoint((int)tp, e.Estimate.Mean, e.Estimate.Lower, e.Estimate.Upper,
                e.SalineReference?.Mean, e.SalineReference?.Lower, e.SalineReference?.Upper, local.Patients));
        }
        return (true, null, points);
    }

    /// <summary>Restrictions after a biologic injection, from the after-care template (SPEC §4.7).</summary>
    private static List<string> Restrictions(Joint joint, bool hasHarvest, IStringLocalizer<PatientText> t, Rules rules)
    {
        var s = rules.AfterCare;
        var list = new List<string>
        {
            t["DaRestrictRest", s.RestDays],
            joint == Joint.FirstMtp ? t["DaRestrictShoe", s.SupportWeeks] : t["DaRestrictBoot", s.SupportWeeks],
            t["DaRestrictImpact", s.HighImpactRestrictionWeeks],
            t["DaRestrictNsaid", s.NsaidAvoidanceDaysAfter],
        };
        if (hasHarvest)
        {
            list.Insert(1, t["DaRestrictHarvest", s.HarvestDressingDryDays * 24]);
        }
        return list;
    }

    private static string RegulatoryText(ProductClassificationResult c, IStringLocalizer<PatientText> t)
    {
        var parts = new List<string> { t[$"DaFlag_{c.Flag}"] };
        if (!c.MayProceed)
        {
            parts.Add(t["DaNotOfferedNow"]);
        }
        if (c.CaliforniaNotice != CaliforniaNotice.NotApplicable)
        {
            parts.Add(t["DaCaliforniaNotice"]);
        }
        return string.Join(" ", parts);
    }

    /// <summary>Key risks in plain words (SPEC §9.1 IC-06).</summary>
    private static string[] RiskKeys(string key) => key switch
    {
        "bmac" => ["DaRiskFlare", "DaRiskInfection", "DaRiskBleeding", "DaRiskHarvestMarrow", "DaRiskNerve", "DaRiskFaint", "DaRiskAnaesthetic", "DaRiskNoBenefit"],
        "mfat" => ["DaRiskFlare", "DaRiskInfection", "DaRiskBleeding", "DaRiskHarvestFat", "DaRiskNerve", "DaRiskFaint", "DaRiskAnaesthetic", "DaRiskNoBenefit"],
        "prp" => ["DaRiskFlare", "DaRiskInfection", "DaRiskBleeding", "DaRiskFaint", "DaRiskNoBenefit"],
        "steroid" => ["DaRiskFlare", "DaRiskInfection", "DaRiskSugar", "DaRiskSkin", "DaRiskShortLived"],
        "ha" => ["DaRiskFlare", "DaRiskInfection", "DaRiskOffLabel", "DaRiskNoBenefit"],
        "pt" => ["DaRiskSoreness"],
        "orthotics" => ["DaRiskRubbing"],
        _ => ["DaRiskSurgery"],
    };

    /// <summary>Whole dollars in the reader's culture ("$1,500"; es-US writes dollars the same way).</summary>
    public static string Money(long cents) => (cents / 100m).ToString("C0", System.Globalization.CultureInfo.CurrentCulture);

    public static string Percent(decimal? p) => p is { } v ? Math.Round(v * 100m, 0, MidpointRounding.AwayFromZero).ToString("0") : "—";
}
