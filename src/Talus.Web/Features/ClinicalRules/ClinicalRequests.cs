using System.ComponentModel.DataAnnotations;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;

namespace Talus.Web.Features.ClinicalRules;

// Requests and answers of the clinical-rules API. Positional parameters without a default are required
// (StrictJson); rule inputs that are already plain records (CandidacyInput, ResponseHistory, GfeDocument…)
// are taken as they are.

/// <summary>
/// One response to score. Multi-item questionnaires (FAOS, FAAM ADL/Sports, MOXFQ): <c>answers</c> in form order
/// (null = blank, -1 = not applicable where allowed) or <c>answersByKey</c> (e.g. {"P1": 1}). Single values (NRS,
/// VAS, PGA, PROMIS PF T-score, SANE): <c>value</c>. AOFAS legacy: <c>aofas</c> component points.
/// </summary>
public sealed record ScoreRequest(
    int?[]? Answers = null,
    Dictionary<string, int?>? AnswersByKey = null,
    // Every single-value instrument lies within 0–100: NRS 0–10, VAS and PGA 0–100, SANE 0–100 % (SPEC §3.4, §4.3),
    // PROMIS PF T-score 10–90 by default (SPEC §3.6); the instrument's own range is checked by the rule.
    [property: Range(typeof(decimal), "0", "100")] decimal? Value = null,
    AofasAnkleHindfootEntry? Aofas = null);

/// <summary>One subscale: the unrounded score (used for every threshold) and the display value (1 decimal).</summary>
public sealed record SubscaleView(string Subscale, decimal? Score, decimal? Display, int Answered, int MinimumAnswered, Reason? Reason);

public sealed record ScoreAnswer(InstrumentId Instrument, IReadOnlyList<SubscaleView> Subscales, IReadOnlyList<Reason> Reasons);

/// <summary>A grade as read; <c>definitionVersion</c> defaults to the system's standard set (e.g. KL1957-original).</summary>
public sealed record GradeRequest(GradingSystem System, string Value, Joint Joint, Side Side, string Reader, DateOnly ReadOn, string? DefinitionVersion = null)
{
    public OaGrade ToGrade() => new(System, Value, Joint, Side, Reader, ReadOn, string.IsNullOrWhiteSpace(DefinitionVersion) ? System switch
    {
        GradingSystem.Takakura => OaGrade.TakakuraTanaka2006,
        GradingSystem.CoughlinShurnas => OaGrade.CoughlinShurnas2003,
        GradingSystem.LaTrobe => OaGrade.LaTrobe2007,
        _ => OaGrade.KellgrenLawrence1957,
    } : DefinitionVersion);
}

/// <summary>A valid grade and its band (null for La Trobe, which SPEC §1.6 does not band; see laTrobeOaPresent).</summary>
public sealed record GradeAnswer(OaGrade Grade, CandidacyBand? Band, bool? LaTrobeOaPresent);

public sealed record TargetBandRequest(Joint Joint, Side Side, GradeRequest[] Grades);

/// <summary>First MTP findings; give dorsiflexion and/or the loss of motion versus the normal side.</summary>
public sealed record HalluxRequest(
    HalluxRadiograph Radiograph,
    HalluxClinicalFinding Clinical,
    // Coughlin–Shurnas grades by dorsiflexion in degrees and/or loss of motion in % (SPEC §1.3); the rule refuses the same ranges.
    [property: Range(typeof(decimal), "0", "120")] decimal? DorsiflexionDegrees = null,
    [property: Range(typeof(decimal), "0", "100")] decimal? MotionLossPercent = null,
    bool PainAtMidRangeOfPassiveMotion = false);

/// <summary>The assessment to override (it is re-assessed first) and the physician's documented reason.</summary>
public sealed record OverrideRequest(CandidacyInput Assessment, string Clinician, string Reason);

