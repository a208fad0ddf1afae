using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Intake;

/// <summary>
/// The intake answers, the same shape for the forms and the REST API. Everything may be blank in a draft;
/// <see cref="IntakeRules.Incomplete"/> says what a submitted intake needs.
/// </summary>
public class IntakeInput
{
    public Joint? TargetJoint { get; set; }
    public Side? TargetSide { get; set; }
    /// <summary>Months of joint pain (I2 asks for ≥ 6, SPEC §2.1); a lifetime (100 years) at most.</summary>
    [Range(0, 1200, ErrorMessage = "Enter a number of months from 0 to 1200.")] public int? SymptomDurationMonths { get; set; }
    /// <summary>Months of conservative care (I3 asks for ≥ 3, SPEC §2.1); a lifetime (100 years) at most.</summary>
    [Range(0, 1200, ErrorMessage = "Enter a number of months from 0 to 1200.")] public int? ConservativeCareMonths { get; set; }
    /// <summary>Pain NRS 0–10, an integer (SPEC §3.4); I4 asks for ≥ 4 (SPEC §2.1).</summary>
    [Range(0, 10, ErrorMessage = "Choose a number from 0 to 10.")] public int? PainNrsAverage { get; set; }
    [Range(0, 10, ErrorMessage = "Choose a number from 0 to 10.")] public int? PainNrsWorst { get; set; }
    [StringLength(2000, ErrorMessage = "Please keep this under 2,000 characters.")] public string? Goals { get; set; }
    public ActivityLevel? ActivityLevel { get; set; }
    public bool? SportsActive { get; set; }
    public SmokingStatus? Smoking { get; set; }
    /// <summary>Height and weight give the BMI of R2 (SPEC §2.3); the ranges hold every adult (I5: 18–75 y).</summary>
    [Range(typeof(decimal), "90", "250", ErrorMessage = "Height must be between 90 and 250 cm.")] public decimal? HeightCm { get; set; }
    [Range(typeof(decimal), "25", "350", ErrorMessage = "Weight must be between 25 and 350 kg.")] public decimal? WeightKg { get; set; }

    public bool? Diabetic { get; set; }
    public bool? KnownCoagulopathy { get; set; }
    public bool? PlateletDysfunction { get; set; }
    public bool? InflammatoryArthritis { get; set; }
    public bool? ActiveMalignancy { get; set; }
    public bool? HematologicOrBoneMalignancy { get; set; }
    public bool? MalignancyHistory { get; set; }
    public DateOnly? MalignancyLastActiveOn { get; set; }
    public bool? PregnantOrBreastfeeding { get; set; }
    public bool? RecentFeverOrIllness { get; set; }
    public DateOnly? RecentFeverOrIllnessOn { get; set; }
    public bool? CanCompleteFollowUp { get; set; }
    [StringLength(4000, ErrorMessage = "Please keep this under 4,000 characters.")] public string? OtherHistory { get; set; }

    // A form post without rows (or JSON null) is an empty list, so the form shows its messages instead of failing.
    public List<MedicationInput> Medications { get => medications; set => medications = value ?? []; }
    public List<PriorTreatmentInput> PriorTreatments { get => priorTreatments; set => priorTreatments = value ?? []; }
    public List<AllergyInput> Allergies { get => allergies; set => allergies = value ?? []; }
    private List<MedicationInput> medications = [];
    private List<PriorTreatmentInput> priorTreatments = [];
    private List<AllergyInput> allergies = [];

