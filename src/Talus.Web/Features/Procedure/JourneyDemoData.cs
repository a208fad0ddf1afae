using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.Procedure;

/// <summary>
/// Demo data for plans, consent and procedures: two English consent template versions (the older retired) and a Spanish one, a counsel sign-off
/// for BMAC (synthetic), and for a few dozen patients a plan, a signed consent, a procedure (mostly BMAC, some PRP) with
/// its after-care and some adverse events; a few plans changed afterwards (superseded consent, re-consent). The portal
/// patient (T1000001) has a plan and a consent waiting for signature. Runs the real use cases on a past clock.
/// </summary>
public static class JourneyDemoData
{
    public static async Task SeedAsync(ClinicDb db, PracticeSettings settings, TimeProvider clock, Random random, CancellationToken ct)
    {
        if (await db.ConsentTemplates.AnyAsync(ct))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var older = ConsentTexts.Default.Select(s => new TemplateSectionInput
        {
            Id = s.Id, Title = s.Title,
            Text = s.Id == "IC-05" ? "Evidence for these injections is limited. Benefit may be small, temporary or absent." : s.Text,
        }).ToList();
        await ManageConsentTemplates.CreateAsync(new TemplateInput { Title = "Regenerative injection consent (first edition)", Sections = older, Activate = true },
            "Priya Raman", db, At(now.AddDays(-400)), ct);
        await ManageConsentTemplates.CreateAsync(new TemplateInput
        {
            Title = "Regenerative injection consent",
            Sections = [.. ConsentTexts.Default.Select(s => new TemplateSectionInput { Id = s.Id, Title = s.Title, Text = s.Text })],
            Activate = true,
        }, "Priya Raman", db, At(now.AddDays(-200)), ct);
        // The same text in Spanish, active beside the English (SPEC §9.1 IC-17).
        await ManageConsentTemplates.CreateAsync(new TemplateInput
        {
            Title = "Consentimiento para inyección regenerativa", Language = "es",
            Sections = [.. ConsentTexts.Spanish.Select(s => new TemplateSectionInput { Id = s.Id, Title = s.Title, Text = s.Text })],
            Activate = true,
        }, "Priya Raman", db, At(now.AddDays(-190)), ct);

        // The practice's RegulationSettings row, the one /admin/settings edits and every reader reads.
        var regulation = PracticeSettings.Find(nameof(RegulationSettings))!;
        if (await db.Settings.FindAsync([regulation.Name], ct) is null)
        {
            await PracticeSettings.StageAsync(db, regulation, new RegulationSettings
            {
                CounselSignOffRecorded = true,
                CounselSignOffReference = "Synthetic demo entry: outside counsel memo on point-of-care BMAC, 2025-01-15",
            }, "Priya Raman", now.AddDays(-420).UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            settings.Invalidate();
        }

        var clinicians = await db.Staff.AsNoTracking().Where(s => s.Role == Roles.Clinician).Select(s => s.Id).OrderBy(id => id).ToArrayAsync(ct);
        var locations = await db.Locations.AsNoTracking().Select(l => l.Id).OrderBy(id => id).ToArrayAsync(ct);
        var patients = await db.Patients.AsNoTracking().Where(p => p.Mrn != "T1000001").OrderBy(p => p.Mrn)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.PreferredLocationId, p.BirthDate }).ToListAsync(ct);
        var treated = patients.Where((_, i) => i % 6 == 1).ToList();
        Joint[] joints = [Joint.Ankle, Joint.Ankle, Joint.Ankle, Joint.FirstMtp, Joint.Subtalar, Joint.Talonavicular];
        // Its own sequence, so the baseline answers leave the rest of the demo journeys as they were.
        var answering = new Random(2035);

