namespace Talus.Clinical.Instruments;

/// <summary>MOXFQ domains: Walking/standing 7 items, Pain 5, Social interaction 4 (SPEC §3.3; Dawson 2006).</summary>
public enum MoxfqDomain
{
    WalkingStanding,
    Pain,
    SocialInteraction,
}

/// <summary>One MOXFQ item as supplied by the licence holder's manual: key, official text, domain.</summary>
public sealed record MoxfqLicensedItem(string Key, string Text, MoxfqDomain Domain);

/// <summary>
/// The practice's MOXFQ licence (Oxford University Innovation) with the 16 items in form order.
/// The item-to-domain mapping and wording are not shipped: they come only from the licensed manual (SPEC §3.3, §10 #14).
/// </summary>
public sealed record MoxfqLicence(string LicenceReference, MoxfqLicensedItem[] Items);

/// <summary>
/// Manchester–Oxford Foot Questionnaire: 16 items 0–4 (0 = best); domain score = sum x 100 / (4 x items),
/// higher = worse; MOXFQ-Index = all 16 summed to 0–100 (SPEC §3.3; Dawson 2006; Morley 2013).
/// </summary>
public static class Moxfq
{
    public const string WalkingStanding = "WalkingStanding";
    public const string Pain = "Pain";
    public const string SocialInteraction = "SocialInteraction";
    public const string Index = "Index";
    public const int ItemCount = 16;

    private const string Source = "SPEC §3.3; Dawson 2006 (Qual Life Res 15:1211); Morley 2013 (Bone Joint Res 2:66)";

    private static readonly AnswerAnchor[] Anchors = Faos.Anchors("0", "1", "2", "3", "4");

    /// <summary>Checks the licence configuration: 16 items, unique keys, the published 7/5/4 split (SPEC §3.3).</summary>
    public static IReadOnlyList<ValidationError> CheckLicence(MoxfqLicence? licence)
    {
        if (licence is null)
        {
            return [new ValidationError("settings.moxfq", "No MOXFQ licence is configured for this practice; MOXFQ cannot be scored or shown.")];
        }

        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(licence.LicenceReference))
        {
            errors.Add(new ValidationError("settings.moxfq.licenceReference", "The MOXFQ licence reference is missing."));
        }

        if (licence.Items is null || licence.Items.Length != ItemCount)
        {
            errors.Add(new ValidationError("settings.moxfq.items", $"The MOXFQ configuration must list {ItemCount} items from the licensed manual."));
            return errors;
        }

        int walking = 0, pain = 0, social = 0;
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in licence.Items)
        {
            if (string.IsNullOrWhiteSpace(item.Key) || !keys.Add(item.Key))
            {
                errors.Add(new ValidationError("settings.moxfq.items", $"MOXFQ item key '{item.Key}' is empty or repeated."));
            }

            switch (item.Domain)
            {
                case MoxfqDomain.WalkingStanding: walking++; break;
                case MoxfqDomain.Pain: pain++; break;
                case MoxfqDomain.SocialInteraction: social++; break;
                default: errors.Add(new ValidationError("settings.moxfq.items", $"MOXFQ item '{item.Key}' has an unknown domain.")); break;
            }
        }

        // Published split 7/5/4 (SPEC §3.3; a third-party 8/4/4 split contradicts it, SPEC §10 #14).
        if (walking != 7 || pain != 5 || social != 4)
        {
            errors.Add(new ValidationError(
                "settings.moxfq.items",
                $"MOXFQ domains must hold 7/5/4 items (walking-standing/pain/social); the configuration has {walking}/{pain}/{social}."));
        }

        return errors;
    }

    /// <summary>The MOXFQ definition built from the licence, or null when the licence is missing or invalid.</summary>
    public static InstrumentDefinition? Definition(MoxfqLicence? licence)
    {
        if (CheckLicence(licence).Count > 0)
        {
            return null;
        }

        var items = new InstrumentItem[ItemCount];
        for (var i = 0; i < ItemCount; i++)
        {
            var licensed = licence!.Items[i];
            items[i] = new InstrumentItem(licensed.Key, licensed.Text, KeyOf(licensed.Domain), Anchors);
        }

        return new InstrumentDefinition(
            InstrumentId.Moxfq,
            "Manchester–Oxford Foot Questionnaire (MOXFQ)",
            "Past 4 weeks",
            items,
            [
                // Every item of a domain is required [D]: SPEC §3.3 gives no missing-item rule. MCIDs 16/12/24 (SPEC §3.7; Dawson 2007).
                new(WalkingStanding, "Walking/standing", 7, MinimumAnswered: 7, McidDefault: 16m),
                new(Pain, "Pain", 5, MinimumAnswered: 5, McidDefault: 12m),
                new(SocialInteraction, "Social interaction", 4, MinimumAnswered: 4, McidDefault: 24m),
            ],
            MinimumAnswer: 0,
            MaximumAnswer: 4,
            Direction: ScoreDirection.HigherIsWorse,
            HigherAnswerIsWorse: true,
            Rule: ScoringRule.PercentOfDomainMaximum,
            Licence: LicenceStatus.LicenceRequired,
            UsedForResponderDecisions: false,
            Source: Source);
    }

    /// <summary>Scores 16 answers in form order; refuses with a reason when the practice has no valid licence.</summary>
    public static ScoringResult Score(int?[] answers, MoxfqLicence? licence) => Score(answers, licence, null);

    internal static ScoringResult Score(int?[] answers, MoxfqLicence? licence, List<ValidationError>? keyErrors)
    {
        var definition = Definition(licence);
        if (definition is null)
        {
            return NotLicensed(licence);
        }

        if (keyErrors is { Count: > 0 })
        {
            return ScoringResult.Invalid(InstrumentId.Moxfq, keyErrors);
        }

        var domains = ItemScoring.Score(definition, answers, FaosMissingRule.Koos2012HalfAnswered);
        if (!domains.IsValid)
        {
            return domains;
        }

        var sum = 0;
        var answered = 0;
        foreach (var answer in answers)
        {
            if (answer is { } value)
            {
                sum += value;
                answered++;
            }
        }

        // MOXFQ-Index: all 16 items summed and scaled to 0–100 (SPEC §3.3; Morley 2013).
        var index = answered == ItemCount
            ? new SubscaleScore(Index, 100m * sum / (4 * ItemCount), answered, ItemCount, null)
            : new SubscaleScore(Index, null, answered, ItemCount, new Reason(
                "PROM-TOO-FEW-ANSWERED",
                $"MOXFQ-Index needs all {ItemCount} items; {answered} answered.",
                "Some questions were left blank, so the overall score could not be worked out.",
                Source));

        return domains with { Subscales = [.. domains.Subscales, index] };
    }

    internal static ScoringResult NotLicensed(MoxfqLicence? licence) =>
        new(
            InstrumentId.Moxfq,
            [],
            CheckLicence(licence),
            [new Reason(
                "MOXFQ-NOT-LICENSED",
                "MOXFQ is a licensed instrument (Oxford University Innovation); this practice has no valid licence and item mapping configured, so it is not scored.",
                "This questionnaire is not available at this practice.",
                "SPEC §3.3, §3.8")]);

    private static string KeyOf(MoxfqDomain domain) =>
        domain switch
        {
            MoxfqDomain.WalkingStanding => WalkingStanding,
            MoxfqDomain.Pain => Pain,
            _ => SocialInteraction,
        };
}