    public static T From<T>(Data.Intake i) where T : IntakeInput, new() => new()
    {
        TargetJoint = i.TargetJoint, TargetSide = i.TargetSide, SymptomDurationMonths = i.SymptomDurationMonths,
        ConservativeCareMonths = i.ConservativeCareMonths, PainNrsAverage = i.PainNrsAverage, PainNrsWorst = i.PainNrsWorst,
        Goals = i.Goals, ActivityLevel = i.ActivityLevel, SportsActive = i.SportsActive, Smoking = i.Smoking,
        HeightCm = i.HeightCm, WeightKg = i.WeightKg, Diabetic = i.Diabetic, KnownCoagulopathy = i.KnownCoagulopathy,
        PlateletDysfunction = i.PlateletDysfunction, InflammatoryArthritis = i.InflammatoryArthritis,
        ActiveMalignancy = i.ActiveMalignancy, HematologicOrBoneMalignancy = i.HematologicOrBoneMalignancy,
        MalignancyHistory = i.MalignancyHistory, MalignancyLastActiveOn = i.MalignancyLastActiveOn,
        PregnantOrBreastfeeding = i.PregnantOrBreastfeeding, RecentFeverOrIllness = i.RecentFeverOrIllness,
        RecentFeverOrIllnessOn = i.RecentFeverOrIllnessOn, CanCompleteFollowUp = i.CanCompleteFollowUp, OtherHistory = i.OtherHistory,
        Medications = [.. i.Medications.Select(m => new MedicationInput { Name = m.Name, Class = m.Class, Dose = m.Dose, Ongoing = m.Ongoing, LastDoseOn = m.LastDoseOn })],
        PriorTreatments = [.. i.PriorTreatments.Select(t => new PriorTreatmentInput { Kind = t.Kind, Joint = t.Joint, Side = t.Side, StartedOn = t.StartedOn, LastOn = t.LastOn, Helped = t.Helped, Notes = t.Notes })],
        Allergies = [.. i.Allergies.Select(a => new AllergyInput { Substance = a.Substance, Reaction = a.Reaction })],
    };

    /// <summary>Copies the answers onto an intake; the rows are replaced (a draft is rewritten as a whole).</summary>
    public void ApplyTo(Data.Intake i)
    {
        i.TargetJoint = TargetJoint; i.TargetSide = TargetSide; i.SymptomDurationMonths = SymptomDurationMonths;
        i.ConservativeCareMonths = ConservativeCareMonths; i.PainNrsAverage = PainNrsAverage; i.PainNrsWorst = PainNrsWorst;
        i.Goals = Blank(Goals); i.ActivityLevel = ActivityLevel; i.SportsActive = SportsActive; i.Smoking = Smoking;
        i.HeightCm = HeightCm is { } h ? Math.Round(h, 1) : null; i.WeightKg = WeightKg is { } w ? Math.Round(w, 1) : null;
        i.Diabetic = Diabetic; i.KnownCoagulopathy = KnownCoagulopathy; i.PlateletDysfunction = PlateletDysfunction;
        i.InflammatoryArthritis = InflammatoryArthritis; i.ActiveMalignancy = ActiveMalignancy;
        i.HematologicOrBoneMalignancy = HematologicOrBoneMalignancy; i.MalignancyHistory = MalignancyHistory;
        i.MalignancyLastActiveOn = MalignancyHistory == true ? MalignancyLastActiveOn : null;
        i.PregnantOrBreastfeeding = PregnantOrBreastfeeding; i.RecentFeverOrIllness = RecentFeverOrIllness;
        i.RecentFeverOrIllnessOn = RecentFeverOrIllness == true ? RecentFeverOrIllnessOn : null;
        i.CanCompleteFollowUp = CanCompleteFollowUp; i.OtherHistory = Blank(OtherHistory);
        i.Medications.Clear();
        i.Medications.AddRange(Medications.Select(m => new MedicationEntry
        {
            PatientId = i.PatientId, IntakeId = i.Id, Name = m.Name!.Trim(), Class = m.Class ?? MedicationClass.Other,
            Dose = Blank(m.Dose), Ongoing = m.Ongoing, LastDoseOn = m.LastDoseOn,
        }));
        i.PriorTreatments.Clear();
        i.PriorTreatments.AddRange(PriorTreatments.Select(t => new PriorTreatment
        {
            PatientId = i.PatientId, IntakeId = i.Id, Kind = t.Kind!.Value, Joint = t.Joint, Side = t.Side,
            StartedOn = t.StartedOn, LastOn = t.LastOn, Helped = t.Helped, Notes = Blank(t.Notes),
        }));
        i.Allergies.Clear();
        i.Allergies.AddRange(Allergies.Select(a => new AllergyEntry { PatientId = i.PatientId, IntakeId = i.Id, Substance = a.Substance!.Trim(), Reaction = Blank(a.Reaction) }));
    }

