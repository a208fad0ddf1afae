using Talus.Clinical.Instruments;

namespace Talus.Clinical.ExpectedOutcome;

/// <summary>Injection product classes of the outcome model (SPEC §5.3); Saline is the natural-history reference.</summary>
public enum ProductClass
{
    /// <summary>BMAC or micro-fragmented adipose.</summary>
    CellBased,
    Prp,
    Corticosteroid,
    HyaluronicAcid,
    Saline,
}

/// <summary>Candidacy band of the target joint as used by the prior table (SPEC §1.6, §5.3).</summary>
public enum PriorBand
{
    Favorable,
    Guarded,
    Unfavorable,
}

/// <summary>Follow-up time point of the prior table (SPEC §5.3).</summary>
public enum TimePoint
{
    Month3 = 3,
    Month6 = 6,
    Month12 = 12,
}

/// <summary>One cell of the prior table: prior mean probability of reaching the pain MCID. A null band = any band.</summary>
public sealed record PriorMean(ProductClass Product, PriorBand? Band, TimePoint TimePoint, decimal Mean, string Anchor);

/// <summary>Covariate odds ratios; 1.0 until local data exist, recorded for future fitting (SPEC §5.3 [D]).</summary>
public sealed record CovariateOddsRatios
{
    public decimal Obesity { get; init; } = 1.0m;
    public decimal OlderAge { get; init; } = 1.0m;
    public decimal CurrentSmoker { get; init; } = 1.0m;
    public decimal Malalignment { get; init; } = 1.0m;

    /// <summary>BMI at or above which "obesity" applies [D]: the §2.3 R2 caution band starts at 30.</summary>
    public decimal ObesityBmiThreshold { get; init; } = 30m;

    /// <summary>Age above which "older age" applies [D]: §2.1 I5 warns outside 40–70.</summary>
    public int OlderAgeAboveYears { get; init; } = 70;
}

/// <summary>The outcome-model settings (SPEC §5.3 [D] — explicitly a modelling assumption).</summary>
public sealed record ExpectedOutcomeSettings
{
    /// <summary>Effective prior sample size n0 = 10 (weak prior; 80% interval ≈ m ± 0.2) (SPEC §5.3).</summary>
    public decimal PriorSampleSize { get; init; } = 10m;

    /// <summary>Lower and upper percentiles shown (10th–90th) (SPEC §5.3 display rules).</summary>
    public decimal LowerPercentile { get; init; } = 0.10m;
    public decimal UpperPercentile { get; init; } = 0.90m;

    public CovariateOddsRatios OddsRatios { get; init; } = new();

    /// <summary>The prior means of SPEC §5.3. Rows absent here (e.g. PRP Unfavorable) have no prior.</summary>
    public PriorMean[] Priors { get; init; } =
    [
        .. Row(ProductClass.CellBased, PriorBand.Favorable, 0.55m, 0.55m, 0.45m, "BMC 64% (uncontrolled) discounted; MILES ≈ CSI"),
        .. Row(ProductClass.CellBased, PriorBand.Guarded, 0.45m, 0.45m, 0.35m, "grade effect uncertain"),
        .. Row(ProductClass.CellBased, PriorBand.Unfavorable, 0.35m, 0.30m, 0.25m, "end-stage; few data"),
        .. Row(ProductClass.Prp, PriorBand.Favorable, 0.55m, 0.50m, 0.40m, "RESTORE mean ≈ MCID; PRIMA null"),
        .. Row(ProductClass.Prp, PriorBand.Guarded, 0.45m, 0.40m, 0.30m, "—"),
        .. Row(ProductClass.Corticosteroid, PriorBand.Favorable, 0.50m, 0.40m, 0.35m, "short-term effect; MILES CSI ≈ cells at 12 mo"),
        .. Row(ProductClass.Corticosteroid, PriorBand.Guarded, 0.45m, 0.35m, 0.30m, "—"),
        .. Row(ProductClass.HyaluronicAcid, PriorBand.Favorable, 0.45m, 0.40m, 0.30m, "ankle HA very-low-certainty benefit"),
        .. Row(ProductClass.HyaluronicAcid, PriorBand.Guarded, 0.45m, 0.40m, 0.30m, "ankle HA very-low-certainty benefit"),
        .. Row(ProductClass.Saline, null, 0.35m, 0.35m, 0.30m, "PRIMA/RESTORE placebo arms improved ~ as much as active"),
    ];

    private static PriorMean[] Row(ProductClass product, PriorBand? band, decimal m3, decimal m6, decimal m12, string anchor) =>
        [new(product, band, TimePoint.Month3, m3, anchor), new(product, band, TimePoint.Month6, m6, anchor), new(product, band, TimePoint.Month12, m12, anchor)];
}

/// <summary>Patient covariates recorded with the estimate; null = unknown.</summary>
public sealed record PatientCovariates(decimal? Bmi = null, int? AgeYears = null, bool CurrentSmoker = false, bool Malalignment = false);