/// <summary>Scores of one measure; every measure lies within 0–100 (NRS 0–10, SPEC §3.4; PROMIS T 10–90, SPEC §3.6), checked per measure by the rule.</summary>
public sealed record McidRequest(OutcomeMeasure Measure,
    [property: Range(typeof(decimal), "0", "100")] decimal Baseline,
    [property: Range(typeof(decimal), "0", "100")] decimal FollowUp);

/// <summary>OMERACT-OARSI domains on 0–100 where higher = worse (SPEC §4.4); a domain left out is not counted.</summary>
public sealed record OarsiScores(
    [property: Range(typeof(decimal), "0", "100")] decimal? Pain = null,
    [property: Range(typeof(decimal), "0", "100")] decimal? Function = null,
    [property: Range(typeof(decimal), "0", "100")] decimal? PatientGlobal = null);

public sealed record OarsiRequest(OarsiScores Baseline, OarsiScores FollowUp);

public sealed record OarsiAnswer(OarsiVerdict Responder, OarsiVerdict Worsened);

public sealed record VisitDate(ProgramVisit Visit, DateOnly Date);

public sealed record FollowUpRequest(DateOnly IndexInjectionDate, bool SportsActive = false, ProgramVisit[]? Completed = null, VisitDate[]? VisitDates = null);

public sealed record FollowUpAnswer(IReadOnlyList<ScheduledVisit> Schedule, ScheduledVisit? NextDue, IReadOnlyList<OverdueVisit> Overdue,
    IReadOnlyList<WindowCheck> WindowChecks, DateOnly AsOf);

public sealed record SteroidRepeatRequest(DateOnly[] PriorInjectionDates);

public sealed record AfterCareRequest(DateOnly ProcedureDate, Joint Joint, bool HasHarvest = false);

public sealed record ProductAnswer(ProductClassificationResult Classification, string? CaliforniaNoticeText);

public sealed record ClaimsRequest(string Text);

public sealed record SchedulingDeadlineRequest(DateOnly ScheduledOn, DateOnly ServiceOn);

public sealed record RequestDeadlineRequest(DateOnly RequestedOn);

public sealed record ReissueRequest(GfeDocument Issued, GfeDocument Current, DateOnly ServiceOn);

public sealed record GfeValidation(bool Complete, IReadOnlyList<GfeMissingElement> Missing);

public sealed record DisputeRequest(GfeDocument Gfe, ProviderAmount[] Billed, DateOnly InitialBillOn);

/// <summary>Is <c>from</c> a business day; optionally add business days to it, or count business days after it through a date.</summary>
public sealed record BusinessDaysRequest(DateOnly From, [property: Range(-1000, 1000)] int? AddDays = null, DateOnly? CountThrough = null);

public sealed record BusinessDaysAnswer(DateOnly From, bool IsBusinessDay, DateOnly? Result, int? Count, IReadOnlyList<FederalHoliday> FederalHolidays);

public sealed record EpisodeRequest(EstimateLine[] Lines);

/// <summary>A total of at most 100 million dollars in cents, paid in 1–120 monthly instalments (10 years).</summary>
public sealed record PaymentPlanRequest(
    [property: Range(typeof(long), "0", "10000000000")] long TotalCents,
    [property: Range(1, 120)] int Instalments,
    DateOnly FirstDueOn);

public sealed record DiagnosisCodingRequest(Joint Joint, OaDiagnosisType Type, CodingLaterality Laterality);

/// <summary>The injection to code; <c>drug</c> (the corticosteroid and its dose per joint in mg) is required when the product is a corticosteroid.</summary>
public sealed record ProcedureCodingRequest(Joint Joint, InjectionProduct Product, ImageGuidance Guidance, CodingLaterality Laterality, CorticosteroidDose? Drug = null);

/// <summary>The codes chosen and any combination SPEC §8.2 forbids among them.</summary>
public sealed record ProcedureCodingAnswer(IReadOnlyList<CodeChoice> Codes, IReadOnlyList<Reason> Problems);
