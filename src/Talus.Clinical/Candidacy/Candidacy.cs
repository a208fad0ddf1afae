namespace Talus.Clinical;

/// <summary>
/// Is this patient a candidate for an orthobiologic injection of this joint, and if not, why not?
/// Implements SPEC §2.7 over the inclusion (§2.1), absolute (§2.2), relative (§2.3), washout (§2.4)
/// and band (§1.6) rules.
/// </summary>
public static class Candidacy
{
    private const string InclusionSource = "SPEC §2.1 (trial inclusion anchors: STEMJOINT NCT05933434, NCT03130335, PRIMA)";
    private const string AbsoluteSource = "SPEC §2.2 (PRP contraindications, Medscape 2018; MSC trial exclusions)";
    private const string RelativeSource = "SPEC §2.3";
    private const string WashoutSource = "SPEC §2.4 (trial and clinic washout protocols; [D] defaults)";
    private const string BandSource = "SPEC §1.6 (candidacy bands [D]; most MSC RCTs enrol KL II–III)";

    /// <summary>
    /// Assesses one target joint as of <paramref name="today"/>; washouts and windows are measured to the
    /// planned procedure date when one is given (never earlier than today).
    /// </summary>
    public static CandidacyResult Assess(CandidacyInput input, CandidacySettings settings, DateOnly today)
    {
        var asOf = input.PlannedProcedureDate is { } planned && planned > today ? planned : today;
        var findings = new List<CandidacyFinding>(8);
        var missing = new List<string>(4);
        var s = settings;

        // §2.2 A1–A7: absolute contraindications.
        Flag(findings, missing, input.ActiveInfection, "active infection (joint, skin over injection or harvest site, bone, blood)",
            FindingSeverity.Absolute, "A1", "Active infection (septic arthritis, cellulitis over the injection or harvest site, osteomyelitis or septicaemia).",
            "An active infection must be fully treated before any injection.", AbsoluteSource);
        Flag(findings, missing, input.HemodynamicInstability, "haemodynamic status",
            FindingSeverity.Absolute, "A2", "Haemodynamic instability.",
            "Your circulation needs to be stable before an elective procedure.", AbsoluteSource);
        Flag(findings, missing, input.PlateletDysfunction, "platelet dysfunction history",
            FindingSeverity.Absolute, "A3", "Platelet dysfunction syndrome.",
            "A blood-clotting problem makes this procedure unsafe.", AbsoluteSource);
        if (input.Platelets is not { } platelets)
        {
            missing.Add("platelet count");
        }
        else if (platelets < s.CriticalPlateletsBelow)
        {
            // §2.2 A3 [D]: critical thrombocytopenia
            Add(findings, FindingSeverity.Absolute, "A3", $"Critical thrombocytopenia: platelets {platelets} ×10³/µL (< {s.CriticalPlateletsBelow}).",
                "Your platelet count (cells that help blood clot) is too low for this procedure to be safe.", AbsoluteSource);
        }
        else if (platelets < s.LowPlateletsBelow)
        {
            // §2.3 R5: non-critical thrombocytopenia
            Add(findings, FindingSeverity.Relative, "R5", $"Thrombocytopenia: platelets {platelets} ×10³/µL (< {s.LowPlateletsBelow}).",
                "Your platelet count is lower than normal; the doctor will decide whether it is safe to go ahead.", RelativeSource);
        }

        Flag(findings, missing, input.ActiveMalignancy, "active malignancy",
            FindingSeverity.Absolute, "A4", "Active malignancy or malignancy under treatment.",
            "Cell injections are not given while a cancer is active or being treated.", AbsoluteSource);
        if (InjectionProducts.NeedsMarrowHarvest(input.Product))
        {
            Flag(findings, missing, input.HematologicOrBoneMalignancy, "history of haematologic malignancy or malignancy of bone or marrow",
                FindingSeverity.Absolute, "A4", "Haematologic malignancy or malignancy involving bone or bone marrow: no bone-marrow harvest.",
                "Because of your past blood or bone cancer, bone marrow should not be taken for this procedure.", AbsoluteSource);
        }

        Flag(findings, missing, input.PregnantOrBreastfeeding, "pregnancy or breastfeeding status",
            FindingSeverity.Absolute, "A5", "Pregnancy or breastfeeding.",
            "These injections are not given during pregnancy or breastfeeding.", AbsoluteSource);
        Flag(findings, missing, Not(input.CanGiveInformedConsent), "ability to give informed consent",
            FindingSeverity.Absolute, "A6", "Unable to give informed consent.",
            "You need to be able to agree to the procedure yourself, understanding its risks.", AbsoluteSource);
        if (input.Source == TissueSource.Allogeneic || input.Product == InjectionProduct.AllogeneicPerinatal)
        {
            // §2.2 A7: recipient serology screened in allogeneic-product trials only [GK: 21 CFR 1271.90(a)(1)]
            Flag(findings, missing, input.PositiveViralSerology, "HIV/HBV/HCV serology",
                FindingSeverity.Absolute, "A7", "Positive HIV/HBV/HCV serology: excluded from allogeneic products.",
                "A positive blood test for HIV or hepatitis rules out donor-cell products.", AbsoluteSource + "; NCT01436058, allogeneic AD-MPC and UC-MSC trials");
        }

        // §1.6 band of the target joint, worst grade only (§1.4).
        var target = OaGrading.ForTargetJoint(input.Grades, input.TargetJoint, input.TargetSide, s.Bands);
        for (var i = 0; i < target.RejectedGrades.Count; i++)
        {
            var e = target.RejectedGrades[i];
            Add(findings, FindingSeverity.Info, "G-INVALID", $"Grade ignored: {e.Message}",
                "One of your X-ray grades was recorded in a way that cannot be used and was left out.", "SPEC §1.2–§1.4");
        }

        var band = target.Band;
        switch (band)
        {
            case null:
                missing.Add("imaging grade of target joint");
                break;
            case CandidacyBand.NotIndicated:
                Add(findings, FindingSeverity.Inclusion, "I1", $"No radiographic OA of the target joint ({OaGrading.Describe(target.DecidingGrade!)}): work up other pain generators.",
                    "Your X-rays do not show arthritis in this joint, so an arthritis injection is not the right treatment; we will look for other causes of the pain.", BandSource);
                break;
            case CandidacyBand.Guarded:
                Add(findings, FindingSeverity.Relative, "B3", $"Guarded band ({OaGrading.Describe(target.DecidingGrade!)}): document shared decision-making on lower expected benefit and offer a surgical consult.",
                    "Your arthritis is moderate. The injection may help less; we will go through the options with you, including a surgical opinion, before deciding.", BandSource);
                break;
            case CandidacyBand.Unfavorable:
                Add(findings, FindingSeverity.Relative, "B4", $"Not a good candidate: end-stage, bone-on-bone ({OaGrading.Describe(target.DecidingGrade!)}). Recommend surgical options (arthrodesis, arthroplasty, 1st-MTP fusion); override requires a documented physician reason.",
                    "Your arthritis is advanced, with little cartilage left. Injections are unlikely to help much; surgery is usually the better option.", BandSource + "; MILES enrolled KL IV, so relative not absolute");
                break;
        }

        // §2.1 I2–I6: inclusion.
        if (input.SymptomDurationMonths is not { } months)
        {
            missing.Add("symptom duration");
        }
        else if (months < s.MinSymptomMonths)
        {
            Add(findings, FindingSeverity.Inclusion, "I2", $"Symptoms for {months} months (< {s.MinSymptomMonths}).",
                $"These injections are for joint pain that has lasted at least {s.MinSymptomMonths} months.", InclusionSource);
        }

        if (input.ConservativeCareMonths is not { } careMonths || input.ConservativeModalities is not { } modalities)
        {
            missing.Add("failed conservative care (months and modalities tried)");
        }
        else
        {
            var distinct = CountDistinct(modalities);
            if (careMonths < s.MinConservativeCareMonths || distinct < s.MinConservativeModalities)
            {
                Add(findings, FindingSeverity.Inclusion, "I3", $"Conservative care {careMonths} months with {distinct} modalities (needs ≥ {s.MinConservativeCareMonths} months and ≥ {s.MinConservativeModalities} modalities).",
                    "Simpler treatments (such as physiotherapy, bracing, insoles or pain medicines) should be tried first for a few months.", InclusionSource);
            }
        }

        if (input.PainNrs is null && input.PainVas is null)
        {
            missing.Add("pain intensity (NRS or VAS)");
        }
        else if (!(input.PainNrs >= s.MinPainNrs || input.PainVas >= s.MinPainVas))
        {
            Add(findings, FindingSeverity.Inclusion, "I4", $"Pain below threshold (NRS {Show(input.PainNrs)}, VAS {Show(input.PainVas)}; needs NRS ≥ {s.MinPainNrs} or VAS ≥ {s.MinPainVas}).",
                "Your pain level is lower than the level at which these injections have been studied.", InclusionSource);
        }

        if (input.DateOfBirth is not { } dob)
        {
            missing.Add("date of birth");
        }
        else
        {
            var age = AgeOn(dob, asOf);
            if (age < s.MinAge || age > s.MaxAge)
            {
                Add(findings, FindingSeverity.Inclusion, "I5", $"Age {age} outside {s.MinAge}–{s.MaxAge}.",
                    $"These injections are offered to people aged {s.MinAge} to {s.MaxAge}.", InclusionSource);
            }
            else if (age < s.CautionBelowAge || age > s.CautionAboveAge)
            {
                Add(findings, FindingSeverity.Caution, "I5", $"Age {age} outside {s.CautionBelowAge}–{s.CautionAboveAge}, the range most trials studied.",
                    "Fewer people of your age were included in the studies of these injections.", InclusionSource);
            }
        }

        Flag(findings, missing, Not(input.CanCompleteFollowUp), "ability to complete questionnaires and attend follow-up",
            FindingSeverity.Inclusion, "I6", "Unable to complete PROMs and attend follow-up.",
            "The program needs you to fill in short questionnaires and come to follow-up visits.", InclusionSource);

        // §2.3 R1–R14: relative contraindications.
        if (input.HbA1cPercent is { } a1c)
        {
            if (a1c >= s.HbA1cRelativeFrom)
            {
                Add(findings, FindingSeverity.Relative, "R1", $"Uncontrolled diabetes: HbA1c {a1c}% (≥ {s.HbA1cRelativeFrom}); defer and optimise glycaemia.",
                    "Your blood sugar control should improve first; high sugar raises the risk of infection and poor healing.", RelativeSource + " R1 (Iranian phase II AD-MSC trial excluded HbA1c > 8.5%)");
            }
            else if (a1c >= s.HbA1cCautionFrom)
            {
                Add(findings, FindingSeverity.Caution, "R1", $"HbA1c {a1c}% ({s.HbA1cCautionFrom}–{s.HbA1cRelativeFrom}): diabetes not optimal.",
                    "Your blood sugar is a little high; keeping it under control helps healing.", RelativeSource + " R1 [D]");
            }
        }
        else if (input.Diabetic != false)
        {
            missing.Add(input.Diabetic == true ? "HbA1c" : "diabetes status or HbA1c");
        }

        if (input.Bmi is not { } bmi)
        {
            missing.Add("BMI");
        }
        else if (bmi >= s.BmiRelativeFrom)
        {
            Add(findings, FindingSeverity.Relative, "R2", $"Obesity: BMI {bmi} (≥ {s.BmiRelativeFrom}).",
                "Body weight puts extra load on the joint and may lower the benefit of the injection.", RelativeSource + " R2 (STEMJOINT, Iranian phase II exclusions > 35)");
        }
        else if (bmi >= s.BmiCautionFrom)
        {
            Add(findings, FindingSeverity.Caution, "R2", $"BMI {bmi} ({s.BmiCautionFrom}–{s.BmiRelativeFrom}).",
                "Losing some weight can reduce the load on your joint.", RelativeSource + " R2 [D]");
        }

        var history = input.History;
        Span<int> last = stackalloc int[HistoryKindCount];
        Span<bool> ongoing = stackalloc bool[HistoryKindCount];
        last.Fill(int.MinValue);
        if (history is null)
        {
            missing.Add("medication, injection, surgery and illness history");
        }
        else
        {
            for (var i = 0; i < history.Count; i++)
            {
                var h = history[i];
                var k = (int)h.Kind;
                if ((uint)k >= HistoryKindCount)
                {
                    continue;
                }

                // Ongoing means it has not stopped yet, so the clock starts today at the earliest.
                var day = h.Ongoing && h.LastOn < today ? today.DayNumber : h.LastOn.DayNumber;
                if (day > last[k])
                {
                    last[k] = day;
                }

                ongoing[k] |= h.Ongoing;
            }
        }

        var needsHarvest = InjectionProducts.NeedsTissueHarvest(input.Product);
        var onAnticoagulant = ongoing[(int)HistoryKind.Anticoagulant];
        if (input.KnownCoagulopathy is null)
        {
            missing.Add("coagulopathy history");
        }

        if (onAnticoagulant || input.KnownCoagulopathy == true)
        {
            // §2.3 R3 [D]: relative for harvest; some clinics do not stop anticoagulants for PRP [C].
            if (needsHarvest)
            {
                Add(findings, FindingSeverity.Relative, "R3", "Anticoagulant or coagulopathy: relative contraindication to tissue harvest.",
                    "Blood thinners or a bleeding tendency raise the risk of bleeding where tissue is taken; do not stop any medicine without your prescriber.", RelativeSource + " R3 [D]");
            }
            else
            {
                Add(findings, FindingSeverity.Caution, "R3", "Anticoagulant or coagulopathy: bleeding risk at the injection site; anticoagulants are commonly continued for injections without harvest.",
                    "You may bruise more easily; do not stop a blood thinner unless your prescriber tells you to.", RelativeSource + " R3");
            }
        }

        if (needsHarvest)
        {
            if (input.Inr is not { } inr)
            {
                missing.Add("INR");
            }
            else if (inr > s.InrDeferHarvestAbove)
            {
                Add(findings, FindingSeverity.Relative, "R3", $"INR {inr} (> {s.InrDeferHarvestAbove}): defer harvest.",
                    "Your blood clotting test is too slow for tissue to be taken safely right now.", RelativeSource + " R3 [D]; SPEC §2.5");
            }
        }

        if (input.HemoglobinGramsPerDeciliter is not { } hb)
        {
            missing.Add("haemoglobin");
        }
        else if (hb < s.LowHemoglobinBelow)
        {
            Add(findings, FindingSeverity.Relative, "R4", $"Anaemia: Hb {hb} g/dL (< {s.LowHemoglobinBelow}).",
                "Your blood count (haemoglobin) is low; the cause should be looked at first.", RelativeSource + " R4 (PRP relative contraindication)");
        }

        Flag(findings, missing, input.InflammatoryArthritis, "inflammatory arthritis (RA, PsA, gout/CPPD flare, SpA)",
            FindingSeverity.Relative, "R6", "Systemic inflammatory arthritis.",
            "Arthritis caused by inflammation (such as rheumatoid arthritis or gout) needs its own treatment and may limit the benefit.", RelativeSource + " R6 (STEMJOINT, NCT03130335)");

        if (ongoing[(int)HistoryKind.Immunosuppressant] || ongoing[(int)HistoryKind.SystemicCorticosteroid])
        {
            Add(findings, FindingSeverity.Relative, "R7", "Current immunosuppression (systemic steroid, biologic, cytostatic or transplant drug).",
                "Medicines that weaken the immune system raise infection risk and may reduce how well the cells work.", RelativeSource + " R7");
        }

        if (input.MalignancyHistory is null)
        {
            missing.Add("history of malignancy");
        }
        else if (input.MalignancyHistory == true && input.ActiveMalignancy != true)
        {
            if (input.MalignancyLastActiveOn is not { } cancerDate)
            {
                missing.Add("date malignancy was last active or treated");
            }
            else if (cancerDate.AddYears(s.MalignancyLookbackYears) > asOf)
            {
                Add(findings, FindingSeverity.Relative, "R8", $"Malignancy within {s.MalignancyLookbackYears} years (last active {cancerDate:yyyy-MM-dd}).",
                    "Because you had cancer recently, the doctor needs to weigh the risks with you.", RelativeSource + " R8 [GK/D window]",
                    cancerDate.AddYears(s.MalignancyLookbackYears));
            }
        }

        Flag(findings, missing, input.CurrentSmoker, "smoking status",
            FindingSeverity.Relative, "R9", "Current tobacco or nicotine use.",
            "Smoking slows healing and may reduce the benefit; stopping helps.", RelativeSource + " R9 (NCT03130335)");

        if (input.MalalignmentDegrees is { } deformity)
        {
            if (deformity > s.MalalignmentAboveDegrees)
            {
                Add(findings, FindingSeverity.Relative, "R10", $"Malalignment {deformity}° (> {s.MalalignmentAboveDegrees}°): refer for realignment (e.g. supramalleolar osteotomy).",
                    "The joint is tilted, which overloads one side of it; straightening surgery may be needed for lasting benefit.", RelativeSource + " R10 [D/GK]");
            }
        }
        else if (input.TargetJoint == Joint.Ankle)
        {
            missing.Add("ankle alignment (talar tilt / coronal deformity in degrees)");
        }

        Flag(findings, missing, input.InstabilityOrMechanicalSymptoms, "joint instability, mechanical symptoms or loose bodies",
            FindingSeverity.Relative, "R11", "Joint instability, mechanical symptoms or loose bodies.",
            "A loose or catching joint usually needs a different treatment first.", RelativeSource + " R11 (NCT03130335, STEMJOINT)");

        if (history is not null)
        {
            var fever = last[(int)HistoryKind.FeverOrIllness];
            if (fever != int.MinValue && fever + s.FeverWindowDays > asOf.DayNumber)
            {
                Add(findings, FindingSeverity.Relative, "R12", $"Fever or illness within {s.FeverWindowDays} days.",
                    $"Wait until you have been well for {s.FeverWindowDays} days.", RelativeSource + " R12 [D]",
                    DateOnly.FromDayNumber(fever + s.FeverWindowDays));
            }

            var surgery = last[(int)HistoryKind.SurgeryOnTargetJoint];
            if (surgery != int.MinValue)
            {
                var surgeryClears = DateOnly.FromDayNumber(surgery).AddMonths(s.PriorSurgeryLookbackMonths);
                if (surgeryClears > asOf)
                {
                    Add(findings, FindingSeverity.Relative, "R14", $"Surgery on the target joint within {s.PriorSurgeryLookbackMonths} months ({DateOnly.FromDayNumber(surgery):yyyy-MM-dd}).",
                        "The joint had surgery recently and should be given more time to settle.", RelativeSource + " R14 (Stempeucel: arthroscopy in previous 12 months)",
                        surgeryClears);
                }
            }
        }

        OrganFunction(findings, missing, input, s);

        // §2.4 washouts.
        if (history is not null)
        {
            Washouts(findings, last, ongoing, asOf, s);
        }

        return Decide(findings, missing, band, asOf, s);
    }

