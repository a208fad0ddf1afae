using System.Collections;
using System.Reflection;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Repeat;
using Talus.Web.Shared;

namespace Talus.Web.Features.Settings;

/// <summary>
/// What a saved setting must satisfy before the rules may use it: no negative number anywhere (days, points,
/// cents), no empty list entries, and each record's own ranges and orderings. Errors are keyed by the JSON path.
/// </summary>
public static class SettingsChecks
{
    public static Dictionary<string, string[]> Check(object value)
    {
        var errors = new Errors();
        NoNegatives(value, "", errors, 0);
        switch (value)
        {
            case CandidacySettings c: Candidacy(c, errors); break;
            case GradeBandSettings g: Bands(g, "", errors); break;
            case InstrumentSettings i: Instruments(i, errors); break;
            case McidSettings m: Mcids(m, errors); break;
            case FollowUpSettings f: FollowUp(f, errors); break;
            case RepeatInjectionSettings r: Repeat(r, errors); break;
            case ExpectedOutcomeSettings e: ExpectedOutcome(e, errors); break;
            case RegulationSettings r: Regulation(r, errors); break;
            case MarketingClaimSettings m: Marketing(m, errors); break;
            case GoodFaithEstimateSettings g: Gfe(g, errors); break;
            case AfterCareSettings a: AfterCare(a, errors); break;
            case Talus.Clinical.Registry.RegistrySettings r: Registry(r, errors); break;
            case Fhir.FhirSettings f: foreach (var (k, v) in f.Check()) { errors.Add(k, v[0]); } break;
            case Scheduling.PortalBookingRules p: foreach (var (k, v) in p.Check()) { errors.Add(k, v[0]); } break;
            case Billing.BillingSettings b: foreach (var (k, v) in b.Check()) { errors.Add(k, v[0]); } break;
            case FollowUp.FollowUpContactSettings f: foreach (var (k, v) in f.Check()) { errors.Add(k, v[0]); } break;
            case Education.PracticeIdentity p: foreach (var (k, v) in p.Check()) { errors.Add(k, v[0]); } break;
            case BulkExport.BulkExportSettings b: foreach (var (k, v) in b.Check()) { errors.Add(k, v[0]); } break;
        }
        return errors.ToDictionary();
    }

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> all = [];
        public void Add(string field, string message)
        {
            if (!all.TryGetValue(field, out var list))
            {
                all[field] = list = [];
            }
            list.Add(message);
        }
        public void When(bool bad, string field, string message)
        {
            if (bad)
            {
                Add(field, message);
            }
        }
        public Dictionary<string, string[]> ToDictionary() => all.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void NoNegatives(object? value, string path, Errors errors, int depth)
    {
        if (value is null || depth > 8)
        {
            return;
        }
        if (value is string)
        {
            return;
        }
        if (value is IEnumerable list)
        {
            var i = 0;
            foreach (var item in list)
            {
                if (item is null)
                {
                    errors.Add($"{path}[{i}]", "An entry of this list is empty.");
                }
                else if (item is string s && string.IsNullOrWhiteSpace(s))
                {
                    errors.Add($"{path}[{i}]", "An entry of this list is blank.");
                }
                else
                {
                    NoNegatives(item, $"{path}[{i}]", errors, depth + 1);
                }
                i++;
            }
            return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateOnly))
        {
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || !p.CanWrite && !IsPositional(type, p))
            {
                continue;
            }
            var v = p.GetValue(value);
            var field = path.Length == 0 ? InputCheck.Camel(p.Name) : $"{path}.{InputCheck.Camel(p.Name)}";
            var negative = v switch
            {
                int n => n < 0,
                long n => n < 0,
                decimal n => n < 0,
                double n => n < 0,
                _ => false,
            };
            if (negative)
            {
                errors.Add(field, "Must not be negative.");
            }
            else
            {
                NoNegatives(v, field, errors, depth + 1);
            }
        }
    }

    private static bool IsPositional(Type type, PropertyInfo p) =>
        type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)));

    private static void Candidacy(CandidacySettings c, Errors e)
    {
        e.When(string.IsNullOrWhiteSpace(c.RulesVersion), "rulesVersion", "Name the rules version; it is stored with every assessment.");
        e.When(c.MinAge >= c.MaxAge, "maxAge", "The maximum age must be above the minimum age.");
        e.When(c.MaxAge > 120, "maxAge", "The maximum age must be at most 120.");
        e.When(c.CautionBelowAge < c.MinAge || c.CautionBelowAge > c.CautionAboveAge, "cautionBelowAge", "Must lie between the minimum age and cautionAboveAge.");
        e.When(c.CautionAboveAge > c.MaxAge, "cautionAboveAge", "Must be at most the maximum age.");
        e.When(c.MinPainNrs > 10, "minPainNrs", "NRS pain is 0–10.");
        e.When(c.MinPainVas > 100, "minPainVas", "VAS pain is 0–100 mm.");
        e.When(c.CriticalPlateletsBelow > c.LowPlateletsBelow, "criticalPlateletsBelow", "The critical platelet limit must not be above the low platelet limit.");
        e.When(c.HbA1cCautionFrom > c.HbA1cRelativeFrom, "hbA1cCautionFrom", "The HbA1c caution level must not be above the relative level.");
        e.When(c.HbA1cRelativeFrom > 25, "hbA1cRelativeFrom", "HbA1c is at most 25%.");
        e.When(c.BmiCautionFrom > c.BmiRelativeFrom, "bmiCautionFrom", "The BMI caution level must not be above the relative level.");
        e.When(c.LvefBelow > 100, "lvefBelow", "LVEF is a percentage (0–100).");
        e.When(c.IntraArticularSteroidHardStopBelowDays > c.IntraArticularSteroidWashoutDays, "intraArticularSteroidHardStopBelowDays",
            "The hard stop must not be longer than the steroid washout.");
        e.When(c.MaxAssessmentAgeDays is < 1 or > 365, "maxAssessmentAgeDays", "1–365 days between the candidacy assessment and the procedure.");
        e.When(c.MinConservativeModalities > Enum.GetValues<ConservativeModality>().Length, "minConservativeModalities",
            $"There are only {Enum.GetValues<ConservativeModality>().Length} conservative care modalities.");
    }

    private static void Bands(GradeBandSettings g, string prefix, Errors e)
    {
        e.When(g.KellgrenLawrenceGuardedFrom is < 1 or > 4, prefix + "kellgrenLawrenceGuardedFrom", "A Kellgren–Lawrence grade 1–4.");
        e.When(g.KellgrenLawrenceUnfavorableFrom < g.KellgrenLawrenceGuardedFrom || g.KellgrenLawrenceUnfavorableFrom > 5, prefix + "kellgrenLawrenceUnfavorableFrom",
            "A grade from kellgrenLawrenceGuardedFrom to 4 (5 = never Unfavorable).");
        e.When(g.CoughlinShurnasGuardedFrom is < 1 or > 4, prefix + "coughlinShurnasGuardedFrom", "A Coughlin–Shurnas grade 1–4.");
        e.When(g.CoughlinShurnasUnfavorableFrom < g.CoughlinShurnasGuardedFrom || g.CoughlinShurnasUnfavorableFrom > 5, prefix + "coughlinShurnasUnfavorableFrom",
            "A grade from coughlinShurnasGuardedFrom to 4 (5 = never Unfavorable).");
        var guarded = OaGrading.Ordinal(GradingSystem.Takakura, g.TakakuraGuardedFrom ?? "");
        var unfavorable = OaGrading.Ordinal(GradingSystem.Takakura, g.TakakuraUnfavorableFrom ?? "");
        e.When(guarded < 0, prefix + "takakuraGuardedFrom", "A Takakura stage: 1, 2, 3a, 3b or 4.");
        e.When(unfavorable < 0, prefix + "takakuraUnfavorableFrom", "A Takakura stage: 1, 2, 3a, 3b or 4.");
        e.When(guarded >= 0 && unfavorable >= 0 && unfavorable < guarded, prefix + "takakuraUnfavorableFrom", "Must not come before takakuraGuardedFrom.");
    }

    private static void Instruments(InstrumentSettings i, Errors e)
    {
        e.When(i.PromisTScoreMinimum >= i.PromisTScoreMaximum, "promisTScoreMaximum", "The maximum T-score must be above the minimum.");
        e.When(i.PromisTScoreMaximum > 100, "promisTScoreMaximum", "A PROMIS T-score is at most 100.");
        if (i.Moxfq is not null)
        {
            foreach (var err in Moxfq.CheckLicence(i.Moxfq))
            {
                e.Add(err.Field.Replace("settings.", "", StringComparison.Ordinal), err.Message);
            }
        }
    }

    private static void Mcids(McidSettings m, Errors e)
    {
        foreach (var p in typeof(McidSettings).GetProperties())
        {
            if (p.GetValue(m) is decimal d && d == 0m)
            {
                e.Add(InputCheck.Camel(p.Name), "An MCID of 0 would call any change important; give a positive threshold.");
            }
        }
        e.When(m.NrsPainRelative > 1m, "nrsPainRelative", "A fraction between 0 and 1 (0.30 = 30%).");
        e.When(m.VasPainRelative > 1m, "vasPainRelative", "A fraction between 0 and 1 (0.30 = 30%).");
        e.When(m.NrsPainPoints > 10m, "nrsPainPoints", "NRS pain is 0–10.");
        e.When(m.VasPainMillimetres > 100m, "vasPainMillimetres", "VAS pain is 0–100 mm.");
    }

    private static void FollowUp(FollowUpSettings f, Errors e)
    {
        e.When(f.Visits.Length == 0, "visits", "List at least one visit.");
        for (var i = 0; i < f.Visits.Length; i++)
        {
            var v = f.Visits[i];
            if (v is null)
            {
                continue;
            }
            e.When(!(v.WindowStartDay <= v.TargetDay && v.TargetDay <= v.WindowEndDay), $"visits[{i}].targetDay",
                "The target day must lie inside its window (windowStartDay ≤ targetDay ≤ windowEndDay).");
            e.When(v.WindowEndDay > 3650, $"visits[{i}].windowEndDay", "A window ends within 10 years of the injection.");
        }
        var repeated = f.Visits.Where(v => v is not null).GroupBy(v => v.Visit).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        e.When(repeated.Count > 0, "visits", $"Each visit may appear once: {string.Join(", ", repeated)} repeated.");
    }

    private static void Repeat(RepeatInjectionSettings r, Errors e)
    {
        e.When(r.CellMinimumIntervalDays < 1, "cellMinimumIntervalDays", "At least 1 day.");
        e.When(r.CellWarningIntervalDays < r.CellMinimumIntervalDays, "cellWarningIntervalDays", "Must not be shorter than cellMinimumIntervalDays.");
        e.When(r.CellMaximumPerRolling12Months < 1, "cellMaximumPerRolling12Months", "At least 1.");
        e.When(r.CorticosteroidMinimumIntervalDays < 1, "corticosteroidMinimumIntervalDays", "At least 1 day.");
        e.When(r.CorticosteroidMaximumPerRolling12Months < 1, "corticosteroidMaximumPerRolling12Months", "At least 1.");
        e.When(r.ImagingMaximumAgeMonths > 120, "imagingMaximumAgeMonths", "At most 120 months.");
    }

    private static void Registry(Talus.Clinical.Registry.RegistrySettings s, Errors e)
    {
        e.When(s.SmallCellThreshold is < 1 or > 100, "smallCellThreshold", "A whole number of patients from 1 to 100.");
        e.When(s.ConfidenceZ is <= 0 or > 5, "confidenceZ", "A positive z value (1.96 for 95%).");
        e.When(s.DateShiftMaxDays is < 1 or > 3650, "dateShiftMaxDays", "From 1 to 3650 days.");
        for (var i = 0; i < s.RestrictedZip3.Count; i++)
        {
            e.When(s.RestrictedZip3[i] is not { Length: 3 } z || z.Any(c => c is < '0' or > '9'), $"restrictedZip3[{i}]", "Three digits.");
        }
    }

    private static void ExpectedOutcome(ExpectedOutcomeSettings s, Errors e)
    {
        e.When(s.PriorSampleSize <= 0m || s.PriorSampleSize > 10_000m, "priorSampleSize", "A positive effective sample size (at most 10000).");
        e.When(!(s.LowerPercentile > 0m && s.LowerPercentile < s.UpperPercentile), "lowerPercentile", "Must satisfy 0 < lowerPercentile < upperPercentile.");
        e.When(!(s.UpperPercentile > s.LowerPercentile && s.UpperPercentile < 1m), "upperPercentile", "Must satisfy lowerPercentile < upperPercentile < 1.");
        for (var i = 0; i < s.Priors.Length; i++)
        {
            if (s.Priors[i] is { } p)
            {
                e.When(p.Mean is <= 0m or >= 1m, $"priors[{i}].mean", "A probability strictly between 0 and 1.");
                e.When(!Enum.IsDefined(p.TimePoint), $"priors[{i}].timePoint", "Month3, Month6 or Month12.");
            }
        }
        var ratios = s.OddsRatios;
        e.When(ratios.Obesity == 0m, "oddsRatios.obesity", "An odds ratio is positive (1.0 = no effect).");
        e.When(ratios.OlderAge == 0m, "oddsRatios.olderAge", "An odds ratio is positive (1.0 = no effect).");
        e.When(ratios.CurrentSmoker == 0m, "oddsRatios.currentSmoker", "An odds ratio is positive (1.0 = no effect).");
        e.When(ratios.Malalignment == 0m, "oddsRatios.malalignment", "An odds ratio is positive (1.0 = no effect).");
    }

    private static void Regulation(RegulationSettings r, Errors e)
    {
        e.When(r.MicrofragmentedAdiposeFlag is not (RegulatoryFlag.Amber or RegulatoryFlag.Red), "microfragmentedAdiposeFlag",
            "SPEC §6.2: micro-fragmented adipose is Amber (with counsel sign-off) or Red.");
        e.When(r.CounselSignOffRecorded && string.IsNullOrWhiteSpace(r.CounselSignOffReference), "counselSignOffReference",
            "Record who signed off and when (e.g. \"J. Doe, Esq., 2025-02-01, memo #12\").");
    }

    private static void Marketing(MarketingClaimSettings m, Errors e)
    {
        e.When(m.ClaimTerms.Count == 0, "claimTerms", "List at least one claim term.");
        e.When(m.DiseaseListFrom < 2, "diseaseListFrom", "A list has at least 2 diseases.");
    }

    private static void AfterCare(AfterCareSettings a, Errors e)
    {
        // Each is a count of days from the procedure day (day 0): at least that day itself.
        e.When(a.RestDays is < 1 or > 365, "restDays", "1–365 days, counting the procedure day as day 0.");
        e.When(a.HarvestDressingDryDays is < 1 or > 365, "harvestDressingDryDays", "1–365 days, counting the procedure day as day 0.");
        e.When(a.NsaidAvoidanceDaysAfter is < 1 or > 365, "nsaidAvoidanceDaysAfter", "1–365 days, counting the procedure day as day 0.");
        e.When(a.SupportWeeks is < 1 or > 52, "supportWeeks", "1–52 weeks.");
        e.When(a.HighImpactRestrictionWeeks < a.SupportWeeks || a.HighImpactRestrictionWeeks > 104, "highImpactRestrictionWeeks",
            "From supportWeeks to 104 weeks: impact sport stays off at least while the boot or brace is worn.");
    }

    private static void Gfe(GoodFaithEstimateSettings g, Errors e)
    {
        e.When(g.ShortLeadBusinessDays >= g.LongLeadBusinessDays, "shortLeadBusinessDays", "Must be below longLeadBusinessDays.");
        e.When(g.LongLeadBusinessDays > 60, "longLeadBusinessDays", "At most 60 business days.");
        e.When(g.LongLeadDueBusinessDays is < 1 or > 30, "longLeadDueBusinessDays", "1–30 business days.");
        e.When(g.ShortLeadDueBusinessDays is < 1 or > 30, "shortLeadDueBusinessDays", "1–30 business days.");
        e.When(g.RequestDueBusinessDays is < 1 or > 30, "requestDueBusinessDays", "1–30 business days.");
        e.When(g.ReissueBeforeServiceBusinessDays > 30, "reissueBeforeServiceBusinessDays", "At most 30 business days.");
        e.When(g.DisputeWindowDays < 1, "disputeWindowDays", "At least 1 day.");
        var bad = g.Calendar.PracticeClosures.Where(d => d.Year is < 2000 or > 2200).ToList();
        e.When(bad.Count > 0, "calendar.practiceClosures", "Closure dates must fall between 2000 and 2200.");
    }
}