        foreach (var p in treated)
        {
            var daysAgo = random.Next(20, 540);
            var joint = joints[random.Next(joints.Length)];
            var side = random.Next(2) == 0 ? Side.Right : Side.Left;
            var prp = random.NextDouble() < 0.25;
            var planned = now.AddDays(-daysAgo - random.Next(10, 30));
            // The candidacy assessment the procedure gate needs, made when the plan was; only candidates are treated.
            if (!await AssessAsync(db, settings, p.Id, p.BirthDate, joint, side, prp ? InjectionProduct.PlateletRichPlasma : InjectionProduct.BoneMarrowAspirateConcentrate,
                planned, ct))
            {
                continue;
            }
            var saved = await SavePlan.RunAsync(p.Id, new PlanInput
            {
                Joint = joint, Side = side, Product = prp ? InjectionProduct.PlateletRichPlasma : InjectionProduct.BoneMarrowAspirateConcentrate,
                PlannedInjections = 1,
                Rationale = prp
                    ? "Moderate OA with pain despite bracing and PT; prefers a low-cost option without a marrow harvest."
                    : "Moderate OA (some cartilage preserved) with pain despite six months of conservative care; wants to delay surgery.",
                PhysicalTherapy = "Ankle and foot strengthening, 2× weekly for 6 weeks after the injection.",
                Orthotics = joint == Joint.FirstMtp ? "Carbon-fibre footplate in work shoes." : "Lace-up ankle brace for long walks.",
                ActivityChanges = "Swap running for cycling and swimming for now.",
                WeightManagement = random.Next(3) == 0 ? "Referred to the nutrition program; target 5% weight loss." : null,
            }, "Dr. Elena Marquez", db, At(planned), ct);
            var plan = saved.Value!.Plan;
            var signedAt = planned.AddDays(random.Next(1, 8));
            var packet = (await PrepareConsent.RunAsync(p.Id, new PrepareConsentInput { PlanId = plan.Id }, "Dana Whitfield", db, settings, At(planned), ct)).Value!;
            await SignAsync(db, p.Id, packet, $"{p.GivenName} {p.FamilyName}", random, signedAt, ct);

            // The baseline questionnaires of the treated joint, answered at the planning visit (the registry's baseline).
            foreach (var id in Talus.Web.Features.Intake.Questionnaires.Baseline)
            {
                await Talus.Web.Features.Intake.SaveQuestionnaire.StartAsync(p.Id, new Talus.Web.Features.Intake.QuestionnaireInput
                {
                    Instrument = id, Joint = joint, Side = side,
                    Answers = Talus.Web.Features.FollowUp.FollowUpDemoData.Typical(Talus.Web.Features.Intake.Questionnaires.Definition(id), answering),
                }, EnteredBy.Patient, submit: true, db, At(planned), ct);
            }

            // The clinic's local date of that moment, not the UTC date (they differ every California evening).
            var performed = Talus.Web.Shared.PracticeClock.Today(At(now.AddDays(-daysAgo).AddHours(4)), null);
            var result = await RecordProcedure.RunAsync(p.Id, new ProcedureInput
            {
                PlanId = plan.Id, PerformedOn = performed, LocationId = p.PreferredLocationId ?? locations[0],
                OperatorId = clinicians[random.Next(clinicians.Length)],
                HarvestSite = prp ? HarvestSite.PeripheralBlood : HarvestSite.PosteriorIliacCrest,
                ProcessingSystem = prp ? "Centrifuge A, PRP kit" : "Marrow concentration system",
                ProcessingSettings = prp ? "Single spin, 1500 g × 5 min" : "Dual spin, 10× concentration",
                HarvestVolumeMl = prp ? 30 : 60, InjectateVolumeMl = prp ? 4 : 3,
                NucleatedCellsMillions = prp ? null : Math.Round((decimal)(random.NextDouble() * 400) + 120, 1),
                PlateletCountThousandsPerMicroliter = prp ? Math.Round((decimal)(random.NextDouble() * 800) + 900, 0) : null,
                ImageGuidance = random.Next(5) == 0 ? ImageGuidance.Fluoroscopy : ImageGuidance.Ultrasound,
                Anesthesia = Anesthesia.Local, DurationMinutes = prp ? random.Next(25, 45) : random.Next(50, 80),
                // The processing kit's lot, so a recall (/recall) can be tried on the demo.
                ExternalLot = prp ? "PRP-KIT-2603A" : daysAgo > 270 ? "BMC-KIT-2601A" : "BMC-KIT-2607B",
            }, "Dr. Elena Marquez", db, settings, At(now.AddDays(-daysAgo).AddHours(4)), ct);
            var procedure = result.Value?.Record ?? throw new InvalidOperationException("Demo procedure refused: " + result.Message);

            if (random.Next(5) == 0)
            {
                var onset = performed.AddDays(1);
                await AddAdverseEvent.RunAsync(p.Id, procedure.Id, new AdverseEventInput
                {
                    Type = prp ? AdverseEventType.PostInjectionFlare : random.Next(2) == 0 ? AdverseEventType.PostInjectionFlare : AdverseEventType.HarvestSitePain,
                    Description = "Pain and swelling for a few days; settled with rest, ice and acetaminophen.",
                    Severity = random.Next(4) == 0 ? Severity.Moderate : Severity.Mild, OnsetOn = onset, ResolvedOn = onset.AddDays(random.Next(2, 6)),
                    Outcome = AdverseOutcome.Resolved, RelatedToProcedure = Relatedness.Related,
                }, "Dr. Elena Marquez", db, At(now.AddDays(-daysAgo + 10)), ct);
            }

            if (random.Next(8) == 0 && daysAgo > 200)
            {
                // Plan reviewed at follow-up: a second injection added, which supersedes the consent; re-consent signed.
                var changedAt = now.AddDays(-daysAgo + 180);
                var input = PlanInput.From(plan);
                input.PlannedInjections = 2;
                input.Rationale += " Partial response at 6 months: a second injection planned.";
                var v2 = (await SavePlan.RunAsync(p.Id, input, "Dr. Elena Marquez", db, At(changedAt), ct)).Value!.Plan;
                var again = (await PrepareConsent.RunAsync(p.Id, new PrepareConsentInput { PlanId = v2.Id }, "Dana Whitfield", db, settings, At(changedAt), ct)).Value!;
                await SignAsync(db, p.Id, again, $"{p.GivenName} {p.FamilyName}", random, changedAt.AddDays(2), ct);
            }
            db.ChangeTracker.Clear();
        }