    /// <summary>Drops the empty rows a form leaves behind.</summary>
    public void DropBlankRows()
    {
        Medications.RemoveAll(m => string.IsNullOrWhiteSpace(m.Name) && m.Class is null && string.IsNullOrWhiteSpace(m.Dose) && m.LastDoseOn is null);
        PriorTreatments.RemoveAll(t => t.Kind is null && t.Joint is null && t.Side is null && t.StartedOn is null && t.LastOn is null && t.Helped is null && string.IsNullOrWhiteSpace(t.Notes));
        Allergies.RemoveAll(a => string.IsNullOrWhiteSpace(a.Substance) && string.IsNullOrWhiteSpace(a.Reaction));
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class MedicationInput
{
    [StringLength(200, ErrorMessage = "Please keep the name under 200 characters.")] public string? Name { get; set; }
    public MedicationClass? Class { get; set; }
    [StringLength(100, ErrorMessage = "Please keep the dose under 100 characters.")] public string? Dose { get; set; }
    public bool Ongoing { get; set; }
    public DateOnly? LastDoseOn { get; set; }
}

public sealed class PriorTreatmentInput
{
    public PriorTreatmentKind? Kind { get; set; }
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? LastOn { get; set; }
    public bool? Helped { get; set; }
    [StringLength(400, ErrorMessage = "Please keep the note under 400 characters.")] public string? Notes { get; set; }
}

public sealed class AllergyInput
{
    [StringLength(200, ErrorMessage = "Please keep this under 200 characters.")] public string? Substance { get; set; }
    [StringLength(200, ErrorMessage = "Please keep this under 200 characters.")] public string? Reaction { get; set; }
}

/// <summary>
/// The intake form: US units for height and weight (converted to the stored centimetres and kilograms), and the
/// button that was pressed.
/// </summary>
public sealed class IntakeFormModel : IntakeInput
{
    [Range(3, 7, ErrorMessage = "Enter feet from 3 to 7.")] public int? HeightFeet { get; set; }
    [Range(0, 11, ErrorMessage = "Enter inches from 0 to 11.")] public int? HeightInches { get; set; }
    [Range(50, 700, ErrorMessage = "Enter a weight from 50 to 700 pounds.")] public int? WeightPounds { get; set; }
    [JsonIgnore] public string? Action { get; set; }

    public static IntakeFormModel FromIntake(Data.Intake intake)
    {
        var form = From<IntakeFormModel>(intake);
        if (intake.HeightCm is { } cm)
        {
            var inches = (int)Math.Round(cm / 2.54m);
            form.HeightFeet = inches / 12;
            form.HeightInches = inches % 12;
        }
        form.WeightPounds = intake.WeightKg is { } kg ? (int)Math.Round(kg / 0.45359237m) : null;
        return form;
    }

    /// <summary>Turns the US units into the stored ones.</summary>
    public void ConvertUnits()
    {
        HeightCm = HeightFeet is { } ft ? Math.Round(((ft * 12) + (HeightInches ?? 0)) * 2.54m, 1) : null;
        WeightKg = WeightPounds is { } lb ? Math.Round(lb * 0.45359237m, 1) : null;
    }

    /// <summary>Leaves at least <paramref name="blank"/> empty rows in each list for the person to fill.</summary>
    public void PadRows(int blank = 1)
    {
        while (Medications.Count(m => string.IsNullOrWhiteSpace(m.Name)) < blank) Medications.Add(new());
        while (PriorTreatments.Count(t => t.Kind is null) < blank) PriorTreatments.Add(new());
        while (Allergies.Count(a => string.IsNullOrWhiteSpace(a.Substance)) < blank) Allergies.Add(new());
    }
}
