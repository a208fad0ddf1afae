namespace Talus.Clinical;

/// <summary>
/// Practice-configurable candidacy thresholds. Every default is the SPEC value cited beside it;
/// <see cref="RulesVersion"/> is stored with each assessment so a decision can be replayed.
/// </summary>
public sealed record CandidacySettings
{
    public string RulesVersion { get; init; } = "talus-candidacy-2025.1 (SPEC v0.1)";

    public GradeBandSettings Bands { get; init; } = new();

    // §2.1 I2: ≥ 6 months of joint pain
    [Setting("Minimum duration of joint pain", Unit = "months", Source = "SPEC §2.1 I2")]
    public int MinSymptomMonths { get; init; } = 6;
    // §2.1 I3: ≥ 3 months and ≥ 2 modalities (NCT03130335)
    [Setting("Minimum conservative care", Unit = "months", Source = "SPEC §2.1 I3")]
    public int MinConservativeCareMonths { get; init; } = 3;
    [Setting("Minimum conservative care modalities", Unit = "modalities", Source = "SPEC §2.1 I3")]
    public int MinConservativeModalities { get; init; } = 2;
    // §2.1 I4: NRS ≥ 4/10 or VAS ≥ 40/100 (STEMJOINT, PRIMA)
    [Setting("Minimum pain (NRS)", Unit = "of 10", Source = "SPEC §2.1 I4")]
    public int MinPainNrs { get; init; } = 4;
    [Setting("Minimum pain (VAS)", Unit = "of 100", Source = "SPEC §2.1 I4")]
    public decimal MinPainVas { get; init; } = 40m;
    // §2.1 I5: 18–75 y, warn outside 40–70
    [Setting("Minimum age", Unit = "years", Source = "SPEC §2.1 I5")]
    public int MinAge { get; init; } = 18;
    [Setting("Maximum age", Unit = "years", Source = "SPEC §2.1 I5")]
    public int MaxAge { get; init; } = 75;
    public int CautionBelowAge { get; init; } = 40;
    public int CautionAboveAge { get; init; } = 70;

    // §2.2 A3 [D]: platelets < 50 ×10³/µL is critical
    [Setting("Platelets critical below", Unit = "×10³/µL", Source = "SPEC §2.2 A3 [D]")]
    public decimal CriticalPlateletsBelow { get; init; } = 50m;
    // §2.3 R5: platelets < 100 ×10³/µL
    [Setting("Platelets low below", Unit = "×10³/µL", Source = "SPEC §2.3 R5")]
    public decimal LowPlateletsBelow { get; init; } = 100m;
    // §2.3 R4: Hb < 10 g/dL
    [Setting("Hemoglobin low below", Unit = "g/dL", Source = "SPEC §2.3 R4")]
    public decimal LowHemoglobinBelow { get; init; } = 10m;
    // §2.3 R1 [D]: HbA1c ≥ 8.5% relative, 7.0–8.4% caution
    [Setting("HbA1c relative contraindication from", Unit = "%", Source = "SPEC §2.3 R1 [D]")]
    public decimal HbA1cRelativeFrom { get; init; } = 8.5m;
    [Setting("HbA1c caution from", Unit = "%", Source = "SPEC §2.3 R1 [D]")]
    public decimal HbA1cCautionFrom { get; init; } = 7.0m;
    // §2.3 R2 [D]: BMI ≥ 35 relative, 30–34.9 caution
    [Setting("BMI relative contraindication from", Unit = "kg/m²", Source = "SPEC §2.3 R2 [D]")]
    public decimal BmiRelativeFrom { get; init; } = 35m;
    [Setting("BMI caution from", Unit = "kg/m²", Source = "SPEC §2.3 R2 [D]")]
    public decimal BmiCautionFrom { get; init; } = 30m;
    // §2.3 R3 [D]: INR > 1.5 defers harvest
    [Setting("INR defers harvest above", Source = "SPEC §2.3 R3 [D]")]
    public decimal InrDeferHarvestAbove { get; init; } = 1.5m;
    // §2.3 R8 [GK/D]: malignancy within 5 years
    public int MalignancyLookbackYears { get; init; } = 5;
    // §2.3 R10 [D/GK]: talar tilt / coronal malalignment > 10°
    public decimal MalalignmentAboveDegrees { get; init; } = 10m;
    // §2.3 R12 [D]: fever or illness within 14 days
    public int FeverWindowDays { get; init; } = 14;
    // §2.3 R13: creatinine > 2 mg/dL; ALT or AST > 100 IU/L; LVEF < 45%
    [Setting("Creatinine above", Unit = "mg/dL", Source = "SPEC §2.3 R13")]
    public decimal CreatinineAbove { get; init; } = 2m;
    [Setting("ALT or AST above", Unit = "IU/L", Source = "SPEC §2.3 R13")]
    public decimal TransaminaseAbove { get; init; } = 100m;
    [Setting("LVEF below", Unit = "%", Source = "SPEC §2.3 R13")]
    public decimal LvefBelow { get; init; } = 45m;
    // §2.3 R14: surgery on the target joint within 12 months
    public int PriorSurgeryLookbackMonths { get; init; } = 12;

    // §2.4 [D]: IA steroid in target joint ≥ 84 days; < 30 days hard stop; 30–83 relative
    public int IntraArticularSteroidWashoutDays { get; init; } = 84;
    public int IntraArticularSteroidHardStopBelowDays { get; init; } = 30;
    // §2.4 [D]: any IA injection (HA, PRP) ≥ 84 days
    public int IntraArticularInjectionWashoutDays { get; init; } = 84;
    // §2.4 [D]: systemic steroid ≥ 14 days before; avoid 28 days after
    public int SystemicSteroidWashoutDays { get; init; } = 14;
    public int SystemicSteroidAvoidAfterDays { get; init; } = 28;
    // §2.4 [D]: NSAIDs stop ≥ 7 days before; avoid ≥ 14 days after
    public int NsaidWashoutDays { get; init; } = 7;
    public int NsaidAvoidAfterDays { get; init; } = 14;

    // Practice default [D], not a SPEC number: a procedure is booked or recorded only on a candidacy assessment made at most
    // this many days before the procedure date (labs, exam and history go stale; 90 days is a common pre-procedure lab validity).
    public int MaxAssessmentAgeDays { get; init; } = 90;
}
