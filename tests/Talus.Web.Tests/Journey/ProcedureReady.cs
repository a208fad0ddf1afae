using System.Text.Json;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.Plan;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

/// <summary>
/// Fixtures for tests whose subject is not the procedure gate: a stored, eligible candidacy assessment (decided by the real
/// rules) and, for booking, a current treatment plan, so the gate lets the procedure through.
/// </summary>
internal static class ProcedureReady
{
    /// <summary>A Candidate assessment of the joint made on <paramref name="assessedOn"/> (default: the test clock's today).</summary>
    public static Task AssessedAsync(TalusApp app, Guid patientId, Joint joint = Joint.Ankle, Side side = Side.Right,
        InjectionProduct product = InjectionProduct.BoneMarrowAspirateConcentrate, DateOnly? assessedOn = null) => app.WithDbAsync(async db =>
    {
        var on = assessedOn ?? JourneyRecord.Today(app);
        var input = new CandidacyInput
        {
            TargetJoint = joint, TargetSide = side, Product = product,
            Grades = [joint == Joint.FirstMtp ? OaGrade.CoughlinShurnas(2, side, "Dr. Test", on) : OaGrade.KellgrenLawrence(2, joint, side, "Dr. Test", on)],
            DateOfBirth = new DateOnly(1962, 4, 1), SymptomDurationMonths = 18, ConservativeCareMonths = 6,
            ConservativeModalities = [ConservativeModality.PhysicalTherapy, ConservativeModality.Bracing], PainNrs = 6,
            CanGiveInformedConsent = true, CanCompleteFollowUp = true, ActiveInfection = false, HemodynamicInstability = false, PlateletDysfunction = false,
            ActiveMalignancy = false, HematologicOrBoneMalignancy = false, PregnantOrBreastfeeding = false, Diabetic = false, KnownCoagulopathy = false,
            InflammatoryArthritis = false, CurrentSmoker = false, InstabilityOrMechanicalSymptoms = false, MalalignmentDegrees = 3m, MalignancyHistory = false,
            History = [], Bmi = 27m, HemoglobinGramsPerDeciliter = 13.5m, Platelets = 250m, Inr = 1.0m, CreatinineMgPerDeciliter = 0.9m,
            AltUnitsPerLiter = 25m, AstUnitsPerLiter = 22m,
        };
        var result = Candidacy.Assess(input, new CandidacySettings(), on);
        Assert.Equal(CandidacyVerdict.Candidate, result.Verdict);
        db.CandidacyAssessments.Add(new CandidacyAssessment
        {
            PatientId = patientId, Joint = joint, Side = side, Product = product, AssessedOn = on, RulesVersion = result.RulesVersion,
            InputJson = JsonSerializer.Serialize(input, AssessCandidacy.Json), ResultJson = JsonSerializer.Serialize(result, AssessCandidacy.Json),
            Verdict = result.Verdict, AssessedBy = "Dr. Test", At = app.Clock.GetUtcNow().UtcDateTime,
        });
        return await db.SaveChangesAsync();
    });

    /// <summary>A current PRP plan (GREEN: no counsel sign-off involved) and an eligible assessment of the right ankle.</summary>
    public static async Task ForBookingAsync(TalusApp app, Guid patientId, DateOnly? assessedOn = null)
    {
        await app.WithDbAsync(db =>
        {
            db.TreatmentPlans.Add(new TreatmentPlan
            {
                PatientId = patientId, Joint = Joint.Ankle, Side = Side.Right, Version = 1, Product = InjectionProduct.PlateletRichPlasma,
                PlannedInjections = 1, Rationale = "Test plan.", CreatedAt = app.Clock.GetUtcNow().UtcDateTime, CreatedBy = "Dr. Test",
            });
            return db.SaveChangesAsync();
        });
        await AssessedAsync(app, patientId, product: InjectionProduct.PlateletRichPlasma, assessedOn: assessedOn);
    }
}
