namespace Talus.Clinical.Outcomes;

/// <summary>
/// OMERACT-OARSI inputs on 0–100 scales where higher = worse: Pain (P), Function (F), Patient Global (G).
/// A null domain cannot count towards the criteria.
/// </summary>
public sealed record OarsiDomains(decimal? Pain, decimal? Function, decimal? PatientGlobal)
{
    /// <summary>FAOS mapping: P = 100 − FAOS Pain, F = 100 − FAOS ADL (SPEC §4.4 [D]).</summary>
    public static OarsiDomains FromFaos(decimal? faosPain, decimal? faosAdl, decimal? patientGlobal) =>
        new(100m - faosPain, 100m - faosAdl, patientGlobal);

    /// <summary>NRS substitution for pain: P = 10 x NRS (SPEC §4.4 [D]).</summary>
    public static decimal? PainFromNrs(decimal? nrs) => 10m * nrs;
}

/// <summary>The OMERACT-OARSI verdict and how it was reached.</summary>
public sealed record OarsiVerdict(bool Met, bool HighChange, int ModerateDomains, IReadOnlyList<Reason> Reasons);

/// <summary>
/// OMERACT-OARSI responder criteria, exactly as SPEC §4.4 (Pham 2004), and the inverse criteria for worsening
/// (same thresholds in the worsening direction; SPEC §4.5, Driban). The thresholds are published, not configurable.
/// </summary>
public static class OmeractOarsi
{
    private const string Source = "SPEC §4.4; Pham T et al., Osteoarthritis Cartilage 2004;12:389";
    private const string InverseSource = "SPEC §4.5; inverse OMERACT-OARSI criteria (Driban)";

    // High: rel >= 0.50 and abs >= 20; moderate: rel >= 0.20 and abs >= 10 (SPEC §4.4).
    private const decimal HighRelative = 0.50m;
    private const decimal HighAbsolute = 20m;
    private const decimal ModerateRelative = 0.20m;
    private const decimal ModerateAbsolute = 10m;

    /// <summary>Responder = high improvement in P or F, or moderate improvement in at least two of P, F, G.</summary>
    public static OarsiVerdict Responder(OarsiDomains baseline, OarsiDomains followUp) =>
        Evaluate(baseline, followUp, worsening: false);

    /// <summary>Worsened = the same rule with changes measured in the worsening direction.</summary>
    public static OarsiVerdict Worsened(OarsiDomains baseline, OarsiDomains followUp) =>
        Evaluate(baseline, followUp, worsening: true);

    /// <summary>
    /// The same verdict as <see cref="Responder"/> (or <see cref="Worsened"/>) without its reasons: for counting many
    /// patients at once (the registry), where building the wording for each one would cost more than the rule.
    /// </summary>
    public static bool IsMet(OarsiDomains baseline, OarsiDomains followUp, bool worsening)
    {
        var pain = Change(baseline.Pain, followUp.Pain, worsening);
        var function = Change(baseline.Function, followUp.Function, worsening);
        var global = Change(baseline.PatientGlobal, followUp.PatientGlobal, worsening);
        return pain.High || function.High || (pain.Moderate ? 1 : 0) + (function.Moderate ? 1 : 0) + (global.Moderate ? 1 : 0) >= 2;
    }

    private static OarsiVerdict Evaluate(OarsiDomains baseline, OarsiDomains followUp, bool worsening)
    {
        var reasons = new List<Reason>(4);
        var pain = Domain("Pain", baseline.Pain, followUp.Pain, worsening, reasons);
        var function = Domain("Function", baseline.Function, followUp.Function, worsening, reasons);
        var global = Domain("Patient global", baseline.PatientGlobal, followUp.PatientGlobal, worsening, reasons);

        var high = pain.High || function.High;
        var moderate = (pain.Moderate ? 1 : 0) + (function.Moderate ? 1 : 0) + (global.Moderate ? 1 : 0);
        var met = high || moderate >= 2;
        var word = worsening ? "worsening" : "improvement";

        reasons.Add(new Reason(
            worsening ? (met ? "OARSI-WORSENED" : "OARSI-NOT-WORSENED") : (met ? "OARSI-RESPONDER" : "OARSI-NOT-RESPONDER"),
            $"{(worsening ? "Inverse OMERACT-OARSI" : "OMERACT-OARSI")}: high {word} in pain or function = {high}; moderate {word} in {moderate} of 3 domains → {(met ? "met" : "not met")}.",
            worsening
                ? (met ? "Your pain or function has become clearly worse since before treatment." : "Your pain and function have not become clearly worse.")
                : (met ? "You meet the standard definition of a treatment responder." : "You do not meet the standard definition of a treatment responder."),
            worsening ? InverseSource : Source));

        return new OarsiVerdict(met, high, moderate, reasons);
    }

    private static (bool High, bool Moderate) Domain(string name, decimal? x0, decimal? x1, bool worsening, List<Reason> reasons)
    {
        if (x0 is not { } before || x1 is not { } after)
        {
            reasons.Add(new Reason("OARSI-DOMAIN-MISSING", $"{name}: baseline or follow-up missing; domain not counted.",
                "One of the scores was not available.", Source));
            return (false, false);
        }

        // rel is undefined when X0 = 0 → domain not met (SPEC §4.4).
        if (before == 0m)
        {
            reasons.Add(new Reason("OARSI-DOMAIN-UNDEFINED", $"{name}: baseline 0, relative change undefined; domain not met.",
                "There was no problem in this area before treatment, so change could not be measured.", Source));
            return (false, false);
        }

        return Change(before, after, worsening);
    }

    private static (bool High, bool Moderate) Change(decimal? x0, decimal? x1, bool worsening)
    {
        // A missing domain, or a baseline of 0 (relative change undefined), is not met (SPEC §4.4).
        if (x0 is not { } before || x1 is not { } after || before == 0m)
        {
            return (false, false);
        }

        var change = worsening ? after - before : before - after;
        var relative = change / before;
        return (relative >= HighRelative && change >= HighAbsolute, relative >= ModerateRelative && change >= ModerateAbsolute);
    }
}
