namespace Talus.Clinical.Tests;

/// <summary>A patient who passes every rule, to vary one fact at a time.</summary>
internal static class CandidacyFixtures
{
    public static readonly DateOnly Today = new(2025, 3, 5);

    public static readonly CandidacySettings Settings = new();

    public static CandidacyInput Eligible(InjectionProduct product = InjectionProduct.BoneMarrowAspirateConcentrate) => new()
    {
        TargetJoint = Joint.Ankle,
        TargetSide = Side.Right,
        Product = product,
        Grades = [OaGrade.KellgrenLawrence(2, Joint.Ankle, Side.Right, "Dr Reader", new(2025, 1, 10))],
        DateOfBirth = new(1970, 1, 1),
        SymptomDurationMonths = 12,
        ConservativeCareMonths = 6,
        ConservativeModalities = [ConservativeModality.PhysicalTherapy, ConservativeModality.Orthotics],
        PainNrs = 6,
        CanGiveInformedConsent = true,
        CanCompleteFollowUp = true,
        ActiveInfection = false,
        HemodynamicInstability = false,
        PlateletDysfunction = false,
        ActiveMalignancy = false,
        HematologicOrBoneMalignancy = false,
        PregnantOrBreastfeeding = false,
        Diabetic = false,
        KnownCoagulopathy = false,
        InflammatoryArthritis = false,
        CurrentSmoker = false,
        InstabilityOrMechanicalSymptoms = false,
        MalalignmentDegrees = 3m,
        MalignancyHistory = false,
        History = [],
        Bmi = 27m,
        HemoglobinGramsPerDeciliter = 13.5m,
        Platelets = 250m,
        Inr = 1.0m,
        CreatinineMgPerDeciliter = 0.9m,
        AltUnitsPerLiter = 25m,
        AstUnitsPerLiter = 22m,
    };

    public static CandidacyResult Assess(CandidacyInput input) => Candidacy.Assess(input, Settings, Today);

    /// <summary>The severity of the finding with this code, or null when the rule did not fire.</summary>
    public static FindingSeverity? SeverityOf(CandidacyResult result, string code)
    {
        foreach (var f in result.Findings)
        {
            if (f.Reason.Code == code && f.Severity != FindingSeverity.Info)
            {
                return f.Severity;
            }
        }

        return null;
    }

    public static CandidacyFinding Finding(CandidacyResult result, string code) =>
        Assert.Single(result.Findings, f => f.Reason.Code == code && f.Severity != FindingSeverity.Info);

    public static HistoryEvent DaysAgo(HistoryKind kind, int days) => new(kind, Today.AddDays(-days));
}