    /// <summary>
    /// Records a clinician's override of every relative finding (including the Unfavorable band). Needs a
    /// non-empty reason and clinician; absolute contraindications, failed inclusion, missing information
    /// and washouts cannot be overridden.
    /// </summary>
    public static CandidacyOverrideOutcome Override(CandidacyResult result, string clinician, string reason, DateOnly today)
    {
        var errors = new List<RuleInputError>(2);
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new("reason", "An override needs the physician's documented reason (SPEC §1.6, §2.3)."));
        }

        if (string.IsNullOrWhiteSpace(clinician))
        {
            errors.Add(new("clinician", "Record which physician overrides the assessment."));
        }

        if (result.Verdict == CandidacyVerdict.NotCandidate)
        {
            errors.Add(new("verdict", "Absolute contraindications, no radiographic OA and failed inclusion criteria cannot be overridden."));
        }
        else if (result.Verdict == CandidacyVerdict.NeedsMoreInformation)
        {
            errors.Add(new("verdict", "Complete the missing information before overriding: " + string.Join(", ", result.MissingInformation) + "."));
        }

        var overridden = new List<CandidacyFinding>(4);
        var washoutRemains = false;
        foreach (var f in result.Findings)
        {
            if (f.Overridable)
            {
                overridden.Add(f);
            }
            else if (f.Severity == FindingSeverity.Washout)
            {
                washoutRemains = true;
            }
        }

        if (errors.Count == 0 && overridden.Count == 0)
        {
            errors.Add(new("verdict", "There is no relative contraindication to override."));
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var verdict = washoutRemains ? CandidacyVerdict.CandidateWithConditions : CandidacyVerdict.Candidate;
        return new(new CandidacyOverride(verdict, result, overridden, clinician.Trim(), reason.Trim(), today), []);
    }

    /// <summary>Input errors to answer with 400 before assessing (ranges, dates, grades of the target joint).</summary>
    public static IReadOnlyList<RuleInputError> Validate(CandidacyInput input, DateOnly today)
    {
        var errors = new List<RuleInputError>();
        if (input.PlannedProcedureDate < today)
        {
            errors.Add(new(nameof(input.PlannedProcedureDate), "The planned procedure date is in the past."));
        }

        if (input.DateOfBirth > today)
        {
            errors.Add(new(nameof(input.DateOfBirth), "The date of birth is in the future."));
        }

        if (input.PainNrs is < 0 or > 10)
        {
            errors.Add(new(nameof(input.PainNrs), "NRS pain is 0–10."));
        }

        if (input.PainVas is < 0 or > 100)
        {
            errors.Add(new(nameof(input.PainVas), "VAS pain is 0–100 mm."));
        }

        if (input.SymptomDurationMonths < 0 || input.ConservativeCareMonths < 0)
        {
            errors.Add(new(nameof(input.SymptomDurationMonths), "Durations cannot be negative."));
        }

        if (input.Bmi is <= 0 or > 150 || input.HbA1cPercent is <= 0 or > 25 || input.Platelets < 0 || input.HemoglobinGramsPerDeciliter is <= 0 or > 30
            || input.Inr is <= 0 || input.CreatinineMgPerDeciliter < 0 || input.AltUnitsPerLiter < 0 || input.AstUnitsPerLiter < 0 || input.LvefPercent is < 0 or > 100
            || input.MalalignmentDegrees < 0)
        {
            errors.Add(new("labs", "A measurement is out of its physical range (BMI, HbA1c, platelets, haemoglobin, INR, creatinine, ALT, AST, LVEF or alignment)."));
        }

        foreach (var grade in input.Grades)
        {
            if (grade.Joint == input.TargetJoint && grade.Side == input.TargetSide)
            {
                errors.AddRange(OaGrading.Validate(grade));
            }
        }

        return errors;
    }

    private const int HistoryKindCount = (int)HistoryKind.FeverOrIllness + 1;

    private static void OrganFunction(List<CandidacyFinding> findings, List<string> missing, CandidacyInput input, CandidacySettings s)
    {
        const string source = RelativeSource + " R13 (Iranian phase II AD-MSC trial exclusions)";
        const string patient = "A blood test or heart test suggests an organ is not working fully; this needs checking first.";
        if (input.CreatinineMgPerDeciliter is not { } creatinine)
        {
            missing.Add("creatinine");
        }
        else if (creatinine > s.CreatinineAbove)
        {
            Add(findings, FindingSeverity.Relative, "R13", $"Creatinine {creatinine} mg/dL (> {s.CreatinineAbove}).", patient, source);
        }

        if (input.AltUnitsPerLiter is not { } alt)
        {
            missing.Add("ALT");
        }
        else if (alt > s.TransaminaseAbove)
        {
            Add(findings, FindingSeverity.Relative, "R13", $"ALT {alt} IU/L (> {s.TransaminaseAbove}).", patient, source);
        }

        if (input.AstUnitsPerLiter is not { } ast)
        {
            missing.Add("AST");
        }
        else if (ast > s.TransaminaseAbove)
        {
            Add(findings, FindingSeverity.Relative, "R13", $"AST {ast} IU/L (> {s.TransaminaseAbove}).", patient, source);
        }

        // LVEF is not part of the §2.5 panel: judged when known, never asked for.
        if (input.LvefPercent is { } lvef && lvef < s.LvefBelow)
        {
            Add(findings, FindingSeverity.Relative, "R13", $"LVEF {lvef}% (< {s.LvefBelow}).", patient, source);
        }
    }

    private static void Washouts(List<CandidacyFinding> findings, ReadOnlySpan<int> last, ReadOnlySpan<bool> ongoing, DateOnly asOf, CandidacySettings s)
    {
        var steroid = last[(int)HistoryKind.IntraArticularSteroidTargetJoint];
        if (steroid != int.MinValue)
        {
            var days = asOf.DayNumber - steroid;
            var clears = DateOnly.FromDayNumber(steroid + s.IntraArticularSteroidWashoutDays);
            if (days < s.IntraArticularSteroidHardStopBelowDays)
            {
                Add(findings, FindingSeverity.Washout, "W1", $"IA corticosteroid in the target joint {days} days before (< {s.IntraArticularSteroidHardStopBelowDays}): hard stop; not before {clears:yyyy-MM-dd}.",
                    $"You had a steroid injection in this joint recently. The procedure has to wait until {clears:d MMMM yyyy}.", WashoutSource, clears);
            }
            else if (days < s.IntraArticularSteroidWashoutDays)
            {
                Add(findings, FindingSeverity.Relative, "W1", $"IA corticosteroid in the target joint {days} days before (< {s.IntraArticularSteroidWashoutDays}); washout complete {clears:yyyy-MM-dd}.",
                    $"You had a steroid injection in this joint in the last 12 weeks. It is best to wait until {clears:d MMMM yyyy}.", WashoutSource, clears);
            }
        }

        Washout(findings, last[(int)HistoryKind.IntraArticularInjectionTargetJoint], s.IntraArticularInjectionWashoutDays, asOf, "W2",
            "Other IA injection (HA, PRP) in the target joint", "another injection in this joint");
        if (Washout(findings, last[(int)HistoryKind.SystemicCorticosteroid], s.SystemicSteroidWashoutDays, asOf, "W3",
            "Systemic corticosteroid", "steroid tablets or a steroid shot") || ongoing[(int)HistoryKind.SystemicCorticosteroid])
        {
            Add(findings, FindingSeverity.Info, "W3", $"Avoid systemic corticosteroid for {s.SystemicSteroidAvoidAfterDays} days after the procedure.",
                $"Avoid steroid tablets or shots for {s.SystemicSteroidAvoidAfterDays} days after the procedure, unless your doctor says they are needed.", WashoutSource);
        }

        if (last[(int)HistoryKind.Nsaid] != int.MinValue)
        {
            Washout(findings, last[(int)HistoryKind.Nsaid], s.NsaidWashoutDays, asOf, "W4", "NSAID", "anti-inflammatory pain medicine (such as ibuprofen or naproxen)");
            Add(findings, FindingSeverity.Info, "W4", $"Avoid NSAIDs for {s.NsaidAvoidAfterDays} days after the procedure; acetaminophen allowed.",
                $"After the procedure, avoid anti-inflammatory medicines for {s.NsaidAvoidAfterDays} days; acetaminophen (paracetamol) is fine.", WashoutSource);
        }

        if (ongoing[(int)HistoryKind.LowDoseAspirin])
        {
            Add(findings, FindingSeverity.Info, "W5", "Low-dose aspirin: do not stop without prescriber approval.",
                "Keep taking your low-dose aspirin unless the doctor who prescribed it says otherwise.", WashoutSource);
        }
    }

    private static bool Washout(List<CandidacyFinding> findings, int lastDay, int washoutDays, DateOnly asOf, string code, string clinicianName, string patientName)
    {
        if (lastDay == int.MinValue || asOf.DayNumber - lastDay >= washoutDays)
        {
            return false;
        }

        var clears = DateOnly.FromDayNumber(lastDay + washoutDays);
        Add(findings, FindingSeverity.Washout, code, $"{clinicianName} {asOf.DayNumber - lastDay} days before (washout ≥ {washoutDays} days): not before {clears:yyyy-MM-dd}.",
            $"Because of {patientName}, the procedure has to wait until {clears:d MMMM yyyy}.", WashoutSource, clears);
        return true;
    }

    private static CandidacyResult Decide(List<CandidacyFinding> findings, List<string> missing, CandidacyBand? band, DateOnly asOf, CandidacySettings s)
    {
        bool absolute = false, inclusion = false, relative = false, washout = false, allTimeLimited = true;
        DateOnly? earliest = null;
        foreach (var f in findings)
        {
            switch (f.Severity)
            {
                case FindingSeverity.Absolute: absolute = true; break;
                case FindingSeverity.Inclusion: inclusion = true; break;
                case FindingSeverity.Relative: relative = true; break;
                case FindingSeverity.Washout: washout = true; break;
                default: continue;
            }

            if (f.ClearsOn is { } c)
            {
                earliest = earliest is { } e && e > c ? e : c;
            }
            else
            {
                allTimeLimited = false;
            }
        }

        // §2.7 returns at once on an absolute rule; a failed inclusion (I1–I6) also means the joint is not
        // "EligibleForOrthobiologic" (§2.1 "all hold"), so it is NotCandidate too, whatever else is missing.
        CandidacyVerdict verdict;
        Reason because;
        if (absolute || inclusion)
        {
            verdict = CandidacyVerdict.NotCandidate;
            because = new("V-NOT-CANDIDATE",
                (absolute ? "Absolute contraindication" : "Inclusion criteria not met") + ": " + Codes(findings, absolute ? FindingSeverity.Absolute : FindingSeverity.Inclusion) + ".",
                "This injection is not a suitable treatment for you at present. Your doctor will explain why and talk about other options.",
                absolute ? AbsoluteSource : InclusionSource);
        }
        else if (missing.Count > 0)
        {
            verdict = CandidacyVerdict.NeedsMoreInformation;
            because = new("V-NEEDS-INFORMATION", "Cannot decide until recorded: " + string.Join(", ", missing) + ".",
                "We need a few more details or test results before we can tell whether this injection suits you.", "SPEC §2.7");
        }
        else if (band == CandidacyBand.Unfavorable)
        {
            verdict = CandidacyVerdict.NotRecommended;
            because = new("V-NOT-RECOMMENDED", "Unfavorable band (end-stage joint): not a good candidate; physician override with reason required.",
                "Your arthritis is too advanced for this injection to be a good choice. Surgery is usually better; you can discuss this with your doctor.", BandSource);
        }
        else if (relative || washout)
        {
            verdict = CandidacyVerdict.CandidateWithConditions;
            because = new("V-CONDITIONS", "Candidate with conditions: " + Codes(findings, FindingSeverity.Relative, FindingSeverity.Washout) + ".",
                "This injection may be an option for you, but some things need attention or time first. Your doctor will go through them with you.", "SPEC §2.7");
        }
        else
        {
            verdict = CandidacyVerdict.Candidate;
            because = new("V-CANDIDATE", "All inclusion criteria met; no contraindication found.",
                "Nothing we checked rules this injection out. Your doctor will go through the expected benefits, risks and alternatives with you.", "SPEC §2.7");
        }

        var eligibleFrom = verdict is CandidacyVerdict.CandidateWithConditions or CandidacyVerdict.NotRecommended && allTimeLimited ? earliest : null;
        return new(verdict, because, band, findings, missing, eligibleFrom, asOf, s.RulesVersion);
    }

    private static string Codes(List<CandidacyFinding> findings, FindingSeverity a, FindingSeverity b = FindingSeverity.Absolute)
    {
        var codes = new List<string>(findings.Count);
        foreach (var f in findings)
        {
            if ((f.Severity == a || f.Severity == b) && !codes.Contains(f.Reason.Code))
            {
                codes.Add(f.Reason.Code);
            }
        }

        return string.Join(", ", codes);
    }

    /// <summary>Adds the finding when the condition is true, the missing item when it is unknown.</summary>
    private static void Flag(List<CandidacyFinding> findings, List<string> missing, bool? present, string missingItem,
        FindingSeverity severity, string code, string clinicianText, string patientText, string source)
    {
        if (present is null)
        {
            missing.Add(missingItem);
        }
        else if (present.Value)
        {
            Add(findings, severity, code, clinicianText, patientText, source);
        }
    }

    private static void Add(List<CandidacyFinding> findings, FindingSeverity severity, string code, string clinicianText, string patientText, string source, DateOnly? clearsOn = null) =>
        findings.Add(new(severity, new Reason(code, clinicianText, patientText, source), clearsOn));

    private static bool? Not(bool? value) => value is null ? null : !value.Value;

    private static string Show<T>(T? value) where T : struct => value is null ? "not recorded" : value.Value.ToString()!;

    private static int AgeOn(DateOnly dob, DateOnly on)
    {
        var age = on.Year - dob.Year;
        return on < dob.AddYears(age) ? age - 1 : age;
    }

    private static int CountDistinct(IReadOnlyList<ConservativeModality> modalities)
    {
        var seen = 0;
        for (var i = 0; i < modalities.Count; i++)
        {
            seen |= 1 << (int)modalities[i];
        }

        return System.Numerics.BitOperations.PopCount((uint)seen);
    }
}
