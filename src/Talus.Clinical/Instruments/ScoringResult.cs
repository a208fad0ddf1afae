namespace Talus.Clinical.Instruments;

/// <summary>A problem with submitted answers, naming the field so the API can answer 400 (ARCHITECTURE rule 11).</summary>
public sealed record ValidationError(string Field, string Message);

/// <summary>
/// One subscale's score, unrounded. <see cref="Score"/> is null when too few items were answered;
/// <see cref="Reason"/> then says why.
/// </summary>
public sealed record SubscaleScore(string Subscale, decimal? Score, int Answered, int MinimumAnswered, Reason? Reason);

/// <summary>
/// The outcome of scoring one response: either subscale scores or validation errors (never both),
/// plus reasons (e.g. "legacy instrument, not for responder decisions").
/// </summary>
public sealed record ScoringResult(
    InstrumentId Instrument,
    IReadOnlyList<SubscaleScore> Subscales,
    IReadOnlyList<ValidationError> Errors,
    IReadOnlyList<Reason> Reasons)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The unrounded score of a subscale, or null when invalid or absent.</summary>
    public decimal? ScoreOf(string subscale)
    {
        foreach (var s in Subscales)
        {
            if (string.Equals(s.Subscale, subscale, StringComparison.OrdinalIgnoreCase))
            {
                return s.Score;
            }
        }

        return null;
    }

    internal static ScoringResult Invalid(InstrumentId instrument, IReadOnlyList<ValidationError> errors) =>
        new(instrument, [], errors, []);

    internal static ScoringResult Invalid(InstrumentId instrument, string field, string message) =>
        new(instrument, [], [new ValidationError(field, message)], []);
}

/// <summary>Display rounding for PROM scores.</summary>
public static class ScoreDisplay
{
    /// <summary>
    /// Rounds half away from zero to one decimal for display only; thresholds always use the unrounded value (SPEC §0).
    /// </summary>
    public static decimal Round(decimal score) => Math.Round(score, 1, MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? score) => score is { } s ? Round(s) : null;
}
