using System.ComponentModel.DataAnnotations;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Evaluation;

/// <summary>A clinician's exam of one joint on one side. Every save is a new evaluation; a correction is a new one too.</summary>
public sealed class EvaluationInput
{
    [Required, Display(Name = "Exam date")] public DateOnly? ExaminedOn { get; set; }
    [Required, Display(Name = "Joint")] public Joint? Joint { get; set; }
    [Required, Display(Name = "Side")] public Side? Side { get; set; }
    [StringLength(200), Display(Name = "Alignment")] public string? Alignment { get; set; }
    /// <summary>Talar tilt / coronal malalignment in degrees: R10 refers above 10° (SPEC §2.3); beyond 45° is a typo.</summary>
    [Range(0, 45), Display(Name = "Malalignment (degrees)")] public decimal? MalalignmentDegrees { get; set; }
    [Display(Name = "Instability")] public bool? Instability { get; set; }
    [Display(Name = "Mechanical symptoms or loose bodies")] public bool? MechanicalSymptoms { get; set; }
    [Display(Name = "Infection at the injection or harvest site")] public bool? InfectionAtSite { get; set; }
    [Display(Name = "Haemodynamic instability")] public bool? HemodynamicInstability { get; set; }
    [Display(Name = "Able to give informed consent")] public bool? CanGiveInformedConsent { get; set; }
    /// <summary>Passive dorsiflexion in degrees; Coughlin–Shurnas bands the 1st MTP from 40° down (SPEC §1.3). Above 120° is a typo.</summary>
    [Range(0, 120), Display(Name = "Dorsiflexion (degrees)")] public int? DorsiflexionDegrees { get; set; }
    /// <summary>Passive plantarflexion in degrees (SPEC §1.3 grade 3: often ≤ 10° at the 1st MTP); above 90° is a typo.</summary>
    [Range(0, 90), Display(Name = "Plantarflexion (degrees)")] public int? PlantarflexionDegrees { get; set; }
    /// <summary>Pain at mid-range of passive motion: Coughlin–Shurnas grade 4 vs 3 (SPEC §1.3); 1st MTP only.</summary>
    [Display(Name = "Pain at mid-range of passive motion")] public bool? PainAtMidRange { get; set; }
    /// <summary>Pain NRS: 0 = no pain, 10 = worst imaginable, an integer (SPEC §3.4).</summary>
    [Range(0, 10), Display(Name = "Pain NRS (0–10)")] public int? PainNrs { get; set; }
    [StringLength(4000), Display(Name = "Notes")] public string? Notes { get; set; }

    /// <summary>The annotations, then the rules they cannot express, named by camelCase field.</summary>
    public Failure? Check(DateOnly today)
    {
        if (InputCheck.Validate(this) is { } invalid)
        {
            return invalid;
        }
        var errors = new FieldErrors();
        if (ExaminedOn > today)
        {
            errors.Add("examinedOn", "The exam date cannot be in the future.");
        }
        if (PainAtMidRange is not null && Joint != Clinical.Joint.FirstMtp)
        {
            errors.Add("painAtMidRange", "Pain at mid-range applies to the first MTP joint only (Coughlin–Shurnas grade 4, SPEC §1.3).");
        }
        return errors.ToFailure();
    }
}

/// <summary>One grade; the system is checked by <see cref="ImagingInput.Check"/>, which names the row.</summary>
public sealed class GradeInput
{
    [Display(Name = "Grading system")] public GradingSystem? System { get; set; }
    [StringLength(10), Display(Name = "Grade")] public string? Value { get; set; }
    [StringLength(200), Display(Name = "Reader")] public string? Reader { get; set; }
    [Display(Name = "Read on")] public DateOnly? ReadOn { get; set; }
    /// <summary>Definition set used; defaults to the system's standard set (SPEC §1.1–§1.3).</summary>
    [StringLength(60), Display(Name = "Definition version")] public string? DefinitionVersion { get; set; }
}

