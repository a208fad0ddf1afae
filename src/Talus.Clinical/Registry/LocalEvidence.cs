using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.Outcomes;

namespace Talus.Clinical.Registry;

/// <summary>The practice's completed follow-ups of one (product, band, time point) cell: reached the pain MCID or not.</summary>
public sealed record LocalOutcomes(int Successes, int Failures)
{
    public int Patients => Successes + Failures;
}

/// <summary>An expected-outcome estimate and the number of local patients behind it.</summary>
public sealed record LocalEstimate(ExpectedOutcomeEstimate Estimate, int LocalPatients);

/// <summary>
/// The §5.3 prior updated with the practice's own completed follow-ups: Beta(α + successes, β + failures) per product, band
/// and time point (Beta-binomial conjugate update, SPEC §5.3 [D]). Only completed follow-ups count: a patient lost to follow-up
/// has no outcome to add, so the local N is the number of patients assessed, which is reported beside the estimate.
/// </summary>
public static class LocalEvidence
{
    public static LocalEstimate Estimate(
        ProductClass product, PriorBand band, TimePoint timePoint, LocalOutcomes local, ExpectedOutcomeSettings settings, PatientCovariates? covariates = null) =>
        new(ExpectedPainRelief.Estimate(new ExpectedOutcomeRequest(product, band, timePoint, local.Successes, local.Failures, covariates), settings),
            local.Patients);

    /// <summary>The §5.3 outcome Y(t): NRS pain MCID met against baseline (SPEC §3.4 default rule, through <see cref="Mcid"/>).</summary>
    public static bool ReachedPainMcid(decimal baselineNrs, decimal followUpNrs, McidSettings settings) =>
        Mcid.IsMet(OutcomeMeasure.NrsPain, baselineNrs, followUpNrs, settings).Met;
}
