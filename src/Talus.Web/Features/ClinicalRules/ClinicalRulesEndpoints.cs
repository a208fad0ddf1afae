using Microsoft.AspNetCore.Http.HttpResults;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Repeat;
using Talus.Web.Data;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.ClinicalRules;

/// <summary>
/// Every clinical rule of Talus.Clinical as a stateless JSON endpoint under /api/clinical: nothing is read from or
/// written to a patient record; the practice's settings (PracticeSettings) supply the thresholds and "today" is the
/// practice date. What a rule refuses is a 400 ValidationProblem naming the field.
/// </summary>
public static class ClinicalRulesEndpoints
{
    private static readonly DateOnly ExampleDay = new(2025, 3, 5);

    public static IServiceCollection AddClinicalRules(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddOperationTransformer<ApiExampleTransformer>());
        return services;
    }

    public static void MapClinicalRulesEndpoints(this WebApplication app)
    {
        var rules = app.MapGroup("/api/clinical").WithTags("Clinical rules")
            .RequireAuthorization(Auth.Policies.PracticeRead)
            .AddEndpointFilter<RequestShapeFilter>();
        MapInstruments(rules);
        MapGrading(rules);
        MapCandidacy(rules);
        MapOutcomes(rules);
        MapFollowUpAndAfterCare(rules);
        MapRegulation(rules);
        MapEstimates(rules);
        MapCoding(rules);
    }

    private static DateOnly Today(TimeProvider clock) => Talus.Web.Shared.PracticeClock.Today(clock);

    // ---------------------------------------------------------------- instruments (SPEC §3)

    private static void MapInstruments(RouteGroupBuilder rules)
    {
        rules.MapGet("/instruments", async (PracticeSettings settings, CancellationToken ct) =>
            {
                var s = await settings.GetAsync<InstrumentSettings>(ct);
                return TypedResults.Ok(Enum.GetValues<InstrumentId>().Select(id => DefinitionOf(id, s)).OfType<InstrumentDefinition>().ToList());
            })
            .WithSummary("List the instruments with their items, answer anchors, subscales and licence.")
            .WithDescription("The definitions drive both scoring and form rendering. Short labels are our own wording for staff screens; the official patient wording comes from each instrument's form. MOXFQ is listed only when the practice has a valid licence (InstrumentSettings.moxfq).");

        rules.MapGet("/instruments/{instrument}", async Task<Results<Ok<InstrumentDefinition>, NotFound<string>>> (string instrument, PracticeSettings settings, CancellationToken ct) =>
            {
                if (!TryInstrument(instrument, out var id))
                {
                    return TypedResults.NotFound($"No instrument '{instrument}'. Known: {string.Join(", ", Enum.GetNames<InstrumentId>())}.");
                }
                return DefinitionOf(id, await settings.GetAsync<InstrumentSettings>(ct)) is { } d
                    ? TypedResults.Ok(d)
                    : TypedResults.NotFound("MOXFQ is a licensed instrument (SPEC §3.3, §3.8) and this practice has no valid licence configured.");
            })
            .WithSummary("Read one instrument definition (items, anchors, subscales, licence).")
            .WithDescription("`instrument`: Faos, FaamAdl, FaamSports, Moxfq, NrsPain, VasPain, PatientGlobalAssessment, PromisPhysicalFunction, Sane, AofasAnkleHindfoot (case-insensitive).");

        rules.MapPost("/instruments/{instrument}/score", async Task<Results<Ok<ScoreAnswer>, NotFound<string>, ValidationProblem>> (
                string instrument, ScoreRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                if (!TryInstrument(instrument, out var id))
                {
                    return TypedResults.NotFound($"No instrument '{instrument}'. Known: {string.Join(", ", Enum.GetNames<InstrumentId>())}.");
                }
                var (result, problems) = Score(id, request, await settings.GetAsync<InstrumentSettings>(ct));
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(ToAnswer(result!));
            })
            .WithSummary("Score one instrument response (FAOS, FAAM ADL/Sports, MOXFQ, NRS, VAS, PGA, PROMIS PF, SANE, AOFAS legacy).")
            .WithDescription("""
                Multi-item questionnaires take `answers` (form order, null = blank, -1 = not applicable where allowed) or `answersByKey`;
                single-value measures take `value`; AOFAS takes `aofas` (component points). Each subscale gives the unrounded `score`
                (thresholds use it) and `display` rounded half away from zero to 1 decimal (SPEC §0). Too few answers gives a null score
                with the reason. Out-of-range answers, unknown item keys, a wrong answer count, and MOXFQ without a practice licence
                are 400. Worked example (SPEC §3.1): FAOS Pain {1,2,2,3,1,0,2,1,2} → 61.11… displayed 61.1.
                """)
            .Example(new ScoreRequest(AnswersByKey: new() { ["P1"] = 1, ["P2"] = 2, ["P3"] = 2, ["P4"] = 3, ["P5"] = 1, ["P6"] = 0, ["P7"] = 2, ["P8"] = 1, ["P9"] = 2 }),
                () => ToAnswer(Score(InstrumentId.Faos, new ScoreRequest(AnswersByKey: new() { ["P1"] = 1, ["P2"] = 2, ["P3"] = 2, ["P4"] = 3, ["P5"] = 1, ["P6"] = 0, ["P7"] = 2, ["P8"] = 1, ["P9"] = 2 }), new()).Result!));
    }

    private static bool TryInstrument(string text, out InstrumentId id)
    {
        foreach (var candidate in Enum.GetValues<InstrumentId>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                id = candidate;
                return true;
            }
        }
        id = default;
        return false;
    }

    private static InstrumentDefinition? DefinitionOf(InstrumentId id, InstrumentSettings settings) =>
        id == InstrumentId.Moxfq ? Moxfq.Definition(settings.Moxfq) : InstrumentScoring.DefinitionOf(id);

    private static (ScoringResult? Result, RuleProblems Problems) Score(InstrumentId id, ScoreRequest request, InstrumentSettings settings)
    {
        var problems = new RuleProblems();
        var definition = InstrumentScoring.DefinitionOf(id);
        var given = (request.Answers is null ? 0 : 1) + (request.AnswersByKey is null ? 0 : 1) + (request.Value is null ? 0 : 1) + (request.Aofas is null ? 0 : 1);
        ScoringResult result;
        switch (definition?.Rule)
        {
            case ScoringRule.SingleValue:
                if (request.Value is not { } value || given != 1)
                {
                    return (null, problems.Add("value", $"{definition.Name} is scored from one number: give `value` only."));
                }
                result = SingleValueMeasures.Score(new SingleValueEntry(id, value), settings);
                break;
            case ScoringRule.PointsSum:
                if (request.Aofas is not { } aofas || given != 1)
                {
                    return (null, problems.Add("aofas", "AOFAS is scored from its component points: give `aofas` only."));
                }
                result = Aofas.Score(aofas);
                break;
            default:
                if (given != 1 || (request.Answers is null && request.AnswersByKey is null))
                {
                    return (null, problems.Add("answers", $"{definition?.Name ?? id.ToString()} is scored from item answers: give either `answers` (form order) or `answersByKey`."));
                }
                result = request.Answers is { } answers
                    ? InstrumentScoring.Score(new InstrumentResponse(id, answers), settings)
                    : InstrumentScoring.Score(new KeyedInstrumentResponse(id, request.AnswersByKey!), settings);
                break;
        }
        problems.Add(result.Errors, definition?.Rule == ScoringRule.PointsSum ? "aofas." : "");
        return (result, problems);
    }

    private static ScoreAnswer ToAnswer(ScoringResult r) =>
        new(r.Instrument, [.. r.Subscales.Select(s => new SubscaleView(s.Subscale, s.Score, ScoreDisplay.Round(s.Score), s.Answered, s.MinimumAnswered, s.Reason))], r.Reasons);

    // ---------------------------------------------------------------- grading (SPEC §1)

    private static readonly GradeRequest ExampleGrade = new(GradingSystem.Takakura, "3a", Joint.Ankle, Side.Right, "Dr Reader", ExampleDay);

    private static void MapGrading(RouteGroupBuilder rules)
    {
        rules.MapPost("/grading/grade", async Task<Results<Ok<GradeAnswer>, ValidationProblem>> (GradeRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var grade = request.ToGrade();
                var problems = new RuleProblems().Add(OaGrading.Validate(grade))
                    .When(request.ReadOn > Today(clock), "readOn", "The images cannot be read in the future.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(GradeAnswerOf(grade, await settings.GetAsync<GradeBandSettings>(ct)));
            })
            .WithSummary("Validate one OA grade and give its candidacy band.")
            .WithDescription("Refuses a system that does not apply to the joint (Takakura: ankle only; Coughlin–Shurnas: first MTP only; La Trobe: midfoot and first MTP) and values outside the system (SPEC §1.1–§1.4). The band follows SPEC §1.6 with the practice's GradeBandSettings.")
            .Example(ExampleGrade, () => GradeAnswerOf(ExampleGrade.ToGrade(), new()));

        rules.MapPost("/grading/target-joint-band", async Task<Results<Ok<TargetJointBand>, ValidationProblem>> (TargetBandRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems();
                for (var i = 0; i < request.Grades.Length; i++)
                {
                    problems.Add(OaGrading.Validate(request.Grades[i].ToGrade()), $"grades[{i}].");
                }
                return problems.Count > 0
                    ? problems.ToProblem()
                    : TypedResults.Ok(OaGrading.ForTargetJoint([.. request.Grades.Select(g => g.ToGrade())], request.Joint, request.Side, await settings.GetAsync<GradeBandSettings>(ct)));
            })
            .WithSummary("Band of the target joint from its worst grade.")
            .WithDescription("Only grades of the target joint and side count; systems are never converted into each other, each is banded on its own scale and the most severe band wins (SPEC §1.2, §1.4, §1.6).")
            .Example(new TargetBandRequest(Joint.Ankle, Side.Right, [ExampleGrade, ExampleGrade with { System = GradingSystem.KellgrenLawrence, Value = "2" }]),
                () => OaGrading.ForTargetJoint([ExampleGrade.ToGrade(), (ExampleGrade with { System = GradingSystem.KellgrenLawrence, Value = "2" }).ToGrade()], Joint.Ankle, Side.Right, new()));

        var hallux = new HalluxRequest(HalluxRadiograph.OsteophytesUpToQuarterDorsalSpace, HalluxClinicalFinding.MildPainAtExtremes, DorsiflexionDegrees: 25m);
        rules.MapPost("/grading/coughlin-shurnas", Results<Ok<HalluxRigidusGrade>, ValidationProblem> (HalluxRequest request) =>
            {
                var result = HalluxRigidusGrading.Derive(ToFindings(request));
                var problems = new RuleProblems().Add(result.Errors);
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(result);
            })
            .WithSummary("Derive the Coughlin–Shurnas hallux rigidus grade from examination and radiograph findings.")
            .WithDescription("Each finding points to a grade and the highest wins; grade 4 is grade 3 plus pain at mid-range of passive motion (SPEC §1.3). Give dorsiflexion (0–120°) and/or loss of motion (0–100%).")
            .Example(hallux, () => HalluxRigidusGrading.Derive(ToFindings(hallux)));
    }

    private static HalluxFindings ToFindings(HalluxRequest r) => new(r.DorsiflexionDegrees, r.MotionLossPercent, r.Radiograph, r.Clinical, r.PainAtMidRangeOfPassiveMotion);

    private static GradeAnswer GradeAnswerOf(OaGrade grade, GradeBandSettings bands) =>
        new(grade, OaGrading.BandFor(grade, bands),
            grade.System == GradingSystem.LaTrobe && OaGrading.TryParseLaTrobe(grade.Value, out var o, out var n) ? OaGrading.LaTrobeOaPresent(o, n) : null);

    // ---------------------------------------------------------------- candidacy (SPEC §2)

    /// <summary>A candidate in every respect except an intra-articular steroid injection of the ankle 40 days ago.</summary>
    private static CandidacyInput ExampleCandidate(DateOnly today) => new()
    {
        TargetJoint = Joint.Ankle, TargetSide = Side.Right, Product = InjectionProduct.BoneMarrowAspirateConcentrate,
        Grades = [OaGrade.KellgrenLawrence(2, Joint.Ankle, Side.Right, "Dr Reader", today.AddDays(-30))],
        DateOfBirth = new(1970, 1, 1), SymptomDurationMonths = 12, ConservativeCareMonths = 6,
        ConservativeModalities = [ConservativeModality.PhysicalTherapy, ConservativeModality.Orthotics],
        PainNrs = 6, CanGiveInformedConsent = true, CanCompleteFollowUp = true,
        ActiveInfection = false, HemodynamicInstability = false, PlateletDysfunction = false, ActiveMalignancy = false,
        HematologicOrBoneMalignancy = false, PregnantOrBreastfeeding = false, Diabetic = false, KnownCoagulopathy = false,
        InflammatoryArthritis = false, CurrentSmoker = false, InstabilityOrMechanicalSymptoms = false, MalalignmentDegrees = 3m,
        MalignancyHistory = false, History = [new(HistoryKind.IntraArticularSteroidTargetJoint, today.AddDays(-40))],
        Bmi = 27m, HemoglobinGramsPerDeciliter = 13.5m, Platelets = 250m, Inr = 1.0m, CreatinineMgPerDeciliter = 0.9m,
        AltUnitsPerLiter = 25m, AstUnitsPerLiter = 22m,
    };

    private static void MapCandidacy(RouteGroupBuilder rules)
    {
        rules.MapPost("/candidacy/assess", async Task<Results<Ok<CandidacyResult>, ValidationProblem>> (CandidacyInput input, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Today(clock);
                var problems = CheckCandidacy(input, today, "");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(global::Talus.Clinical.Candidacy.Assess(input, await settings.GetAsync<CandidacySettings>(ct), today));
            })
            .WithSummary("Assess candidacy of one target joint: verdict, band, findings with reasons, washout dates.")
            .WithDescription("""
                SPEC §2.7 over inclusion (§2.1), absolute (§2.2) and relative (§2.3) contraindications, washouts (§2.4) and the band (§1.6).
                A null fact means "not known yet" and yields NeedsMoreInformation naming it. Washouts are measured to plannedProcedureDate
                (default today). Worked example: an intra-articular steroid 40 days ago → CandidateWithConditions, earliestEligibleDate =
                injection + 84 days.
                """)
            .Example(ExampleCandidate(ExampleDay), () => global::Talus.Clinical.Candidacy.Assess(ExampleCandidate(ExampleDay), new(), ExampleDay));

        rules.MapPost("/candidacy/override", async Task<Results<Ok<CandidacyOverride>, ValidationProblem>> (OverrideRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Today(clock);
                var problems = CheckCandidacy(request.Assessment, today, "assessment.");
                if (problems.Count > 0)
                {
                    return problems.ToProblem();
                }
                var result = global::Talus.Clinical.Candidacy.Assess(request.Assessment, await settings.GetAsync<CandidacySettings>(ct), today);
                var outcome = global::Talus.Clinical.Candidacy.Override(result, request.Clinician, request.Reason, today);
                return outcome.Override is { } o ? TypedResults.Ok(o) : new RuleProblems().Add(outcome.Errors).ToProblem();
            })
            .WithSummary("Check whether a physician may override an assessment's relative findings, and what the override yields.")
            .WithDescription("Only relative findings (including the Unfavorable band) can be overridden, with a clinician and a documented reason; absolute contraindications, failed inclusion, missing information and washouts cannot (400 naming `verdict`, `reason` or `clinician`).")
            .Example(new OverrideRequest(ExampleCandidate(ExampleDay) with { Bmi = 36m }, "Dr Reader", "Weight-loss programme under way; patient informed of the higher risk."),
                () => global::Talus.Clinical.Candidacy.Override(global::Talus.Clinical.Candidacy.Assess(ExampleCandidate(ExampleDay) with { Bmi = 36m }, new(), ExampleDay), "Dr Reader", "Weight-loss programme under way; patient informed of the higher risk.", ExampleDay).Override);
    }

    private static RuleProblems CheckCandidacy(CandidacyInput input, DateOnly today, string prefix)
    {
        var problems = new RuleProblems();
        foreach (var e in global::Talus.Clinical.Candidacy.Validate(input, today))
        {
            if (e.Field is not (nameof(OaGrade.System) or nameof(OaGrade.Value) or nameof(OaGrade.Reader) or nameof(OaGrade.DefinitionVersion)))
            {
                problems.Add(prefix + RuleProblems.Field(e.Field), e.Message);
            }
        }
        for (var i = 0; i < input.Grades.Count; i++)
        {
            var g = input.Grades[i];
            if (g.Joint == input.TargetJoint && g.Side == input.TargetSide)
            {
                problems.Add(OaGrading.Validate(g), $"{prefix}grades[{i}].");
            }
        }
        var history = input.History ?? [];
        for (var i = 0; i < history.Count; i++)
        {
            problems.When(history[i].LastOn > today, $"{prefix}history[{i}].lastOn", "A past exposure cannot be dated in the future; mark it ongoing instead.");
        }
        return problems;
    }

    // ---------------------------------------------------------------- outcomes (SPEC §3.7, §4.4, §4.5)

    private static void MapOutcomes(RouteGroupBuilder rules)
    {
        rules.MapPost("/outcomes/mcid", async Task<Results<Ok<McidVerdict>, ValidationProblem>> (McidRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var (low, high) = RangeOf(request.Measure, await settings.GetAsync<InstrumentSettings>(ct));
                var problems = new RuleProblems()
                    .When(request.Baseline < low || request.Baseline > high, "baseline", $"{request.Measure} scores are {low}–{high}.")
                    .When(request.FollowUp < low || request.FollowUp > high, "followUp", $"{request.Measure} scores are {low}–{high}.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(Mcid.IsMet(request.Measure, request.Baseline, request.FollowUp, await settings.GetAsync<McidSettings>(ct)));
            })
            .WithSummary("Did the change from baseline reach the minimal clinically important difference?")
            .WithDescription("Unrounded scores are compared (SPEC §0). Thresholds are the practice's McidSettings (SPEC §3.7 defaults: FAOS 10, FAAM ADL 8 / Sports 9, MOXFQ 16/12/24, NRS 2 points or 30%, VAS 20 mm or 30%, PROMIS PF 5). `improvement` is signed so that positive = better.")
            .Example(new McidRequest(OutcomeMeasure.NrsPain, 7m, 5m), () => Mcid.IsMet(OutcomeMeasure.NrsPain, 7m, 5m, new()));

        var oarsi = new OarsiRequest(new OarsiScores(60m, 50m, 70m), new OarsiScores(25m, 45m, 50m));
        rules.MapPost("/outcomes/omeract-oarsi", Results<Ok<OarsiAnswer>, ValidationProblem> (OarsiRequest request) =>
            {
                var problems = new RuleProblems();
                CheckOarsi(request.Baseline, "baseline", problems);
                CheckOarsi(request.FollowUp, "followUp", problems);
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(Oarsi(request));
            })
            .WithSummary("OMERACT-OARSI responder criteria and the inverse (worsening) criteria.")
            .WithDescription("Domains on 0–100 where higher = worse: pain P, function F, patient global G (FAOS: P = 100 − FAOS Pain, F = 100 − FAOS ADL; NRS: P = 10 × NRS). Responder = high improvement (≥ 50% and ≥ 20) in P or F, or moderate (≥ 20% and ≥ 10) in two of P, F, G (SPEC §4.4, Pham 2004). Not configurable.")
            .Example(oarsi, () => Oarsi(oarsi));

        var history = new ResponseHistory(new OutcomeScores(NrsPain: 7m, FaosPain: 40m, FaosAdl: 50m, PatientGlobal: 70m),
            [new VisitOutcome(ProgramVisit.V3, ExampleDay.AddDays(91), new OutcomeScores(NrsPain: 3m, FaosPain: 70m, FaosAdl: 65m, PatientGlobal: 40m))]);
        rules.MapPost("/outcomes/response", async Task<Results<Ok<ResponseAssessment>, ValidationProblem>> (ResponseHistory request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems();
                CheckScores(request.Baseline, "baseline", problems);
                for (var i = 0; i < request.Visits.Length; i++)
                {
                    CheckScores(request.Visits[i].Scores, $"visits[{i}].scores", problems);
                }
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(TreatmentResponse.Assess(request, await settings.GetAsync<McidSettings>(ct)));
            })
            .WithSummary("Classify the treatment response over V3, V4 and later visits.")
            .WithDescription("Per visit: Worsened (inverse OMERACT-OARSI), else Responder, else PartialResponder (an MCID of NRS, FAOS Pain, FAOS ADL or FAAM ADL met), else no response; overall the latest visit decides, NonResponder needs V4, no response after a Responder visit is LossOfResponse (SPEC §4.5).")
            .Example(history, () => TreatmentResponse.Assess(history, new()));
    }

    private static OarsiAnswer Oarsi(OarsiRequest r)
    {
        var before = new OarsiDomains(r.Baseline.Pain, r.Baseline.Function, r.Baseline.PatientGlobal);
        var after = new OarsiDomains(r.FollowUp.Pain, r.FollowUp.Function, r.FollowUp.PatientGlobal);
        return new(OmeractOarsi.Responder(before, after), OmeractOarsi.Worsened(before, after));
    }

    private static void CheckOarsi(OarsiScores s, string prefix, RuleProblems problems)
    {
        problems.When(s.Pain is < 0 or > 100, prefix + ".pain", "Domains are 0–100 (higher = worse).");
        problems.When(s.Function is < 0 or > 100, prefix + ".function", "Domains are 0–100 (higher = worse).");
        problems.When(s.PatientGlobal is < 0 or > 100, prefix + ".patientGlobal", "Domains are 0–100 (higher = worse).");
    }

    private static void CheckScores(OutcomeScores s, string prefix, RuleProblems problems)
    {
        problems.When(s.NrsPain is < 0 or > 10, prefix + ".nrsPain", "NRS pain is 0–10.");
        problems.When(s.FaosPain is < 0 or > 100, prefix + ".faosPain", "FAOS scores are 0–100.");
        problems.When(s.FaosAdl is < 0 or > 100, prefix + ".faosAdl", "FAOS scores are 0–100.");
        problems.When(s.FaamAdl is < 0 or > 100, prefix + ".faamAdl", "FAAM scores are 0–100.");
        problems.When(s.PatientGlobal is < 0 or > 100, prefix + ".patientGlobal", "Patient global assessment is 0–100.");
    }

    private static (decimal Low, decimal High) RangeOf(OutcomeMeasure measure, InstrumentSettings instruments) => measure switch
    {
        OutcomeMeasure.NrsPain => (0m, 10m),
        OutcomeMeasure.PromisPhysicalFunction => (instruments.PromisTScoreMinimum, instruments.PromisTScoreMaximum),
        _ => (0m, 100m),
    };

    // ---------------------------------------------------------------- follow-up, repeat, after-care (SPEC §4.2, §4.6, §4.7)

    private static void MapFollowUpAndAfterCare(RouteGroupBuilder rules)
    {
        var followUp = new FollowUpRequest(ExampleDay, Completed: [ProgramVisit.SafetyCall], VisitDates: [new(ProgramVisit.V1, ExampleDay.AddDays(20))]);
        rules.MapPost("/follow-up/schedule", async (FollowUpRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(FollowUp(request, await settings.GetAsync<FollowUpSettings>(ct), Today(clock))))
            .WithSummary("Follow-up calendar for an index injection: windows, instruments and tasks; next due, overdue, window checks.")
            .WithDescription("Visits from the practice's FollowUpSettings (SPEC §4.2 defaults: safety call +1–3, V1 +14 ±4, V2 +42 ±7, V3 +91 ±14, V4 +182 ±21, V5 +365 ±30, V6 +730 ±45). FAAM Sports only when `sportsActive`. Overdue and next due are as of today (practice date); `visitDates` are checked against their windows.")
            .Example(followUp, () => FollowUp(followUp, new(), ExampleDay.AddDays(30)));

        var repeat = new RepeatCellInjectionRequest(Joint.Ankle, Side.Right, [ExampleDay.AddMonths(-8)], ResponseCategory.LossOfResponse, false, true, ExampleDay.AddMonths(-1));
        rules.MapPost("/repeat/cell-based", async Task<Results<Ok<RepeatVerdict>, ValidationProblem>> (RepeatCellInjectionRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Today(clock);
                var problems = new RuleProblems().When(request.LastImagingDate > today, "lastImagingDate", "The imaging date is in the future.");
                for (var i = 0; i < request.PriorCellInjectionDates.Length; i++)
                {
                    problems.When(request.PriorCellInjectionDates[i] > today, $"priorCellInjectionDates[{i}]", "A prior injection cannot be in the future.");
                }
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(RepeatInjection.AssessCellBased(request, await settings.GetAsync<RepeatInjectionSettings>(ct), today));
            })
            .WithSummary("Is a repeat cell-based injection in this joint allowed, and from when?")
            .WithDescription("Only for PartialResponder or LossOfResponse, no unresolved adverse event, candidacy re-check passed, imaging ≤ 12 months old, ≥ 90 days since the last cell injection and < 2 in any 12 months (SPEC §4.6 [D], RepeatInjectionSettings).")
            .Example(repeat, () => RepeatInjection.AssessCellBased(repeat, new(), ExampleDay));

        var steroid = new SteroidRepeatRequest([ExampleDay.AddDays(-60), ExampleDay.AddDays(-200)]);
        rules.MapPost("/repeat/corticosteroid", async Task<Results<Ok<RepeatVerdict>, ValidationProblem>> (SteroidRepeatRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Today(clock);
                var problems = new RuleProblems();
                for (var i = 0; i < request.PriorInjectionDates.Length; i++)
                {
                    problems.When(request.PriorInjectionDates[i] > today, $"priorInjectionDates[{i}]", "A prior injection cannot be in the future.");
                }
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(RepeatInjection.AssessCorticosteroid(request.PriorInjectionDates, await settings.GetAsync<RepeatInjectionSettings>(ct), today));
            })
            .WithSummary("Is another corticosteroid injection in this joint allowed, and from when?")
            .WithDescription("≥ 90 days apart and at most 3 per joint in any 12 months (SPEC §4.6 [GK], RepeatInjectionSettings).")
            .Example(steroid, () => RepeatInjection.AssessCorticosteroid(steroid.PriorInjectionDates, new(), ExampleDay));

        var afterCare = new AfterCareRequest(ExampleDay, Joint.Ankle, HasHarvest: true);
        rules.MapPost("/after-care/plan", async (AfterCareRequest request, PracticeSettings settings, CancellationToken ct) =>
                TypedResults.Ok(AfterCarePlan.For(request.ProcedureDate, request.Joint, request.HasHarvest, await settings.GetAsync<AfterCareSettings>(ct))))
            .WithSummary("The dated after-care plan from the procedure date.")
            .WithDescription("Rest, warning signs, harvest-site care (when cells were harvested), boot/brace or stiff-soled shoe, low-impact build-up, no impact sport, no NSAIDs (SPEC §4.7, §2.4; AfterCareSettings). Day 0 is the procedure day; `end` is the last day an instruction applies, inclusive (\"avoid for 14 days\" = days 0–13), and `resumeOn` the day after it.")
            .Example(afterCare, () => AfterCarePlan.For(afterCare.ProcedureDate, afterCare.Joint, afterCare.HasHarvest, new()));

        var expected = new ExpectedOutcomeRequest(ProductClass.CellBased, PriorBand.Favorable, TimePoint.Month6, 6, 4);
        rules.MapPost("/expected-outcome", async Task<Results<Ok<ExpectedOutcomeEstimate>, ValidationProblem>> (ExpectedOutcomeRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems()
                    .When(request.LocalSuccesses > 1_000_000, "localSuccesses", "At most 1,000,000.")
                    .When(request.LocalFailures > 1_000_000, "localFailures", "At most 1,000,000.");
                if (problems.Count > 0)
                {
                    return problems.ToProblem();
                }
                var estimate = ExpectedPainRelief.Estimate(request, await settings.GetAsync<ExpectedOutcomeSettings>(ct));
                return estimate.Errors.Count > 0 ? new RuleProblems().Add(estimate.Errors).ToProblem() : TypedResults.Ok(estimate);
            })
            .WithSummary("Estimated chance of reaching the pain MCID: Beta prior updated with the practice's results.")
            .WithDescription("A modelling assumption (SPEC §5.3 [D]): prior Beta(m·n0, (1−m)·n0) from the prior table, updated with local successes/failures; mean and 10th–90th percentiles, the saline reference, and the evidence statement that must accompany every estimate. No table row → no number.")
            .Example(expected, () => ExpectedPainRelief.Estimate(expected, new()));
    }

    private static FollowUpAnswer FollowUp(FollowUpRequest r, FollowUpSettings settings, DateOnly today)
    {
        var schedule = FollowUpSchedule.For(r.IndexInjectionDate, settings, r.SportsActive);
        var completed = r.Completed ?? [];
        var checks = (r.VisitDates ?? []).SelectMany(v => schedule.Where(s => s.Visit == v.Visit).Select(s => FollowUpSchedule.IsWithinWindow(s, v.Date))).ToList();
        return new(schedule, FollowUpSchedule.NextDue(schedule, completed, today), FollowUpSchedule.Overdue(schedule, completed, today), checks, today);
    }

    // ---------------------------------------------------------------- regulation (SPEC §6)

    private static void MapRegulation(RouteGroupBuilder rules)
    {
        var product = new BiologicProduct { Type = InjectionProduct.BoneMarrowAspirateConcentrate, SameDay = true, SameProcedure = true };
        rules.MapPost("/regulation/classify-product", async (BiologicProduct request, PracticeSettings settings, CancellationToken ct) =>
                TypedResults.Ok(Classify(request, await settings.GetAsync<RegulationSettings>(ct))))
            .WithSummary("US regulatory flag of a product (21 CFR 1271), whether the practice may proceed, and the California §684 notice.")
            .WithDescription("Green / GreenAmber / Amber (needs counsel sign-off in RegulationSettings) / Red (351 biologic, blocked) / ResearchOnly (under an IND, research consent) (SPEC §6.2–§6.4). When the notice applies, `californiaNoticeText` is the verbatim B&P §684(b) text.")
            .Example(product, () => Classify(product, new()));

        var claims = new ClaimsRequest("Our stem cell injection can regenerate cartilage and treat arthritis, diabetes and neuropathy.");
        rules.MapPost("/regulation/marketing-claims", async Task<Results<Ok<MarketingClaimCheck>, ValidationProblem>> (ClaimsRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems().When(request.Text.Length > 100_000, "text", "At most 100,000 characters per check.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(MarketingClaims.Check(request.Text, await settings.GetAsync<MarketingClaimSettings>(ct)));
            })
            .WithSummary("Check patient-facing text for cure/regeneration claims and disease lists.")
            .WithDescription("Blocked when the text claims a cure, regeneration or a guarantee, or lists diseases (SPEC §6.3 [D]; terms in MarketingClaimSettings). A single disease mention is flagged for review only.")
            .Example(claims, () => MarketingClaims.Check(claims.Text, new()));
    }

    private static ProductAnswer Classify(BiologicProduct product, RegulationSettings settings)
    {
        var result = ProductClassification.Classify(product, settings);
        return new(result, result.CaliforniaNotice == CaliforniaNotice.NotApplicable ? null : ProductClassification.CaliforniaNoticeText);
    }

    // ---------------------------------------------------------------- Good Faith Estimate, estimates (SPEC §7)

    private static readonly GfeDocument ExampleGfe = new()
    {
        PatientName = "Rosa Delgado", PatientDateOfBirth = new(1962, 5, 14),
        PrimaryServiceDescription = "Bone-marrow concentrate injection of the right ankle under ultrasound guidance",
        ScheduledServiceDate = new(2025, 3, 17),
        Items = [new("dpm-1", "20999", "Bone-marrow harvest, processing and injection, right ankle", 450_000, 1, ["M19.071"])],
        Providers = [new("dpm-1", "Talus Foot & Ankle, Irvine", "1234567893", "12-3456789", "CA", "Irvine")],
        SeparatelyScheduledItems = [], AdditionalItemsDisclaimer = true, EstimateOnlyDisclaimer = true,
        DisputeRightsDisclaimer = true, NotAContractDisclaimer = true,
    };

    private static void MapEstimates(RouteGroupBuilder rules)
    {
        var scheduled = new SchedulingDeadlineRequest(new(2025, 3, 5), new(2025, 3, 17));
        rules.MapPost("/gfe/deadline/after-scheduling", async Task<Results<Ok<GfeDeadline>, ValidationProblem>> (SchedulingDeadlineRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems()
                    .When(request.ServiceOn < request.ScheduledOn, "serviceOn", "The service cannot be before the day it was scheduled.")
                    .When(request.ServiceOn.DayNumber - request.ScheduledOn.DayNumber > 3660, "serviceOn", "Services are scheduled at most 10 years ahead.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(GoodFaithEstimate.AfterScheduling(request.ScheduledOn, request.ServiceOn, await settings.GetAsync<GoodFaithEstimateSettings>(ct)));
            })
            .WithSummary("When the Good Faith Estimate is due after scheduling a self-pay service.")
            .WithDescription("Lead = business days d with scheduledOn < d ≤ serviceOn (Mon–Fri, no federal holidays, no practice closures). ≥ 10 → due within 3 business days; 3–9 → 1 business day; < 3 → none required by scheduling (SPEC §7.2). Worked example: scheduled Wed 5 Mar 2025 for Mon 17 Mar 2025 → lead 8 → due Thu 6 Mar 2025.")
            .Example(scheduled, () => GoodFaithEstimate.AfterScheduling(scheduled.ScheduledOn, scheduled.ServiceOn, new()));

        var requested = new RequestDeadlineRequest(new(2025, 3, 5));
        rules.MapPost("/gfe/deadline/after-request", async (RequestDeadlineRequest request, PracticeSettings settings, CancellationToken ct) =>
                TypedResults.Ok(GoodFaithEstimate.AfterRequest(request.RequestedOn, await settings.GetAsync<GoodFaithEstimateSettings>(ct))))
            .WithSummary("When the Good Faith Estimate is due after the patient asks for one: 3 business days.")
            .WithDescription("SPEC §7.2; 45 CFR 149.610(b).")
            .Example(requested, () => GoodFaithEstimate.AfterRequest(requested.RequestedOn, new()));

        var reissue = new ReissueRequest(ExampleGfe, ExampleGfe with { Items = [ExampleGfe.Items[0] with { UnitPriceCents = 480_000 }] }, new(2025, 3, 17));
        rules.MapPost("/gfe/reissue", async Task<Results<Ok<GfeReissue>, ValidationProblem>> (ReissueRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems();
                CheckLines(request.Issued.Items, "issued.items", problems);
                CheckLines(request.Current.Items, "current.items", problems);
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(GoodFaithEstimate.CheckReissue(request.Issued, request.Current, request.ServiceOn, await settings.GetAsync<GoodFaithEstimateSettings>(ct)));
            })
            .WithSummary("Must a changed estimate be re-issued, what changed, and by when?")
            .WithDescription("A change in items, charges, providers or recurrences requires a new GFE at least 1 business day before the service (SPEC §7.2).")
            .Example(reissue, () => GoodFaithEstimate.CheckReissue(reissue.Issued, reissue.Current, reissue.ServiceOn, new()));

        rules.MapPost("/gfe/validate", Results<Ok<GfeValidation>, ValidationProblem> (GfeDocument request) =>
            {
                var missing = GoodFaithEstimate.Validate(request);
                return TypedResults.Ok(new GfeValidation(missing.Count == 0, missing));
            })
            .WithSummary("Which required GFE elements (45 CFR 149.610(c), 1–10) are missing or incomplete.")
            .WithDescription("An incomplete document is a normal answer (200, `complete: false`, the missing elements by number and name), not a 400: checking a draft is the point (SPEC §7.2).")
            .Example(ExampleGfe with { NotAContractDisclaimer = false }, () => new GfeValidation(false, GoodFaithEstimate.Validate(ExampleGfe with { NotAContractDisclaimer = false })));

        var dispute = new DisputeRequest(ExampleGfe, [new("dpm-1", 500_000)], new(2025, 4, 1));
        rules.MapPost("/gfe/dispute-eligibility", async Task<Results<Ok<DisputeEligibility>, ValidationProblem>> (DisputeRequest request, PracticeSettings settings, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Today(clock);
                var problems = new RuleProblems().When(request.InitialBillOn > today, "initialBillOn", "The initial bill cannot be dated in the future.");
                CheckLines(request.Gfe.Items, "gfe.items", problems);
                for (var i = 0; i < request.Billed.Length; i++)
                {
                    problems.When(request.Billed[i].Cents is < 0 or > MaxCents, $"billed[{i}].cents", "Billed cents must be 0–10,000,000,000.");
                }
                return problems.Count > 0 ? problems.ToProblem()
                    : TypedResults.Ok(GoodFaithEstimate.CheckDispute(request.Gfe, request.Billed, request.InitialBillOn, today, await settings.GetAsync<GoodFaithEstimateSettings>(ct)));
            })
            .WithSummary("Can the patient start patient-provider dispute resolution?")
            .WithDescription("Per provider: billed ≥ $400 over the GFE's expected charges; start within 120 calendar days of the initial bill; $25 fee (SPEC §7.2; 45 CFR 149.620). Evaluated as of today (practice date).")
            .Example(dispute, () => GoodFaithEstimate.CheckDispute(dispute.Gfe, dispute.Billed, dispute.InitialBillOn, new(2025, 4, 10), new()));

        var days = new BusinessDaysRequest(new(2025, 3, 5), AddDays: 3, CountThrough: new(2025, 3, 17));
        rules.MapPost("/business-days", async Task<Results<Ok<BusinessDaysAnswer>, ValidationProblem>> (BusinessDaysRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var problems = new RuleProblems()
                    .When(request.AddDays is < -1000 or > 1000, "addDays", "Add at most 1000 business days either way.")
                    .When(request.CountThrough < request.From, "countThrough", "Count through a date on or after `from`.")
                    .When(request.CountThrough is { } t && t.DayNumber - request.From.DayNumber > 3660, "countThrough", "Count at most 10 years.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(BusinessDaysOf(request, (await settings.GetAsync<GoodFaithEstimateSettings>(ct)).Calendar));
            })
            .WithSummary("Business-day arithmetic of the GFE rules: is a date a business day, add business days, count them.")
            .WithDescription("Business day = Mon–Fri, not an observed federal holiday (computed by rule), not a practice closure in GoodFaithEstimateSettings.calendar (SPEC §7.2 [D]). `count` = business days d with from < d ≤ countThrough.")
            .Example(days, () => BusinessDaysOf(days, new()));

        var episode = new EpisodeRequest([
            new("dpm-1", "20999", "Bone-marrow harvest, processing and injection", 450_000),
            new("img-1", "73610", "Weight-bearing ankle radiographs", 12_500, 2),
        ]);
        rules.MapPost("/estimates/episode", Results<Ok<EpisodeEstimate>, ValidationProblem> (EpisodeRequest request) =>
            {
                var problems = new RuleProblems().When(request.Lines.Length == 0, "lines", "List at least one line.");
                CheckLines(request.Lines, "lines", problems);
                if (problems.Count > 0)
                {
                    return problems.ToProblem();
                }
                var estimate = EpisodePricing.Estimate(request.Lines);
                return estimate.Errors.Count > 0 ? new RuleProblems().Add(estimate.Errors).ToProblem() : TypedResults.Ok(estimate);
            })
            .WithSummary("Price a self-pay episode per provider and in total (integer cents).")
            .WithDescription("SPEC §7.1: self-pay by default. Each line: provider, service code, description, unit price in cents, quantity ≥ 1.")
            .Example(episode, () => EpisodePricing.Estimate(episode.Lines));

        var plan = new PaymentPlanRequest(462_501, 3, new(2025, 4, 1));
        rules.MapPost("/estimates/payment-plan", Results<Ok<IReadOnlyList<Instalment>>, ValidationProblem> (PaymentPlanRequest request) =>
            {
                var problems = new RuleProblems()
                    .When(request.TotalCents is < 0 or > MaxCents, "totalCents", "The total must be 0–10,000,000,000 cents.")
                    .When(request.Instalments is < 1 or > 120, "instalments", "1–120 monthly instalments.");
                return problems.Count > 0 ? problems.ToProblem() : TypedResults.Ok(EpisodePricing.PaymentPlan(request.TotalCents, request.Instalments, request.FirstDueOn));
            })
            .WithSummary("Split a total into monthly instalments; the odd cents go to the first.")
            .WithDescription("The instalments add up to the total exactly; later payments are equal.")
            .Example(plan, () => EpisodePricing.PaymentPlan(plan.TotalCents, plan.Instalments, plan.FirstDueOn));
    }

    private const long MaxCents = 10_000_000_000;

    private static void CheckLines(IReadOnlyList<EstimateLine> lines, string prefix, RuleProblems problems)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            problems.When(lines[i].UnitPriceCents is < 0 or > MaxCents, $"{prefix}[{i}].unitPriceCents", "The unit price must be 0–10,000,000,000 cents.");
            problems.When(lines[i].Quantity is < 1 or > 1000, $"{prefix}[{i}].quantity", "The quantity must be 1–1000.");
        }
    }

    private static BusinessDaysAnswer BusinessDaysOf(BusinessDaysRequest r, BusinessCalendar calendar) =>
        new(r.From, BusinessDays.IsBusinessDay(r.From, calendar),
            r.AddDays is { } n ? BusinessDays.Add(r.From, n, calendar) : null,
            r.CountThrough is { } t ? BusinessDays.CountBetween(r.From, t, calendar) : null,
            FederalHolidays.For(r.From.Year));

    // ---------------------------------------------------------------- coding (SPEC §8)

    private static void MapCoding(RouteGroupBuilder rules)
    {
        var diagnosis = new DiagnosisCodingRequest(Joint.Ankle, OaDiagnosisType.PostTraumatic, CodingLaterality.Bilateral);
        rules.MapPost("/coding/diagnosis", (DiagnosisCodingRequest request) => TypedResults.Ok(DiagnosisCoding.Select(request.Joint, request.Type, request.Laterality)))
            .WithSummary("ICD-10-CM codes for foot and ankle OA, with the reason for each.")
            .WithDescription("No bilateral code: right and left are reported; first MTP is hallux rigidus M20.2-; post-traumatic OA M19.17- vs traumatic arthropathy M12.57-; undocumented type codes as primary (SPEC §8.1).")
            .Example(diagnosis, () => DiagnosisCoding.Select(diagnosis.Joint, diagnosis.Type, diagnosis.Laterality));

        var procedure = new ProcedureCodingRequest(Joint.Ankle, InjectionProduct.Corticosteroid, ImageGuidance.Ultrasound, CodingLaterality.Right,
            new CorticosteroidDose(Corticosteroid.MethylprednisoloneAcetate, 40));
        rules.MapPost("/coding/procedure", async Task<Results<Ok<ProcedureCodingAnswer>, ValidationProblem>> (ProcedureCodingRequest request, PracticeSettings settings, CancellationToken ct) =>
            {
                var selection = ProcedureCoding.Select(request.Joint, request.Product, request.Guidance, request.Laterality, await settings.GetAsync<ProcedureCodingSettings>(ct), request.Drug);
                return selection.Errors.Count > 0 ? new RuleProblems().Add(selection.Errors).ToProblem() : TypedResults.Ok(ProcedureAnswer(selection));
            })
            .WithSummary("CPT/HCPCS codes for a foot or ankle injection, with side modifiers, and any forbidden combination.")
            .WithDescription("PRP 0232T (all-inclusive); cell-based 20999 (unlisted); steroid/HA 2060x by the joint's size class (ProcedureCodingSettings) and guidance, 77002 with fluoroscopy only (SPEC §8.2). Codes and our own short notes only: CPT descriptors are AMA-licensed. The side is required (Unknown → 400). " +
                "A corticosteroid injection also names its drug (`drug`: the steroid and the dose per joint in mg; betamethasone: mg of each ester) and is coded with the drug's HCPCS J-code and units " +
                "per the code's descriptor: J3301 triamcinolone acetonide 10 mg, J1030 / J1040 methylprednisolone acetate 40 / 80 mg, J0702 betamethasone acetate + sodium phosphate 3 mg each, " +
                "J1100 dexamethasone sodium phosphate 1 mg (SPEC §8.2). A dose that is not a whole number of units, or a steroid SPEC does not code (`Other`), is refused (400) with the reason.")
            .Example(procedure, () => ProcedureAnswer(ProcedureCoding.Select(procedure.Joint, procedure.Product, procedure.Guidance, procedure.Laterality, new(), procedure.Drug)));
    }

    private static ProcedureCodingAnswer ProcedureAnswer(CodeSelection selection) =>
        new(selection.Codes, ProcedureCoding.Check([.. selection.Codes.Select(c => c.Code)]));
}