/// <summary>An imaging study of one joint and side with one or more grades (SPEC §1).</summary>
public sealed class ImagingInput
{
    [Required, Display(Name = "Modality")] public ImagingModality? Modality { get; set; }
    [Required, Display(Name = "Date performed")] public DateOnly? PerformedOn { get; set; }
    [Required, Display(Name = "Joint")] public Joint? Joint { get; set; }
    [Required, Display(Name = "Side")] public Side? Side { get; set; }
    [StringLength(8000), Display(Name = "Report")] public string? Report { get; set; }
    [Required, MinLength(1, ErrorMessage = "Give at least one grade.")] public List<GradeInput> Grades { get; set; } = [];

    /// <summary>
    /// The annotations, then dates, at least one grade, and each grade with <see cref="OaGrading.Validate"/> (system fits
    /// the joint, value fits the system). Field names are camelCase JSON paths ("grades[0].system").
    /// </summary>
    public Failure? Check(DateOnly today)
    {
        if (InputCheck.Validate(this) is { } invalid)
        {
            return invalid;
        }
        var errors = new FieldErrors();
        if (PerformedOn > today)
        {
            errors.Add("performedOn", "The study date cannot be in the future.");
        }
        for (var i = 0; i < Grades.Count; i++)
        {
            var g = Grades[i];
            if (g is null)
            {
                errors.Add($"grades[{i}]", "A grade is required here.");
                continue;
            }
            if (g.System is not { } system)
            {
                errors.Add($"grades[{i}].system", "Choose a grading system.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(g.Value))
            {
                errors.Add($"grades[{i}].value", "Enter the grade.");
                continue;
            }
            if (g.ReadOn > today)
            {
                errors.Add($"grades[{i}].readOn", "The read date cannot be in the future.");
            }
            foreach (var e in OaGrading.Validate(ToGrade(g, system, Joint!.Value, Side!.Value, today)))
            {
                errors.Add($"grades[{i}].{InputCheck.Camel(e.Field)}", e.Message);
            }
        }
        return errors.ToFailure();
    }

    public static OaGrade ToGrade(GradeInput g, GradingSystem system, Joint joint, Side side, DateOnly today) =>
        new(system, (g.Value ?? "").Trim(), joint, side, (g.Reader ?? "").Trim(), g.ReadOn ?? today,
            string.IsNullOrWhiteSpace(g.DefinitionVersion) ? DefaultDefinition(system) : g.DefinitionVersion.Trim());

    public static string DefaultDefinition(GradingSystem system) => system switch
    {
        GradingSystem.KellgrenLawrence => OaGrade.KellgrenLawrence1957,
        GradingSystem.Takakura => OaGrade.TakakuraTanaka2006,
        GradingSystem.CoughlinShurnas => OaGrade.CoughlinShurnas2003,
        _ => OaGrade.LaTrobe2007,
    };
}

/// <summary>One laboratory result with its unit and reference range (SPEC §2.5, §8.3).</summary>
public sealed class LabInput
{
    [Required, RegularExpression(@"^\d{1,7}-\d$", ErrorMessage = "Enter a LOINC code such as 777-3."), Display(Name = "LOINC code")]
    public string? Loinc { get; set; }
    [StringLength(120), Display(Name = "Test name")] public string? Name { get; set; }
    /// <summary>The result in the test's unit; no test of the SPEC §2.5 panel reaches 100,000 in its unit (platelets 10*3/uL, ALT IU/L …).</summary>
    [Required, Range(typeof(decimal), "0", "100000"), Display(Name = "Value")] public decimal? Value { get; set; }
    [StringLength(40), Display(Name = "Unit")] public string? Unit { get; set; }
    [Range(typeof(decimal), "0", "100000"), Display(Name = "Reference low")] public decimal? ReferenceLow { get; set; }
    [Range(typeof(decimal), "0", "100000"), Display(Name = "Reference high")] public decimal? ReferenceHigh { get; set; }
    [Required, Display(Name = "Collected on")] public DateOnly? CollectedOn { get; set; }

    /// <summary>The annotations, then the rules they cannot express, named by camelCase field.</summary>
    public Failure? Check(DateOnly today)
    {
        if (InputCheck.Validate(this) is { } invalid)
        {
            return invalid;
        }
        var errors = new FieldErrors();
        if (CollectedOn > today)
        {
            errors.Add("collectedOn", "The collection date cannot be in the future.");
        }
        if (ReferenceLow is { } low && ReferenceHigh is { } high && low > high)
        {
            errors.Add("referenceHigh", "The upper reference limit must not be below the lower one.");
        }
        var known = LabPanel.Find(Loinc);
        if (known is null && string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name", "Name the test: this LOINC code is not in the pre-procedure panel.");
        }
        if (known is null && string.IsNullOrWhiteSpace(Unit))
        {
            errors.Add("unit", "Give the unit of the result.");
        }
        if (known is not null && !string.IsNullOrWhiteSpace(Unit) && !string.Equals(Unit.Trim(), known.Unit, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("unit", $"{known.Name} is recorded in {known.Unit}; convert the value to {known.Unit}.");
        }
        return errors.ToFailure();
    }
}

/// <summary>A test of the pre-procedure panel with its unit and a typical adult reference range (SPEC §2.5).</summary>
public sealed record LabTest(string Loinc, string Name, string Unit, decimal? ReferenceLow, decimal? ReferenceHigh, string Rule);

/// <summary>
/// The SPEC §2.5 pre-procedure panel offered on the lab form. The reference ranges are typical adult ranges used as
/// defaults only; the laboratory's own range, when entered, is what is stored.
/// </summary>
public static class LabPanel
{
    public const string Hemoglobin = "718-7";
    public const string Platelets = "777-3";
    public const string Wbc = "6690-2";
    public const string HbA1c = "4548-4";
    public const string Crp = "1988-5";
    public const string Esr = "4537-7";
    public const string Creatinine = "2160-0";
    public const string Alt = "1742-6";
    public const string Ast = "1920-8";
    public const string Inr = "6301-6";

    public static readonly LabTest[] Tests =
    [
        new(Hemoglobin, "Hemoglobin", "g/dL", 12.0m, 17.5m, "< 10 g/dL → R4"),
        new(Platelets, "Platelets", "10*3/uL", 150m, 450m, "< 100 → R5; < 50 → A3"),
        new(Wbc, "Leukocytes (WBC)", "10*3/uL", 4.0m, 11.0m, "outside range → review"),
        new(HbA1c, "Hemoglobin A1c", "%", 4.0m, 5.6m, "≥ 8.5% → R1; 7.0–8.4% caution"),
        new(Crp, "C-reactive protein", "mg/L", 0m, 10m, "above ULN → review R6/A1"),
        new(Esr, "ESR (Westergren)", "mm/h", 0m, 20m, "above ULN → review R6/A1"),
        new(Creatinine, "Creatinine", "mg/dL", 0.6m, 1.3m, "> 2 mg/dL → R13"),
        new(Alt, "ALT", "IU/L", 7m, 56m, "> 100 IU/L → R13"),
        new(Ast, "AST", "IU/L", 10m, 40m, "> 100 IU/L → R13"),
        new(Inr, "INR", "{INR}", 0.8m, 1.2m, "> 1.5 → defer harvest (R3)"),
    ];

    public static LabTest? Find(string? loinc) => Tests.FirstOrDefault(t => t.Loinc == loinc?.Trim());

    /// <summary>"low", "high" or null when within the reference range (or no range is known).</summary>
    public static string? Flag(decimal value, decimal? low, decimal? high) =>
        low is { } l && value < l ? "low" : high is { } h && value > h ? "high" : null;
}
