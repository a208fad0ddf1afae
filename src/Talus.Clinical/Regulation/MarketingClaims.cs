namespace Talus.Clinical;

public enum MarketingClaimKind
{
    /// <summary>Claims a cure, regeneration or a guaranteed result.</summary>
    CureOrRegeneration,
    /// <summary>Lists diseases the product is said to treat.</summary>
    DiseaseList,
    /// <summary>Names one disease: review the sentence; blocked only as part of a list.</summary>
    DiseaseMention,
}

public sealed record MarketingClaimFinding(MarketingClaimKind Kind, string Term, int Index, Reason Reason);

/// <summary>The check's findings; <see cref="Blocked"/> when the text must not be shown to patients.</summary>
public sealed record MarketingClaimCheck(bool Blocked, IReadOnlyList<MarketingClaimFinding> Findings);

/// <summary>
/// Terms the marketing check looks for (SPEC §6.3 [D]). A trailing '*' matches any word ending
/// ("regenerat*" matches "regenerates"); matches start at a word boundary so "secure" is not "cure".
/// </summary>
public sealed record MarketingClaimSettings
{
    public IReadOnlyList<string> ClaimTerms { get; init; } =
    [
        // Whole words, not prefixes, where a prefix would hit innocent words ("health", "regenerative medicine").
        "cure", "cures", "cured", "curing", "curative", "heal", "heals", "healing", "regenerate", "regenerates", "regenerating",
        "regeneration", "regrow*", "rebuild*", "repair* cartilage", "new cartilage", "reverse*",
        "guarantee*", "miracle", "permanent relief", "avoid surgery",
    ];

    public IReadOnlyList<string> DiseaseTerms { get; init; } =
    [
        // Longer names first: a shorter term inside an already matched name is not counted again.
        "rheumatoid arthritis", "psoriatic arthritis", "osteoarthritis", "arthritis", "multiple sclerosis", "parkinson*", "alzheimer*", "autism", "diabetes",
        "COPD", "lupus", "neuropathy", "stroke", "spinal cord injur*", "heart disease", "cancer", "long COVID", "erectile dysfunction",
    ];

    /// <summary>Distinct disease terms that make a "list of diseases".</summary>
    public int DiseaseListFrom { get; init; } = 2;
}

/// <summary>
/// Patient-facing text must not claim cure or regeneration or list diseases: claims are "objective intent"
/// that can make a product non-homologous (21 CFR 1271.10(a)(2)) and invite consumer-protection action (SPEC §6.3).
/// </summary>
public static class MarketingClaims
{
    private const string Source = "SPEC §6.3 [D]; 21 CFR 1271.10(a)(2); ARCHITECTURE style rule 12";

    public static MarketingClaimCheck Check(string text, MarketingClaimSettings settings)
    {
        var findings = new List<MarketingClaimFinding>();
        foreach (var term in settings.ClaimTerms)
        {
            var at = Find(text, term);
            if (at >= 0)
            {
                findings.Add(new(MarketingClaimKind.CureOrRegeneration, term.TrimEnd('*'), at, new("MKT-CLAIM",
                    $"Claim of cure/regeneration/guarantee (\"{Excerpt(text, at)}\"): remove.",
                    "Our information must not promise a cure or new cartilage, because no study has shown that.", Source)));
            }
        }

        var diseases = new List<MarketingClaimFinding>();
        foreach (var term in settings.DiseaseTerms)
        {
            var at = Find(text, term);
            if (at >= 0 && !diseases.Exists(d => at >= d.Index && at < d.Index + d.Term.Length))
            {
                diseases.Add(new(MarketingClaimKind.DiseaseMention, term.TrimEnd('*'), at, new("MKT-DISEASE",
                    $"Names a disease (\"{Excerpt(text, at)}\"): make sure it does not claim to treat it.",
                    "Our information must not suggest this product treats particular diseases.", Source)));
            }
        }

        var list = diseases.Count >= settings.DiseaseListFrom;
        foreach (var d in diseases)
        {
            findings.Add(list ? d with { Kind = MarketingClaimKind.DiseaseList, Reason = d.Reason with { Code = "MKT-DISEASE-LIST", ClinicianText = $"Lists {diseases.Count} diseases: remove the list. " + d.Reason.ClinicianText } } : d);
        }

        findings.Sort((a, b) => a.Index.CompareTo(b.Index));
        var blocked = list || findings.Exists(f => f.Kind == MarketingClaimKind.CureOrRegeneration);
        return new(blocked, findings);
    }

    /// <summary>First index of the term at a word start, or -1; "term*" matches any word ending.</summary>
    private static int Find(string text, string term)
    {
        var prefix = term.EndsWith('*');
        var needle = prefix ? term.AsSpan(0, term.Length - 1) : term.AsSpan();
        var from = 0;
        while (from <= text.Length - needle.Length)
        {
            var i = text.AsSpan(from).IndexOf(needle, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return -1;
            }

            var at = from + i;
            var end = at + needle.Length;
            var startsWord = at == 0 || !char.IsLetter(text[at - 1]);
            var endsWord = prefix || end == text.Length || !char.IsLetter(text[end]);
            if (startsWord && endsWord)
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 20);
        var end = Math.Min(text.Length, at + 40);
        return text[start..end].Trim();
    }
}
