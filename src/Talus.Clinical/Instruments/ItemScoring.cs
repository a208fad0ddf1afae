namespace Talus.Clinical.Instruments;

/// <summary>
/// Scores multi-item instruments from answers in form order. Written as plain loops over the array with
/// stack-allocated accumulators: scoring a full FAOS must take under 2 µs (PERFORMANCE.md).
/// </summary>
internal static class ItemScoring
{
    public static ScoringResult Score(InstrumentDefinition definition, int?[]? answers, FaosMissingRule missingRule)
    {
        var items = definition.Items;
        if (answers is null)
        {
            return ScoringResult.Invalid(definition.Id, "answers", $"{definition.Name}: answers are required.");
        }

        if (answers.Length != items.Count)
        {
            return ScoringResult.Invalid(
                definition.Id,
                "answers",
                $"{definition.Name} expects {items.Count} answers in form order; received {answers.Length}.");
        }

        var subscales = definition.Subscales;
        Span<int> sums = stackalloc int[subscales.Count];
        Span<int> answered = stackalloc int[subscales.Count];
        List<ValidationError>? errors = null;

        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is not { } value)
            {
                continue;
            }

            var item = items[i];
            if (value == InstrumentItem.NotApplicable && item.AllowsNotApplicable)
            {
                continue;
            }

            if (value < definition.MinimumAnswer || value > definition.MaximumAnswer)
            {
                errors ??= [];
                errors.Add(new ValidationError(
                    "answers." + item.Key,
                    $"{item.Key}: answer {value} is outside {definition.MinimumAnswer}–{definition.MaximumAnswer}"
                    + (item.AllowsNotApplicable ? $" (or {InstrumentItem.NotApplicable} for not applicable)." : ".")));
                continue;
            }

            var s = IndexOf(subscales, item.SubscaleKey);
            sums[s] += value;
            answered[s]++;
        }

        if (errors is not null)
        {
            return ScoringResult.Invalid(definition.Id, errors);
        }

        var scores = new SubscaleScore[subscales.Count];
        for (var s = 0; s < subscales.Count; s++)
        {
            scores[s] = ScoreSubscale(definition, subscales[s], sums[s], answered[s], missingRule);
        }

        return new ScoringResult(definition.Id, scores, [], []);
    }

    public static ScoringResult Score(
        InstrumentDefinition definition, IReadOnlyDictionary<string, int?>? answersByKey, FaosMissingRule missingRule)
    {
        if (answersByKey is null)
        {
            return ScoringResult.Invalid(definition.Id, "answers", $"{definition.Name}: answers are required.");
        }

        var answers = new int?[definition.Items.Count];
        List<ValidationError>? errors = null;
        foreach (var (key, value) in answersByKey)
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

        return errors is null ? Score(definition, answers, missingRule) : ScoringResult.Invalid(definition.Id, errors);
    }

    private static SubscaleScore ScoreSubscale(
        InstrumentDefinition definition, SubscaleDefinition subscale, int sum, int answered, FaosMissingRule missingRule)
    {
        var minimum = missingRule == FaosMissingRule.Legacy1998MaxTwoMissing && subscale.LegacyMinimumAnswered is { } legacy
            ? legacy
            : subscale.MinimumAnswered;

        if (answered < minimum)
        {
            return new SubscaleScore(subscale.Key, null, answered, minimum, TooFewAnswered(definition, subscale, answered, minimum));
        }

        decimal score = definition.Rule switch
        {
            // FAOS: 100 - 25 x mean answered item = substituting missing items with the subscale mean (SPEC §3.1; KOOS scoring 2012)
            ScoringRule.HundredMinusTwentyFiveTimesMean => 100m - (25m * sum / answered),
            // FAAM: sum / (4 x answered, N/A excluded) x 100 (SPEC §3.2; Martin 2005)
            ScoringRule.PercentOfAnsweredMaximum => 100m * sum / (definition.MaximumAnswer * answered),
            // MOXFQ: sum x 100 / (4 x items in domain) (SPEC §3.3; Dawson 2006)
            ScoringRule.PercentOfDomainMaximum => 100m * sum / (definition.MaximumAnswer * subscale.ItemCount),
            _ => throw new InvalidOperationException($"{definition.Rule} is not an item-based scoring rule."),
        };

        return new SubscaleScore(subscale.Key, score, answered, minimum, null);
    }

    private static Reason TooFewAnswered(InstrumentDefinition definition, SubscaleDefinition subscale, int answered, int minimum) =>
        new(
            "PROM-TOO-FEW-ANSWERED",
            $"{definition.Name} {subscale.Name}: {answered} of {subscale.ItemCount} items answered; at least {minimum} are needed, so no score was calculated.",
            "Too many questions in this section were left blank, so this score could not be worked out.",
            definition.Source);

    private static int IndexOf(IReadOnlyList<SubscaleDefinition> subscales, string key)
    {
        for (var s = 0; s < subscales.Count; s++)
        {
            if (string.Equals(subscales[s].Key, key, StringComparison.Ordinal))
            {
                return s;
            }
        }

        throw new InvalidOperationException($"Item belongs to unknown subscale '{key}'.");
    }
}
