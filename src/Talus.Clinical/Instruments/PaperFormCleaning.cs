namespace Talus.Clinical.Instruments;

/// <summary>
/// Marks read from a paper form for one item, each as a position on the answer scale in answer units
/// (box k centred at k; 2.3 = a mark just right of box 2; -0.4 = left of the first box). Empty = blank.
/// </summary>
public sealed record RawItemMarks(string ItemKey, decimal[] Marks, bool NotApplicableMarked = false);

/// <summary>The answers after cleaning, in form order, with the corrections made and any errors.</summary>
public sealed record CleanedAnswers(int?[] Answers, IReadOnlyList<Reason> Corrections, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Applies the KOOS-family data-cleaning rules to paper forms (SPEC §3.1).</summary>
public static class PaperFormCleaning
{
    private const string Source = "SPEC §3.1; KOOS scoring 2012 (data cleaning)";

    /// <summary>
    /// A mark outside a box goes to the nearest box; two or more boxes marked → the one meaning the more severe
    /// problem [C]. A mark exactly halfway between two boxes is also resolved to the more severe box [D].
    /// </summary>
    public static CleanedAnswers Clean(InstrumentDefinition definition, IReadOnlyList<RawItemMarks> marks)
    {
        var answers = new int?[definition.Items.Count];
        var corrections = new List<Reason>();
        var errors = new List<ValidationError>();
        var higherIsWorse = definition.HigherAnswerIsWorse;

        foreach (var raw in marks)
        {
            var position = definition.PositionOf(raw.ItemKey);
            if (position < 0)
            {
                errors.Add(new ValidationError("marks." + raw.ItemKey, $"'{raw.ItemKey}' is not an item of {definition.Name}."));
                continue;
            }

            var item = definition.Items[position];
            if (raw.Marks is null || raw.Marks.Length == 0)
            {
                answers[position] = raw.NotApplicableMarked && item.AllowsNotApplicable ? InstrumentItem.NotApplicable : null;
                continue;
            }

            int? chosen = null;
            var movedToNearest = false;
            foreach (var mark in raw.Marks)
            {
                var box = NearestBox(mark, definition.MinimumAnswer, definition.MaximumAnswer, higherIsWorse);
                movedToNearest |= box != mark;
                if (chosen is null || (higherIsWorse ? box > chosen : box < chosen))
                {
                    chosen = box;
                }
            }

            answers[position] = chosen;
            if (movedToNearest)
            {
                corrections.Add(new Reason(
                    "FORM-NEAREST-BOX",
                    $"{item.Key}: a mark outside a box was read as the nearest box ({chosen}).",
                    "A mark between boxes was counted as the closest box.",
                    Source));
            }

            if (HasDistinctBoxes(raw.Marks, definition, higherIsWorse))
            {
                corrections.Add(new Reason(
                    "FORM-TWO-BOXES",
                    $"{item.Key}: more than one box marked; the more severe answer ({chosen}) was kept.",
                    "Where two boxes were marked, the answer showing the bigger problem was used.",
                    Source));
            }
        }

        return new CleanedAnswers(answers, corrections, errors);
    }

    private static int NearestBox(decimal mark, int minimum, int maximum, bool higherIsWorse)
    {
        var clamped = Math.Clamp(mark, minimum, maximum);
        var lower = (int)decimal.Floor(clamped);
        var fraction = clamped - lower;
        if (fraction == 0m)
        {
            return lower;
        }

        if (fraction == 0.5m)
        {
            return higherIsWorse ? lower + 1 : lower;
        }

        return fraction > 0.5m ? lower + 1 : lower;
    }

    private static bool HasDistinctBoxes(decimal[] marks, InstrumentDefinition definition, bool higherIsWorse)
    {
        var first = NearestBox(marks[0], definition.MinimumAnswer, definition.MaximumAnswer, higherIsWorse);
        for (var i = 1; i < marks.Length; i++)
        {
            if (NearestBox(marks[i], definition.MinimumAnswer, definition.MaximumAnswer, higherIsWorse) != first)
            {
                return true;
            }
        }

        return false;
    }
}
