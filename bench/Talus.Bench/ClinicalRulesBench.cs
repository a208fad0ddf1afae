using BenchmarkDotNet.Attributes;
using Talus.Clinical;
using Talus.Clinical.Instruments;

namespace Talus.Bench;

/// <summary>PERFORMANCE.md targets: score a full FAOS under 2 µs; assess candidacy under 20 µs.</summary>
[MemoryDiagnoser]
public class ClinicalRulesBench
{
    private readonly int?[] faos = [.. Enumerable.Range(0, 42).Select(i => (int?)(i % 5))];
    private readonly DateOnly today = new(2025, 3, 5);
    private readonly CandidacySettings settings = new();
    private CandidacyInput patient = null!;

    [GlobalSetup]
    public void Setup() => patient = new CandidacyInput
    {
        TargetJoint = Joint.Ankle,
        TargetSide = Side.Right,
        Product = InjectionProduct.BoneMarrowAspirateConcentrate,
        Grades = [OaGrade.KellgrenLawrence(3, Joint.Ankle, Side.Right, "Reader", new(2025, 1, 10))],
        DateOfBirth = new(1961, 4, 2),
        SymptomDurationMonths = 18,
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
        Diabetic = true,
        HbA1cPercent = 7.5m,
        KnownCoagulopathy = false,
        InflammatoryArthritis = false,
        CurrentSmoker = false,
        InstabilityOrMechanicalSymptoms = false,
        MalalignmentDegrees = 3m,
        MalignancyHistory = false,
        History = [new HistoryEvent(HistoryKind.IntraArticularSteroidTargetJoint, today.AddDays(-40)), new HistoryEvent(HistoryKind.Nsaid, today.AddDays(-2))],
        Bmi = 36m,
        HemoglobinGramsPerDeciliter = 13.5m,
        Platelets = 250m,
        Inr = 1.0m,
        CreatinineMgPerDeciliter = 0.9m,
        AltUnitsPerLiter = 25m,
        AstUnitsPerLiter = 22m,
    };

    [Benchmark]
    public ScoringResult ScoreFullFaos() => Faos.Score(faos);

    [Benchmark]
    public CandidacyResult AssessCandidacy() => Candidacy.Assess(patient, settings, today);
}
