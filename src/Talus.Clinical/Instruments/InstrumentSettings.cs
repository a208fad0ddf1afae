namespace Talus.Clinical.Instruments;

/// <summary>Per-practice instrument settings; defaults from SPEC §3.</summary>
public sealed record InstrumentSettings
{
    /// <summary>FAOS missing-item rule [D], default KOOS 2012 "≥ 50% answered" (SPEC §3.1, §10 #1).</summary>
    public FaosMissingRule FaosMissingRule { get; init; } = FaosMissingRule.Koos2012HalfAnswered;

    /// <summary>Lowest accepted PROMIS PF T-score [D]: population mean 50, SD 10, so ±4 SD (SPEC §3.6).</summary>
    public decimal PromisTScoreMinimum { get; init; } = 10m;

    /// <summary>Highest accepted PROMIS PF T-score [D] (SPEC §3.6).</summary>
    public decimal PromisTScoreMaximum { get; init; } = 90m;

    /// <summary>The practice's MOXFQ licence and item mapping; null = not licensed, so MOXFQ is not scored (SPEC §3.3, §3.8).</summary>
    public MoxfqLicence? Moxfq { get; init; }
}

/// <summary>A multi-item response, answers in form order (null = blank).</summary>
public sealed record InstrumentResponse(InstrumentId Instrument, int?[] Answers);

/// <summary>A multi-item response keyed by item key (e.g. "P3"), a convenience for forms and the API.</summary>
public sealed record KeyedInstrumentResponse(InstrumentId Instrument, Dictionary<string, int?> Answers);

/// <summary>Scores any multi-item instrument response and refuses, with a named field, what it cannot score.</summary>
public static class InstrumentScoring
{
    /// <summary>Scores a response for whichever multi-item instrument it names.</summary>
    public static ScoringResult Score(InstrumentResponse response, InstrumentSettings settings) =>
        response.Instrument switch
        {
            InstrumentId.Faos => ItemScoring.Score(Faos.Definition, response.Answers, settings.FaosMissingRule),
            InstrumentId.FaamAdl => ItemScoring.Score(Faam.Adl, response.Answers, settings.FaosMissingRule),
            InstrumentId.FaamSports => ItemScoring.Score(Faam.Sports, response.Answers, settings.FaosMissingRule),
            InstrumentId.Moxfq => Moxfq.Score(response.Answers, settings.Moxfq),
            _ => NotMultiItem(response.Instrument),
        };

    /// <summary>Scores a keyed response; unknown item keys are validation errors.</summary>
    public static ScoringResult Score(KeyedInstrumentResponse response, InstrumentSettings settings)
    {
        if (response.Instrument == InstrumentId.Moxfq)
        {
            var definition = Moxfq.Definition(settings.Moxfq);
            return definition is null
                ? Moxfq.NotLicensed(settings.Moxfq)
                : Moxfq.Score(ToArray(definition, response.Answers, out var errors), settings.Moxfq, errors);
        }

        return DefinitionOf(response.Instrument) is { } d && d.Rule != ScoringRule.SingleValue && d.Rule != ScoringRule.PointsSum
            ? ItemScoring.Score(d, response.Answers, settings.FaosMissingRule)
            : NotMultiItem(response.Instrument);
    }

    /// <summary>
    /// Scores a response that an endpoint expects to be of one instrument; a response naming another
    /// instrument is a validation error on "instrument".
    /// </summary>
    public static ScoringResult ScoreAs(InstrumentId expected, InstrumentResponse response, InstrumentSettings settings) =>
        response.Instrument == expected
            ? Score(response, settings)
            : ScoringResult.Invalid(expected, "instrument", $"Expected a {expected} response but received {response.Instrument}.");

    /// <summary>The shared definition of an instrument (MOXFQ needs the licence: see <see cref="Moxfq.Definition"/>).</summary>
    public static InstrumentDefinition? DefinitionOf(InstrumentId instrument) =>
        instrument switch
        {
            InstrumentId.Faos => Faos.Definition,
            InstrumentId.FaamAdl => Faam.Adl,
            InstrumentId.FaamSports => Faam.Sports,
            InstrumentId.NrsPain => SingleValueMeasures.NrsPain,
            InstrumentId.VasPain => SingleValueMeasures.VasPain,
            InstrumentId.PatientGlobalAssessment => SingleValueMeasures.PatientGlobalAssessment,
            InstrumentId.PromisPhysicalFunction => SingleValueMeasures.PromisPhysicalFunction,
            InstrumentId.Sane => SingleValueMeasures.Sane,
            InstrumentId.AofasAnkleHindfoot => Aofas.Definition,
            _ => null,
        };

    private static int?[] ToArray(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> byKey, out List<ValidationError>? errors)
    {
        errors = null;
        var answers = new int?[definition.Items.Count];
        foreach (var (key, value) in byKey)
        {
            var position = definition.PositionOf(key);
            if (position < 0)
            {
                errors ??= [];
                errors.Add(new ValidationError("answers." + key, $"'{key}' is not an item of {definition.Name}."));
                continue;
            }

            answers[position] = value;
        }

        return answers;
    }

    private static ScoringResult NotMultiItem(InstrumentId instrument) =>
        ScoringResult.Invalid(
            instrument,
            "instrument",
            $"{instrument} is not a multi-item questionnaire; enter it as a single value or AOFAS components.");
}
