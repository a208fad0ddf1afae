using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.Instruments;
using Talus.Web.Data;

namespace Talus.Web.Features.Intake;

/// <summary>
/// Synthetic intakes and baseline questionnaires for most demo patients: varied histories (diabetes, anticoagulants,
/// recent steroid injections, smokers), some drafts, and the portal patient's own submitted intake with FAOS and NRS.
/// </summary>
public static class IntakeDemoData
{
    private static readonly (string Name, MedicationClass Class, string Dose)[] Medicines =
    [
        ("Apixaban", MedicationClass.Anticoagulant, "5 mg twice daily"),
        ("Warfarin", MedicationClass.Anticoagulant, "5 mg daily"),
        ("Ibuprofen", MedicationClass.Nsaid, "400 mg as needed"),
        ("Naproxen", MedicationClass.Nsaid, "500 mg twice daily"),
        ("Meloxicam", MedicationClass.Nsaid, "15 mg daily"),
        ("Prednisone", MedicationClass.SystemicCorticosteroid, "5 mg daily"),
        ("Methotrexate", MedicationClass.Immunosuppressant, "15 mg weekly"),
        ("Aspirin", MedicationClass.LowDoseAspirin, "81 mg daily"),
        ("Metformin", MedicationClass.Other, "1000 mg twice daily"),
        ("Lisinopril", MedicationClass.Other, "10 mg daily"),
        ("Atorvastatin", MedicationClass.Other, "20 mg daily"),
        ("Levothyroxine", MedicationClass.Other, "75 mcg daily"),
    ];

    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        var today = SaveIntake.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var patients = await db.Patients.AsNoTracking().OrderBy(p => p.Mrn).Select(p => new { p.Id, p.Mrn }).ToListAsync(ct);
        foreach (var p in patients)
        {
            var portal = p.Mrn == "T1000001";
            if (!portal && random.NextDouble() < 0.2)
            {
                continue;
            }
            var draft = !portal && random.NextDouble() < 0.12;
            var started = now.AddDays(-random.Next(2, 120));
            var intake = portal ? PortalIntake(p.Id, today, started) : RandomIntake(p.Id, today, started, random);
            intake.Status = draft ? RecordStatus.Draft : RecordStatus.Submitted;
            intake.SubmittedAt = draft ? null : started.AddMinutes(25);
            db.Intakes.Add(intake);

            if (draft)
            {
                continue;
            }
            var severity = portal ? 1.8 : 0.8 + (random.NextDouble() * 2.2);
            var instruments = portal
                ? new[] { InstrumentId.Faos, InstrumentId.NrsPain }
                : random.NextDouble() < 0.85 ? Questionnaires.Baseline : [InstrumentId.Faos, InstrumentId.NrsPain];
            foreach (var id in instruments)
            {
                var answers = Answers(id, severity, intake, random);
                var scored = Questionnaires.Score(Questionnaires.Definition(id), answers).Value;
                if (scored is null)
                {
                    continue;
                }
                db.QuestionnaireResponses.Add(new QuestionnaireResponse
                {
                    PatientId = p.Id, Instrument = id, Context = QuestionnaireContext.Baseline, Joint = intake.TargetJoint, Side = intake.TargetSide,
                    Status = RecordStatus.Submitted, EnteredBy = random.NextDouble() < 0.7 ? EnteredBy.Patient : EnteredBy.Staff,
                    AnswersJson = JsonSerializer.Serialize(answers), ScoresJson = JsonSerializer.Serialize(scored.Scores),
                    ScoringVersion = scored.Version, CompletedOn = DateOnly.FromDateTime(started), UpdatedAt = started.AddMinutes(40),
                });
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static Data.Intake PortalIntake(Guid patientId, DateOnly today, DateTime started)
    {
        var intake = new Data.Intake
        {
            PatientId = patientId, EnteredBy = EnteredBy.Patient, StartedAt = started, UpdatedAt = started,
            TargetJoint = Joint.Ankle, TargetSide = Side.Right, SymptomDurationMonths = 30, ConservativeCareMonths = 14,
            PainNrsAverage = 6, PainNrsWorst = 8, Goals = "Walk my dog around the park again and garden without limping.",
            ActivityLevel = ActivityLevel.Light, SportsActive = false, Smoking = SmokingStatus.Never, HeightCm = 160.0m, WeightKg = 70.3m,
            Diabetic = false, KnownCoagulopathy = false, PlateletDysfunction = false, InflammatoryArthritis = false, ActiveMalignancy = false,
            HematologicOrBoneMalignancy = false, MalignancyHistory = false, PregnantOrBreastfeeding = false, RecentFeverOrIllness = false,
            CanCompleteFollowUp = true,
        };
        intake.Medications.Add(new MedicationEntry { PatientId = patientId, IntakeId = intake.Id, Name = "Naproxen", Class = MedicationClass.Nsaid, Dose = "220 mg as needed", LastDoseOn = today.AddDays(-3) });
        intake.Medications.Add(new MedicationEntry { PatientId = patientId, IntakeId = intake.Id, Name = "Lisinopril", Class = MedicationClass.Other, Dose = "10 mg daily", Ongoing = true });
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.PhysicalTherapy, StartedOn = Month(today, -14), LastOn = Month(today, -11), Helped = true, Notes = "Helped for a few months" });
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.Orthotics, StartedOn = Month(today, -12), Helped = false });
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.CorticosteroidInjection, Joint = Joint.Ankle, Side = Side.Right, StartedOn = Month(today, -9), LastOn = Month(today, -5), Helped = true });
        intake.Allergies.Add(new AllergyEntry { PatientId = patientId, IntakeId = intake.Id, Substance = "Penicillin", Reaction = "Rash" });
        return intake;
    }

    private static Data.Intake RandomIntake(Guid patientId, DateOnly today, DateTime started, Random r)
    {
        var joint = r.NextDouble() switch { < 0.5 => Joint.Ankle, < 0.75 => Joint.FirstMtp, < 0.87 => Joint.Subtalar, < 0.95 => Joint.Midfoot, _ => Joint.Talonavicular };
        var side = r.Next(2) == 0 ? Side.Right : Side.Left;
        var smoker = r.NextDouble() < 0.14;
        var diabetic = r.NextDouble() < 0.18;
        var malignancyHistory = r.NextDouble() < 0.07;
        var fever = r.NextDouble() < 0.04;
        var intake = new Data.Intake
        {
            PatientId = patientId, EnteredBy = r.NextDouble() < 0.65 ? EnteredBy.Patient : EnteredBy.Staff, StartedAt = started, UpdatedAt = started,
            TargetJoint = joint, TargetSide = side, SymptomDurationMonths = r.Next(3, 96), ConservativeCareMonths = r.Next(0, 36),
            PainNrsAverage = r.Next(3, 9), PainNrsWorst = r.Next(6, 11),
            Goals = r.NextDouble() < 0.5 ? "Walk without pain" : r.NextDouble() < 0.5 ? "Get back to hiking" : "Stand through a work shift",
            ActivityLevel = (ActivityLevel)r.Next(0, 5), SportsActive = r.NextDouble() < 0.3,
            Smoking = smoker ? SmokingStatus.Current : r.NextDouble() < 0.25 ? SmokingStatus.Former : SmokingStatus.Never,
            HeightCm = Math.Round(150m + (decimal)(r.NextDouble() * 40), 1), WeightKg = Math.Round(55m + (decimal)(r.NextDouble() * 60), 1),
            Diabetic = diabetic, KnownCoagulopathy = r.NextDouble() < 0.02, PlateletDysfunction = false,
            InflammatoryArthritis = r.NextDouble() < 0.05, ActiveMalignancy = r.NextDouble() < 0.01, HematologicOrBoneMalignancy = false,
            MalignancyHistory = malignancyHistory, MalignancyLastActiveOn = malignancyHistory ? today.AddDays(-r.Next(200, 4000)) : null,
            PregnantOrBreastfeeding = false, RecentFeverOrIllness = fever, RecentFeverOrIllnessOn = fever ? today.AddDays(-r.Next(1, 12)) : null,
            CanCompleteFollowUp = r.NextDouble() < 0.97,
        };
        void Med(int index, bool ongoing)
        {
            var (name, cls, dose) = Medicines[index];
            if (intake.Medications.Any(m => m.Name == name))
            {
                return;
            }
            intake.Medications.Add(new MedicationEntry
            {
                PatientId = patientId, IntakeId = intake.Id, Name = name, Class = cls, Dose = dose, Ongoing = ongoing,
                LastDoseOn = ongoing ? null : today.AddDays(-r.Next(1, 80)),
            });
        }
        if (diabetic) Med(8, true);
        if (r.NextDouble() < 0.1) Med(r.Next(0, 2), true);
        if (r.NextDouble() < 0.45) Med(r.Next(2, 5), r.NextDouble() < 0.5);
        if (r.NextDouble() < 0.04) Med(5, true);
        if (intake.InflammatoryArthritis == true) Med(6, true);
        if (r.NextDouble() < 0.15) Med(7, true);
        for (var k = r.Next(0, 3); k > 0; k--) Med(r.Next(9, 12), true);

        var kinds = new[] { PriorTreatmentKind.PhysicalTherapy, PriorTreatmentKind.Orthotics, PriorTreatmentKind.Bracing, PriorTreatmentKind.NsaidsOrAnalgesics, PriorTreatmentKind.ActivityModification };
        foreach (var kind in kinds.Where(_ => r.NextDouble() < 0.45))
        {
            var from = Month(today, -r.Next(6, 40));
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = kind, StartedOn = from, LastOn = from.AddMonths(r.Next(1, 6)) > today ? null : from.AddMonths(r.Next(1, 6)), Helped = r.NextDouble() < 0.4 });
        }
        if (r.NextDouble() < 0.45)
        {
            // A steroid injection into the target joint: some recent enough to matter for the washout (SPEC §2.4).
            var last = today.AddDays(-r.Next(20, 400));
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.CorticosteroidInjection, Joint = joint, Side = side, StartedOn = last.AddMonths(-r.Next(0, 8)), LastOn = last, Helped = r.NextDouble() < 0.6, Notes = "Relief for a few weeks" });
        }
        if (r.NextDouble() < 0.12)
        {
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = r.Next(2) == 0 ? PriorTreatmentKind.HyaluronicAcidInjection : PriorTreatmentKind.PrpInjection, Joint = joint, Side = side, LastOn = today.AddDays(-r.Next(60, 500)), Helped = false });
        }
        if (r.NextDouble() < 0.05)
        {
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.Arthroscopy, Joint = joint, Side = side, LastOn = today.AddDays(-r.Next(120, 1500)), Helped = false });
        }
        if (r.NextDouble() < 0.25)
        {
            var (substance, reaction) = r.Next(4) switch { 0 => ("Penicillin", "Hives"), 1 => ("Sulfa drugs", "Rash"), 2 => ("Latex", "Itching"), _ => ("Codeine", "Nausea") };
            intake.Allergies.Add(new AllergyEntry { PatientId = patientId, IntakeId = intake.Id, Substance = substance, Reaction = reaction });
        }
        return intake;
    }

    private static Dictionary<string, int?> Answers(InstrumentId id, double severity, Data.Intake intake, Random r)
    {
        var d = Questionnaires.Definition(id);
        if (id == InstrumentId.NrsPain)
        {
            return new() { [d.Items[0].Key] = intake.PainNrsAverage ?? 5 };
        }
        if (id == InstrumentId.PatientGlobalAssessment)
        {
            return new() { [d.Items[0].Key] = Math.Clamp((int)Math.Round((severity * 25) + (r.NextDouble() * 20) - 10), 0, 100) };
        }
        var answers = new Dictionary<string, int?>();
        foreach (var item in d.Items)
        {
            // Severity 0..4 on the "worse" end; FAAM's answers run the other way (4 = no difficulty).
            var worse = Math.Clamp((int)Math.Round(severity + ((r.NextDouble() - 0.5) * 1.6)), 0, 4);
            if (id == InstrumentId.FaamSports && intake.SportsActive == false && r.NextDouble() < 0.3)
            {
                answers[item.Key] = InstrumentItem.NotApplicable;
                continue;
            }
            if (id == InstrumentId.Faos && r.NextDouble() < 0.02)
            {
                continue; // an occasional skipped question
            }
            answers[item.Key] = d.HigherAnswerIsWorse ? worse : 4 - worse;
        }
        return answers;
    }

    private static DateOnly Month(DateOnly today, int months) => new DateOnly(today.Year, today.Month, 1).AddMonths(months);
}