/// <summary>What to estimate: one product, band and time point, with the practice's local results for that cell.</summary>
public sealed record ExpectedOutcomeRequest(
    ProductClass Product,
    PriorBand Band,
    TimePoint TimePoint,
    int LocalSuccesses,
    int LocalFailures,
    PatientCovariates? Covariates = null);

/// <summary>A Beta distribution summarised: parameters, mean and the displayed percentile interval.</summary>
public sealed record BetaSummary(decimal Alpha, decimal Beta, decimal Mean, decimal Lower, decimal Upper);

/// <summary>How one covariate was handled: present or not, its odds ratio, and whether it changed the estimate.</summary>
public sealed record CovariateUse(string Covariate, bool? Present, decimal OddsRatio, bool Applied);

/// <summary>
/// The estimate of the chance of reaching the pain MCID (NRS ≥ 2 points or ≥ 30%). When the table has no row,
/// <see cref="PriorAvailable"/> is false and no number is given.
/// </summary>
public sealed record ExpectedOutcomeEstimate(
    bool PriorAvailable,
    ProductClass Product,
    PriorBand Band,
    TimePoint TimePoint,
    decimal? PriorMean,
    BetaSummary? Estimate,
    BetaSummary? SalineReference,
    IReadOnlyList<CovariateUse> Covariates,
    string EvidenceStatement,
    IReadOnlyList<ValidationError> Errors,
    IReadOnlyList<Reason> Reasons);

/// <summary>The "expected outcome" Beta-prior model (SPEC §5.3 [D]).</summary>
public static class ExpectedPainRelief
{
    /// <summary>The sentence that must accompany every estimate (SPEC §5.3 display rules).</summary>
    public const string EvidenceStatement = "Randomized trials have not shown cell injections to be better than a steroid or saline injection.";

    private const string Source = "SPEC §5.3 [D] (modelling assumption)";

    /// <summary>
    /// Prior Beta(m·n0, (1−m)·n0), updated with local successes and failures; mean and 10th–90th percentiles, with the saline
    /// reference line for the same time point.
    /// </summary>
    public static ExpectedOutcomeEstimate Estimate(ExpectedOutcomeRequest request, ExpectedOutcomeSettings settings)
    {
        var errors = Validate(request, settings);
        var covariates = Covariates(request.Covariates ?? new PatientCovariates(), settings.OddsRatios, out var oddsRatio);
        if (errors.Count > 0)
        {
            return new ExpectedOutcomeEstimate(false, request.Product, request.Band, request.TimePoint, null, null, null, covariates,
                EvidenceStatement, errors, []);
        }

        var reasons = new List<Reason>();
        var saline = Find(settings, ProductClass.Saline, request.Band, request.TimePoint);
        BetaSummary? reference = saline is null ? null : Summarise(saline.Mean, 0, 0, settings);
        reasons.Add(saline is null
            ? new Reason("EO-NO-REFERENCE", $"No saline reference row for {(int)request.TimePoint} months.",
                "No comparison with a placebo injection is available.", Source)
            : new Reason("EO-REFERENCE", $"Saline/natural-history reference at {(int)request.TimePoint} months: prior mean {saline.Mean} ({saline.Anchor}).",
                $"People given a salt-water (placebo) injection in trials also improved: about {Percent(reference!.Mean)} in 100 reached the same pain relief.", Source));

        var row = Find(settings, request.Product, request.Band, request.TimePoint);
        if (row is null)
        {
            reasons.Insert(0, new Reason(
                "EO-NO-PRIOR",
                $"No prior available for {request.Product} in band {request.Band} at {(int)request.TimePoint} months: the SPEC §5.3 table has no row, so no number is given.",
                "We do not have enough information to estimate your chance of pain relief with this treatment.",
                Source));
            return new ExpectedOutcomeEstimate(false, request.Product, request.Band, request.TimePoint, null, null, reference, covariates,
                EvidenceStatement, [], reasons);
        }

        // Covariates shift the prior mean on the odds scale; with every odds ratio at 1.0 this is the identity (SPEC §5.3).
        var mean = oddsRatio == 1m ? row.Mean : row.Mean * oddsRatio / (1m - row.Mean + (row.Mean * oddsRatio));
        var estimate = Summarise(mean, request.LocalSuccesses, request.LocalFailures, settings);

        reasons.Insert(0, new Reason(
            "EO-POSTERIOR",
            $"Prior m = {row.Mean} ({row.Anchor}), n0 = {settings.PriorSampleSize}"
            + (oddsRatio == 1m ? string.Empty : $", covariate odds ratio {oddsRatio} → m = {ScoreDisplay.Round(mean * 100m)}%")
            + $"; local {request.LocalSuccesses} successes / {request.LocalFailures} failures → Beta({estimate.Alpha}, {estimate.Beta}), mean {estimate.Mean:0.000}, "
            + $"{settings.LowerPercentile:P0}–{settings.UpperPercentile:P0} interval {estimate.Lower:0.000}–{estimate.Upper:0.000}.",
            $"Out of 100 people like you, about {Percent(estimate.Mean)} might get a noticeable drop in pain at {(int)request.TimePoint} months "
            + $"(it could be anywhere from about {Percent(estimate.Lower)} to {Percent(estimate.Upper)}). This is an estimate, not a promise.",
            Source));

        return new ExpectedOutcomeEstimate(true, request.Product, request.Band, request.TimePoint, row.Mean, estimate, reference, covariates,
            EvidenceStatement, [], reasons);
    }

