namespace Talus.Clinical;

/// <summary>Conservative care modalities counted by inclusion rule I3 (SPEC §2.1).</summary>
public enum ConservativeModality
{
    ActivityModification,
    PhysicalTherapy,
    Bracing,
    Orthotics,
    NsaidsOrAnalgesics,
    CorticosteroidInjection,
    HyaluronicAcidInjection,
}

/// <summary>Dated exposures and events that drive washouts and time windows (SPEC §2.3, §2.4).</summary>
public enum HistoryKind
{
    /// <summary>Intra-articular corticosteroid injection into the target joint.</summary>
    IntraArticularSteroidTargetJoint,
    /// <summary>Any other intra-articular injection (HA, PRP…) into the target joint.</summary>
    IntraArticularInjectionTargetJoint,
    /// <summary>Systemic (oral, IM, IV) corticosteroid.</summary>
    SystemicCorticosteroid,
    /// <summary>Oral or topical NSAID (acetaminophen is allowed and not recorded here).</summary>
    Nsaid,
    /// <summary>Low-dose (cardioprotective) aspirin.</summary>
    LowDoseAspirin,
    /// <summary>Warfarin, a DOAC or heparin.</summary>
    Anticoagulant,
    /// <summary>Biologics, chemotherapy/cytostatics, transplant drugs or other immunosuppressants.</summary>
    Immunosuppressant,
    /// <summary>Surgery (including arthroscopy) on the target joint.</summary>
    SurgeryOnTargetJoint,
    /// <summary>Fever or acute illness.</summary>
    FeverOrIllness,
}

/// <summary>The last date of an exposure or event; <see cref="Ongoing"/> means it continues today.</summary>
public sealed record HistoryEvent(HistoryKind Kind, DateOnly LastOn, bool Ongoing = false);

/// <summary>
/// Everything the candidacy rules read about one patient and one target joint. A null value means
/// "not known yet" and, when a rule needs it, yields <see cref="CandidacyVerdict.NeedsMoreInformation"/>;
/// <see cref="History"/> = null means the medication/injection/surgery/illness history was not taken,
/// an empty list means it was taken and nothing applies.
/// </summary>
public sealed record CandidacyInput
{
    public required Joint TargetJoint { get; init; }
    public required Side TargetSide { get; init; }
    public required InjectionProduct Product { get; init; }
    public TissueSource Source { get; init; } = TissueSource.Autologous;

    /// <summary>Date the biologic would be injected; washouts are measured to it. Defaults to the assessment date.</summary>
    public DateOnly? PlannedProcedureDate { get; init; }

    /// <summary>All stored grades; only those of the target joint and side count (SPEC §1.4).</summary>
    public IReadOnlyList<OaGrade> Grades { get; init; } = [];

    // Inclusion I2–I6 (SPEC §2.1)
    public DateOnly? DateOfBirth { get; init; }
    public int? SymptomDurationMonths { get; init; }
    public int? ConservativeCareMonths { get; init; }
    public IReadOnlyList<ConservativeModality>? ConservativeModalities { get; init; }
    public int? PainNrs { get; init; }
    public decimal? PainVas { get; init; }
    public bool? CanGiveInformedConsent { get; init; }
    public bool? CanCompleteFollowUp { get; init; }

    // Absolute contraindications A1–A7 (SPEC §2.2)
    public bool? ActiveInfection { get; init; }
    public bool? HemodynamicInstability { get; init; }
    public bool? PlateletDysfunction { get; init; }
    public bool? ActiveMalignancy { get; init; }
    /// <summary>Any haematologic malignancy or malignancy involving bone or marrow; asked for marrow harvest only.</summary>
    public bool? HematologicOrBoneMalignancy { get; init; }
    public bool? PregnantOrBreastfeeding { get; init; }
    /// <summary>HIV/HBV/HCV positive; asked for allogeneic products only (SPEC §2.2 A7).</summary>
    public bool? PositiveViralSerology { get; init; }

    // Relative contraindications R1–R14 (SPEC §2.3)
    public bool? Diabetic { get; init; }
    public bool? KnownCoagulopathy { get; init; }
    public bool? InflammatoryArthritis { get; init; }
    public bool? CurrentSmoker { get; init; }
    public bool? InstabilityOrMechanicalSymptoms { get; init; }
    /// <summary>Talar tilt or coronal malalignment in degrees; required for the ankle.</summary>
    public decimal? MalalignmentDegrees { get; init; }
    public bool? MalignancyHistory { get; init; }
    /// <summary>Last date the (non-active) malignancy was present or treated.</summary>
    public DateOnly? MalignancyLastActiveOn { get; init; }
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    // Measures and laboratory values (SPEC §2.5)
    public decimal? Bmi { get; init; }
    public decimal? HbA1cPercent { get; init; }
    public decimal? HemoglobinGramsPerDeciliter { get; init; }
    /// <summary>Platelets ×10³/µL.</summary>
    public decimal? Platelets { get; init; }
    public decimal? Inr { get; init; }
    public decimal? CreatinineMgPerDeciliter { get; init; }
    public decimal? AltUnitsPerLiter { get; init; }
    public decimal? AstUnitsPerLiter { get; init; }
    /// <summary>Left-ventricular ejection fraction, percent; evaluated when known.</summary>
    public decimal? LvefPercent { get; init; }
}
