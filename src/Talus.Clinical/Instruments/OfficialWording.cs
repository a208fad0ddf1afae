namespace Talus.Clinical.Instruments;

/// <summary>One answer box of the official form: the stored value it means and its official words.</summary>
public sealed record OfficialAnchor(int Value, string Text);

/// <summary>One question of the official form, keyed like the instrument definition's item.</summary>
public sealed record OfficialItem(string Key, string Text, IReadOnlyList<OfficialAnchor> Anchors, string? NotApplicableText = null);

/// <summary>
/// The official wording of an instrument in one language, as the practice receives it with its licence
/// (SPEC §3.1: "load exact wording from the official form … do not paraphrase"; §3.8 licensing).
/// </summary>
public sealed record OfficialWording(
    InstrumentId Instrument,
    string Language,
    string Source,
    string? Instructions,
    IReadOnlyList<OfficialItem> Items);

/// <summary>
/// Checks an official wording against the instrument definition: the same item keys (none missing, none unknown,
/// none twice), the same count, and for every item the same answer values with words for each; a scale's
/// "not applicable" box only where the definition allows it. Scores are only valid on the official form, so a
/// wording that does not fit the definition is refused whole.
/// </summary>
public static class OfficialWordingCheck
{
    public const int MaxTextLength = 2000;

    public static IReadOnlyList<RuleInputError> Check(InstrumentDefinition definition, OfficialWording wording)
    {
        var errors = new List<RuleInputError>();
        if (wording.Instrument != definition.Id)
        {
            errors.Add(new("instrument", $"The file is for {wording.Instrument}, not {definition.Id}."));
        }
        if (string.IsNullOrWhiteSpace(wording.Source))
        {
            errors.Add(new("source", "Name the official form and its version (e.g. the licence or download it came from)."));
        }
        if (wording.Items.Count != definition.Items.Count)
        {
            errors.Add(new("items", $"{definition.Name} has {definition.Items.Count} items; the file has {wording.Items.Count}."));
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < wording.Items.Count; i++)
        {
            var item = wording.Items[i];
            var path = $"items[{i}]";
            if (string.IsNullOrWhiteSpace(item.Key))
            {
                errors.Add(new(path + ".key", "Every item needs its key (e.g. P1)."));
                continue;
            }
            if (!seen.Add(item.Key))
            {
                errors.Add(new(path + ".key", $"Item {item.Key} appears twice."));
                continue;
            }
            var at = definition.PositionOf(item.Key);
            if (at < 0)
            {
                errors.Add(new(path + ".key", $"{item.Key} is not an item of {definition.Name}."));
                continue;
            }
            CheckItem(definition.Items[at], item, path, errors);
        }
        foreach (var missing in definition.Items.Where(d => !seen.Contains(d.Key)))
        {
            errors.Add(new("items", $"Item {missing.Key} is missing."));
        }
        return errors;
    }

    private static void CheckItem(InstrumentItem definition, OfficialItem item, string path, List<RuleInputError> errors)
    {
        if (string.IsNullOrWhiteSpace(item.Text))
        {
            errors.Add(new(path + ".text", $"Item {item.Key} has no text."));
        }
        var expected = definition.Anchors.Select(a => a.Value).Order().ToArray();
        var given = item.Anchors.Select(a => a.Value).Order().ToArray();
        if (!expected.SequenceEqual(given))
        {
            errors.Add(new(path + ".anchors",
                $"Item {item.Key} must have the answers {string.Join(", ", expected)}; the file has {(given.Length == 0 ? "none" : string.Join(", ", given))}."));
        }
        for (var a = 0; a < item.Anchors.Count; a++)
        {
            if (string.IsNullOrWhiteSpace(item.Anchors[a].Text))
            {
                errors.Add(new($"{path}.anchors[{a}].text", $"Item {item.Key}: answer {item.Anchors[a].Value} has no words."));
            }
        }
        if (definition.AllowsNotApplicable && string.IsNullOrWhiteSpace(item.NotApplicableText))
        {
            errors.Add(new(path + ".notApplicableText", $"Item {item.Key} allows \"not applicable\": give its official words."));
        }
        if (!definition.AllowsNotApplicable && item.NotApplicableText is not null)
        {
            errors.Add(new(path + ".notApplicableText", $"Item {item.Key} has no \"not applicable\" answer."));
        }
    }
}