        // The portal patient: a BMAC plan for the right ankle and a consent waiting for her signature.
        var rosa = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Mrn == "T1000001", ct);
        if (rosa is not null)
        {
            var aid = await db.DecisionAids.AsNoTracking().Where(a => a.PatientId == rosa.Id).OrderByDescending(a => a.ShownAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            var plan = (await SavePlan.RunAsync(rosa.Id, new PlanInput
            {
                Joint = Joint.Ankle, Side = Side.Right, Product = InjectionProduct.BoneMarrowAspirateConcentrate, PlannedInjections = 1,
                Rationale = "Moderate ankle OA (KL 2–3) with pain despite bracing, PT and a steroid injection over 9 months; wants to stay active and delay fusion.",
                PhysicalTherapy = "Balance and strengthening program, twice weekly for 6 weeks, starting in week 2.",
                Orthotics = "Lace-up ankle brace for walks and gardening.",
                ActivityChanges = "Walking and cycling instead of hiking on rough trails for now.",
                DecisionAidRecordId = aid,
            }, "Dr. Elena Marquez", db, At(now.AddDays(-3)), ct)).Value!.Plan;
            await PrepareConsent.RunAsync(rosa.Id, new PrepareConsentInput { PlanId = plan.Id }, "Dr. Elena Marquez", db, settings, At(now.AddDays(-3)), ct);
        }
    }

    private static async Task SignAsync(ClinicDb db, Guid patientId, ConsentPacket packet, string name, Random random, DateTimeOffset at, CancellationToken ct)
    {
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0]));
        var strokes = new[]
        {
            Enumerable.Range(0, 24).Select(i => new[] { 60.0 + (i * 12), 120 + (Math.Sin(i / 2.0) * 30) + random.Next(-4, 5) }).ToArray(),
            Enumerable.Range(0, 10).Select(i => new[] { 380.0 + (i * 14), 150 - (i * 6.0) }).ToArray(),
        };
        var result = await SignConsent.RunAsync(patientId, packet.Id, new SignConsentInput
        {
            FullName = name, Agree = true, SignatureStrokes = strokes,
            Initials = ConsentDocument.Sections(packet).ToDictionary(s => s.Id, _ => (string?)initials),
        }, random.Next(3) == 0 ? SignedVia.Portal : SignedVia.ClinicTablet, $"10.20.{random.Next(0, 4)}.{random.Next(10, 250)}",
            null, db, At(at), ct);
        if (!result.IsOk)
        {
            throw new InvalidOperationException("Demo consent not signed: " + result.Message);
        }
    }

    /// <summary>Stores a synthetic, eligible candidacy assessment made at <paramref name="at"/> (the real rules decide; true when Candidate).</summary>
    private static async Task<bool> AssessAsync(ClinicDb db, PracticeSettings settings, Guid patientId, DateOnly birthDate, Joint joint, Side side,
        InjectionProduct product, DateTimeOffset at, CancellationToken ct)
    {
        var on = Talus.Web.Shared.PracticeClock.Today(At(at));
        var input = new CandidacyInput
        {
            TargetJoint = joint, TargetSide = side, Product = product,
            Grades = [joint == Joint.FirstMtp ? OaGrade.CoughlinShurnas(2, side, "Dr. Elena Marquez", on.AddDays(-7)) : OaGrade.KellgrenLawrence(2, joint, side, "Dr. Elena Marquez", on.AddDays(-7))],
            DateOfBirth = birthDate, SymptomDurationMonths = 18, ConservativeCareMonths = 6,
            ConservativeModalities = [ConservativeModality.PhysicalTherapy, ConservativeModality.Bracing], PainNrs = 6,
            CanGiveInformedConsent = true, CanCompleteFollowUp = true, ActiveInfection = false, HemodynamicInstability = false, PlateletDysfunction = false,
            ActiveMalignancy = false, HematologicOrBoneMalignancy = false, PregnantOrBreastfeeding = false, Diabetic = false, KnownCoagulopathy = false,
            InflammatoryArthritis = false, CurrentSmoker = false, InstabilityOrMechanicalSymptoms = false, MalalignmentDegrees = 3m, MalignancyHistory = false,
            History = [], Bmi = 27m, HemoglobinGramsPerDeciliter = 13.5m, Platelets = 250m, Inr = 1.0m, CreatinineMgPerDeciliter = 0.9m,
            AltUnitsPerLiter = 25m, AstUnitsPerLiter = 22m,
        };
        var result = Clinical.Candidacy.Assess(input, await settings.GetAsync<CandidacySettings>(ct), on);
        if (result.Verdict != CandidacyVerdict.Candidate)
        {
            return false;
        }
        db.CandidacyAssessments.Add(new CandidacyAssessment
        {
            PatientId = patientId, Joint = joint, Side = side, Product = product, AssessedOn = on, RulesVersion = result.RulesVersion,
            InputJson = JsonSerializer.Serialize(input, AssessCandidacy.Json), ResultJson = JsonSerializer.Serialize(result, AssessCandidacy.Json),
            Verdict = result.Verdict, Band = result.Band, EarliestEligibleDate = result.EarliestEligibleDate, AssessedBy = "Dr. Elena Marquez", At = at.UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static FixedClock At(DateTimeOffset at) => new(at);

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
