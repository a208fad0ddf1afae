using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.DecisionAid;

namespace Talus.Web.Features.Evaluation;

using Intake = Talus.Web.Data.Intake;

/// <summary>
/// Synthetic evaluations, imaging grades and labs for most demo patients, their candidacy assessments, and decision aids for a
/// few. Varied on purpose: some end-stage joints, some steroid washouts pending, some HbA1c 7.5 or 9, some low platelets, some
/// without labs yet. Patients without a submitted intake get a short staff-entered one, so candidacy has something to read.
/// </summary>
public static class EvaluationDemo
{
    public static async Task SeedAsync(ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, IStringLocalizer<PatientText> t, Random random, CancellationToken ct)
    {
        if (await db.Evaluations.AnyAsync(ct))
        {
            return;
        }
        var today = RecordEvaluation.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var clinicians = await db.Users.Where(u => u.StaffMemberId != null)
            .Join(db.Staff.Where(s => s.Role == Roles.Clinician), u => u.StaffMemberId, s => s.Id, (u, s) => new { u.UserName, s.Id, s.DisplayName })
            .OrderBy(x => x.Id).ToListAsync(ct);
        var patients = await db.Patients.AsNoTracking().OrderBy(p => p.Mrn).Select(p => new { p.Id, p.Mrn }).ToListAsync(ct);
        var withIntake = (await db.Intakes.Where(i => i.Status == RecordStatus.Submitted).Select(i => i.PatientId).Distinct().ToListAsync(ct)).ToHashSet();

        var assessed = new List<(Guid Id, bool Portal)>();
        foreach (var p in patients)
        {
            var portal = p.Mrn == "T1000001";
            if (!portal && random.NextDouble() < 0.2)
            {
                continue; // not evaluated yet
            }
            var who = clinicians.Count == 0 ? null : clinicians[portal ? 0 : random.Next(clinicians.Count)];
            var profile = portal ? Portal() : Random(random);
            if (!withIntake.Contains(p.Id))
            {
                db.Intakes.Add(Intake(p.Id, profile, today, now, random));
            }
            var examined = today.AddDays(-(portal ? 3 : random.Next(1, 60)));
            db.Evaluations.Add(new Data.Evaluation
            {
                PatientId = p.Id,
                ExaminedOn = examined,
                Joint = profile.Joint,
                Side = profile.Side,
                Alignment = profile.Joint == Joint.Ankle ? (profile.Malalignment > 5 ? "varus talar tilt" : "neutral") : null,
                MalalignmentDegrees = profile.Joint == Joint.Ankle ? profile.Malalignment : null,
                Instability = profile.Instability,
                MechanicalSymptoms = false,
                InfectionAtSite = false,
                HemodynamicInstability = false,
                CanGiveInformedConsent = true,
                DorsiflexionDegrees = profile.Joint == Joint.FirstMtp ? Math.Max(5, 45 - (profile.Kl * 9)) : 15 - profile.Kl,
                PlantarflexionDegrees = profile.Joint == Joint.FirstMtp ? Math.Max(5, 30 - (profile.Kl * 5)) : 40 - (profile.Kl * 3),
                PainAtMidRange = profile.Joint == Joint.FirstMtp ? profile.Kl >= 4 : null,
                PainNrs = profile.Nrs,
                ClinicianId = who?.Id,
                RecordedBy = who?.UserName,
                RecordedAt = now.AddDays(examined.DayNumber - today.DayNumber),
            });
            var study = new ImagingStudy
            {
                PatientId = p.Id,
                Modality = ImagingModality.WeightBearingRadiograph,
                PerformedOn = examined.AddDays(-random.Next(0, 20)),
                Joint = profile.Joint,
                Side = profile.Side,
                Report = profile.Kl switch
                {
                    0 => "No joint-space narrowing or osteophytes.",
                    1 => "Doubtful narrowing, possible osteophytic lipping.",
                    2 => "Definite osteophytes, possible joint-space narrowing.",
                    3 => "Moderate osteophytes, definite narrowing, some sclerosis.",
                    _ => "Large osteophytes, marked narrowing, bone-on-bone contact, deformity of bone ends.",
                },
                RecordedAt = now,
            };
            var reader = who?.DisplayName ?? "Dr. Elena Marquez";
            study.Grades.Add(Grade(p.Id, study, GradingSystem.KellgrenLawrence, profile.Kl.ToString(), reader));
            if (profile.Joint == Joint.Ankle && profile.Kl > 0)
            {
                study.Grades.Add(Grade(p.Id, study, GradingSystem.Takakura, profile.Kl switch { 1 => "1", 2 => "2", 3 => "3a", _ => random.Next(2) == 0 ? "3b" : "4" }, reader));
            }
            if (profile.Joint == Joint.FirstMtp)
            {
                study.Grades.Add(Grade(p.Id, study, GradingSystem.CoughlinShurnas, profile.Kl.ToString(), reader));
            }
            db.ImagingStudies.Add(study);
            if (profile.Labs)
            {
                AddLabs(db, p.Id, profile, examined.AddDays(-random.Next(0, 10)), now, random);
            }
            assessed.Add((p.Id, portal));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var shown = 0;
        foreach (var (id, portal) in assessed)
        {
            var user = clinicians.Count == 0 ? null : clinicians[portal ? 0 : random.Next(clinicians.Count)].UserName;
            var outcome = await AssessCandidacy.RunAsync(id, new CandidacyRequest(), user, db, settings, clock, ct);
            db.ChangeTracker.Clear();
            if (outcome.Value is not { } report)
            {
                continue;
            }
            if (portal || (shown < 15 && report.Verdict is CandidacyVerdict.Candidate or CandidacyVerdict.CandidateWithConditions && random.NextDouble() < 0.2))
            {
                var chosen = portal ? "bmac" : BuildDecisionAid.OptionKeys[random.Next(BuildDecisionAid.OptionKeys.Length)];
                await BuildDecisionAid.MarkShownAsync(id, new MarkShownRequest { Joint = report.Joint, Side = report.Side, ChosenOption = chosen },
                    user, db, settings, t, clock, null, ct);
                db.ChangeTracker.Clear();
                shown++;
            }
        }
    }

    private sealed record Profile(Joint Joint, Side Side, int Kl, int Nrs, decimal Malalignment, bool Instability, int SymptomMonths,
        int CareMonths, int? SteroidDaysAgo, bool NsaidOngoing, bool Anticoagulant, bool Smoker, bool Diabetic, decimal? HbA1c,
        decimal Platelets, decimal HeightCm, decimal WeightKg, bool Labs);

    /// <summary>The portal patient: right ankle, KL 2 / Takakura 2, a steroid injection 50 days ago (washout pending).</summary>
    private static Profile Portal() => new(Joint.Ankle, Side.Right, 2, 6, 4m, false, 30, 12, 50, false, false, false, false, 5.4m, 245m, 163m, 68m, true);

    private static Profile Random(Random r)
    {
        var roll = r.NextDouble();
        var joint = roll < 0.45 ? Joint.Ankle : roll < 0.75 ? Joint.FirstMtp : roll < 0.87 ? Joint.Subtalar : roll < 0.95 ? Joint.Midfoot : Joint.Talonavicular;
        var klRoll = r.NextDouble();
        var kl = klRoll < 0.04 ? 0 : klRoll < 0.14 ? 1 : klRoll < 0.49 ? 2 : klRoll < 0.83 ? 3 : 4;
        var diabetic = r.NextDouble() < 0.18;
        decimal? a1c = diabetic ? (r.NextDouble() < 0.5 ? 7.5m : 9.0m) : (r.NextDouble() < 0.5 ? Math.Round(4.8m + (decimal)r.NextDouble(), 1) : null);
        var plateletRoll = r.NextDouble();
        var platelets = plateletRoll < 0.03 ? 42m : plateletRoll < 0.08 ? 86m : 160m + r.Next(0, 220);
        var height = 150m + r.Next(0, 40);
        var bmi = 21m + (decimal)(r.NextDouble() * 17);
        return new Profile(joint, r.Next(2) == 0 ? Side.Right : Side.Left, kl, 3 + r.Next(0, 7),
            joint == Joint.Ankle ? Math.Round((decimal)(r.NextDouble() * 14), 1) : 0m, r.NextDouble() < 0.06,
            r.NextDouble() < 0.08 ? 4 : 6 + r.Next(0, 60), r.NextDouble() < 0.08 ? 2 : 3 + r.Next(0, 24),
            r.NextDouble() < 0.22 ? 15 + r.Next(0, 100) : null, r.NextDouble() < 0.12, r.NextDouble() < 0.05, r.NextDouble() < 0.1,
            diabetic, a1c, platelets, height, Math.Round(bmi * height * height / 10000m, 1), r.NextDouble() > 0.1);
    }

    private static Intake Intake(Guid patientId, Profile p, DateOnly today, DateTime now, Random r)
    {
        var intake = new Intake
        {
            PatientId = patientId,
            Status = RecordStatus.Submitted,
            EnteredBy = EnteredBy.Staff,
            TargetJoint = p.Joint,
            TargetSide = p.Side,
            SymptomDurationMonths = p.SymptomMonths,
            ConservativeCareMonths = p.CareMonths,
            PainNrsAverage = Math.Max(0, p.Nrs - 1),
            PainNrsWorst = Math.Min(10, p.Nrs + 2),
            Goals = "Walk without pain; get back to hiking.",
            Smoking = p.Smoker ? SmokingStatus.Current : SmokingStatus.Never,
            HeightCm = p.HeightCm,
            WeightKg = p.WeightKg,
            Diabetic = p.Diabetic,
            KnownCoagulopathy = false,
            PlateletDysfunction = false,
            InflammatoryArthritis = false,
            ActiveMalignancy = false,
            HematologicOrBoneMalignancy = false,
            MalignancyHistory = false,
            PregnantOrBreastfeeding = false,
            CanCompleteFollowUp = true,
            StartedAt = now.AddDays(-20),
            UpdatedAt = now.AddDays(-18),
            SubmittedAt = now.AddDays(-18),
        };
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.PhysicalTherapy, StartedOn = today.AddMonths(-p.CareMonths), LastOn = today.AddMonths(-1), Helped = false });
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = r.Next(2) == 0 ? PriorTreatmentKind.Orthotics : PriorTreatmentKind.Bracing, StartedOn = today.AddMonths(-p.CareMonths), Helped = false });
        if (p.SteroidDaysAgo is { } days)
        {
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.CorticosteroidInjection, Joint = p.Joint, Side = p.Side, StartedOn = today.AddDays(-days), LastOn = today.AddDays(-days), Helped = true, Notes = "Helped for about 6 weeks." });
        }
        if (p.NsaidOngoing)
        {
            intake.Medications.Add(new MedicationEntry { PatientId = patientId, IntakeId = intake.Id, Name = "Naproxen", Class = MedicationClass.Nsaid, Dose = "500 mg twice daily", Ongoing = true, LastDoseOn = today });
        }
        if (p.Anticoagulant)
        {
            intake.Medications.Add(new MedicationEntry { PatientId = patientId, IntakeId = intake.Id, Name = "Apixaban", Class = MedicationClass.Anticoagulant, Dose = "5 mg twice daily", Ongoing = true, LastDoseOn = today });
        }
        return intake;
    }

    private static ImagingGrade Grade(Guid patientId, ImagingStudy study, GradingSystem system, string value, string reader) => new()
    {
        PatientId = patientId,
        ImagingStudyId = study.Id,
        System = system,
        Value = value,
        Reader = reader,
        ReadOn = study.PerformedOn,
        DefinitionVersion = ImagingInput.DefaultDefinition(system),
    };

    private static void AddLabs(ClinicDb db, Guid patientId, Profile p, DateOnly on, DateTime now, Random r)
    {
        void Add(string loinc, decimal value)
        {
            var test = LabPanel.Find(loinc)!;
            db.LabResults.Add(new LabResult
            {
                PatientId = patientId, Loinc = loinc, Name = test.Name, Value = value, Unit = test.Unit,
                ReferenceLow = test.ReferenceLow, ReferenceHigh = test.ReferenceHigh, CollectedOn = on, RecordedAt = now,
            });
        }
        Add(LabPanel.Hemoglobin, Math.Round(11.5m + (decimal)(r.NextDouble() * 4), 1));
        Add(LabPanel.Platelets, p.Platelets);
        Add(LabPanel.Wbc, Math.Round(4.5m + (decimal)(r.NextDouble() * 6), 1));
        if (p.HbA1c is { } a1c)
        {
            Add(LabPanel.HbA1c, a1c);
        }
        Add(LabPanel.Crp, Math.Round((decimal)(r.NextDouble() * 8), 1));
        Add(LabPanel.Esr, r.Next(2, 25));
        Add(LabPanel.Creatinine, Math.Round(0.7m + (decimal)(r.NextDouble() * 0.5), 2));
        Add(LabPanel.Alt, r.Next(12, 45));
        Add(LabPanel.Ast, r.Next(12, 38));
        Add(LabPanel.Inr, Math.Round(0.9m + (decimal)(r.NextDouble() * 0.25), 2));
    }
}