    private static List<ValidationError> Validate(ExpectedOutcomeRequest request, ExpectedOutcomeSettings settings)
    {
        var errors = new List<ValidationError>();
        if (request.LocalSuccesses < 0)
        {
            errors.Add(new ValidationError("localSuccesses", "Local successes cannot be negative."));
        }

        if (request.LocalFailures < 0)
        {
            errors.Add(new ValidationError("localFailures", "Local failures cannot be negative."));
        }

        if (!Enum.IsDefined(request.TimePoint))
        {
            errors.Add(new ValidationError("timePoint", "Time point must be 3, 6 or 12 months."));
        }

        if (settings.PriorSampleSize <= 0m)
        {
            errors.Add(new ValidationError("settings.priorSampleSize", "The prior sample size must be positive."));
        }

        if (!(settings.LowerPercentile > 0m && settings.LowerPercentile < settings.UpperPercentile && settings.UpperPercentile < 1m))
        {
            errors.Add(new ValidationError("settings.percentiles", "Percentiles must satisfy 0 < lower < upper < 1."));
        }

        return errors;
    }

    private static PriorMean? Find(ExpectedOutcomeSettings settings, ProductClass product, PriorBand band, TimePoint timePoint)
    {
        foreach (var row in settings.Priors)
        {
            if (row.Product == product && row.TimePoint == timePoint && (row.Band is null || row.Band == band))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>
    /// The summaries already computed, by everything they depend on: two quantiles by bisection cost about 90 evaluations
    /// of the incomplete beta, and a decision aid asks for the same few priors (product, band, time point, with the
    /// registry's local counts) on every page. Cleared when full; the inputs are few (a practice's prior table). The
    /// scales are in the key because 0.55 and 0.550 are equal decimals that give α written differently.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(decimal Mean, byte MeanScale, int Successes, int Failures, decimal N0, byte N0Scale, decimal Lower, decimal Upper), BetaSummary> Summaries = new();

    private const int MostSummariesKept = 4096;

    private static BetaSummary Summarise(decimal mean, int successes, int failures, ExpectedOutcomeSettings settings)
    {
        var key = (mean, mean.Scale, successes, failures, settings.PriorSampleSize, settings.PriorSampleSize.Scale, settings.LowerPercentile, settings.UpperPercentile);
        if (Summaries.TryGetValue(key, out var known))
        {
            return known;
        }
        if (Summaries.Count >= MostSummariesKept)
        {
            Summaries.Clear();
        }
        return Summaries[key] = Compute(mean, successes, failures, settings);
    }

    private static BetaSummary Compute(decimal mean, int successes, int failures, ExpectedOutcomeSettings settings)
    {
        // α = m·n0 + successes, β = (1 − m)·n0 + failures (SPEC §5.3).
        var alpha = (mean * settings.PriorSampleSize) + successes;
        var beta = ((1m - mean) * settings.PriorSampleSize) + failures;
        var a = (double)alpha;
        var b = (double)beta;
        return new BetaSummary(
            alpha,
            beta,
            alpha / (alpha + beta),
            Math.Round((decimal)BetaDistribution.Quantile((double)settings.LowerPercentile, a, b), 6),
            Math.Round((decimal)BetaDistribution.Quantile((double)settings.UpperPercentile, a, b), 6));
    }

    private static List<CovariateUse> Covariates(PatientCovariates patient, CovariateOddsRatios ratios, out decimal combined)
    {
        bool? obese = patient.Bmi is { } bmi ? bmi >= ratios.ObesityBmiThreshold : null;
        bool? older = patient.AgeYears is { } age ? age > ratios.OlderAgeAboveYears : null;
        var uses = new List<CovariateUse>
        {
            new("Obesity", obese, ratios.Obesity, obese == true && ratios.Obesity != 1m),
            new("OlderAge", older, ratios.OlderAge, older == true && ratios.OlderAge != 1m),
            new("CurrentSmoker", patient.CurrentSmoker, ratios.CurrentSmoker, patient.CurrentSmoker && ratios.CurrentSmoker != 1m),
            new("Malalignment", patient.Malalignment, ratios.Malalignment, patient.Malalignment && ratios.Malalignment != 1m),
        };

        combined = 1m;
        foreach (var use in uses)
        {
            if (use.Applied)
            {
                combined *= use.OddsRatio;
            }
        }

        return uses;
    }

    private static string Percent(decimal probability) =>
        Math.Round(probability * 100m, 0, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
