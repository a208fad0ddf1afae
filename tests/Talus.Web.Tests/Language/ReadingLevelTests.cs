using System.Globalization;
using System.Text.RegularExpressions;

namespace Talus.Web.Tests.Language;

/// <summary>
/// Issue 12: patient text reads at US grade 8 or below. Each resource section (the key's prefix: "Learn_Costs", "Da",
/// "AfterCare", …) is measured as one text; only resources that are sentences (eight words or more) count, since
/// buttons, headings and labels have no reading grade. Validated questionnaire wording is not ours to simplify.
/// English: Flesch–Kincaid grade = 0.39 (words/sentences) + 11.8 (syllables/words) − 15.59 (Kincaid et al. 1975).
/// Spanish: Fernández-Huerta ease = 206.84 − 0.60 P − 1.02 F, P = syllables and F = sentences per 100 words
/// (Fernández Huerta, "Medidas sencillas de lecturabilidad", Consigna 214, 1959); 60 or more is "normal" to easy,
/// the band of grade 8 English.
/// </summary>
public sealed partial class ReadingLevelTests
{
    public const double MaxGrade = 8.0;
    public const double MinSpanishEase = 60.0;
    private const int MinWordsPerSection = 40;

    [Fact]
    public void EnglishResources_EverySection_ReadsAtGradeEightOrBelow()
    {
        var english = SpanishTests.Read("PatientText.resx");

        var tooHard = Sections(english)
            .Select(s => (s.Key, Grade: FleschKincaidGrade(s.Value.Select(k => english[k]))))
            .Where(s => s.Grade > MaxGrade)
            .Select(s => $"{s.Key}: grade {s.Grade:0.0}");

        Assert.Empty(tooHard);
    }

    [Fact]
    public void SpanishResources_EverySection_IsNormalOrEasyOnTheFernandezHuertaScale()
    {
        var english = SpanishTests.Read("PatientText.resx");
        var spanish = SpanishTests.Read("PatientText.es.resx");

        var tooHard = Sections(english)
            .Select(s => (s.Key, Ease: FernandezHuertaEase(s.Value.Where(spanish.ContainsKey).Select(k => spanish[k]))))
            .Where(s => s.Ease < MinSpanishEase)
            .Select(s => $"{s.Key}: ease {s.Ease:0.0}");

        Assert.Empty(tooHard);
    }

    [Fact]
    public void SpanishConsentTemplate_EverySection_IsNormalOrEasyOnTheFernandezHuertaScale()
    {
        // IC-03 is the §684 notice, given in English word for word (SPEC §6.4); RS-09 is the 21 CFR 50.25(c) statement.
        var tooHard = Talus.Web.Features.Consent.ConsentTexts.Spanish.Where(s => s.Id is not ("IC-03" or "RS-09"))
            .Select(s => (s.Id, Ease: FernandezHuertaEase([s.Title + ".", s.Text])))
            .Where(s => s.Ease < MinSpanishEase)
            .Select(s => $"{s.Id}: ease {s.Ease:0.0}");

        Assert.Empty(tooHard);
    }

    [Theory]
    [InlineData("the", 1)]
    [InlineData("cartilage", 3)]
    [InlineData("injection", 3)]
    [InlineData("ankle", 2)]
    [InlineData("made", 1)]
    [InlineData("inflammatory", 5)]
    public void EnglishSyllables_CommonWords_AreCountedAsSpoken(string word, int syllables) => Assert.Equal(syllables, EnglishSyllables(word));

    [Theory]
    [InlineData("pie", 1)]
    [InlineData("tobillo", 3)]
    [InlineData("inyección", 3)]
    [InlineData("día", 2)]
    [InlineData("cartílago", 4)]
    [InlineData("artritis", 3)]
    public void SpanishSyllables_CommonWords_AreCountedAsSpoken(string word, int syllables) => Assert.Equal(syllables, SpanishSyllables(word));

    [Fact]
    public void FleschKincaidGrade_ShortPlainSentences_AreEarlyGrades()
    {
        // 2 sentences, 8 words, 8 syllables: 0.39 × 4 + 11.8 × 1 − 15.59 = −2.23.
        Assert.Equal(-2.23, FleschKincaidGrade(["The cat sat.", "The dog ran to me."]), 2);
    }

    /// <summary>Resource keys by section, the sentence-like ones only (values of eight words or more).</summary>
    internal static Dictionary<string, List<string>> Sections(Dictionary<string, string> english) =>
        english.Where(e => !SpanishTests.InstrumentWordingKeys.Contains(e.Key) && Words(e.Value).Count >= 8)
            .GroupBy(e => Section(e.Key))
            .Select(g => (g.Key, Keys: g.Select(e => e.Key).ToList()))
            .Where(g => g.Keys.Sum(k => Words(english[k]).Count) >= MinWordsPerSection)
            .ToDictionary(g => g.Key, g => g.Keys);

    private static double FleschKincaidGrade(IEnumerable<string> texts)
    {
        var (sentences, words, syllables) = Count(texts, EnglishSyllables);
        return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
    }

    private static double FernandezHuertaEase(IEnumerable<string> texts)
    {
        var (sentences, words, syllables) = Count(texts, SpanishSyllables);
        return 206.84 - 0.60 * (100.0 * syllables / words) - 1.02 * (100.0 * sentences / words);
    }

    /// <summary>Each resource is its own text: sentences end at . ! ? or the end of the value; {0} reads as one word.</summary>
    private static (int Sentences, int Words, int Syllables) Count(IEnumerable<string> texts, Func<string, int> syllablesOf)
    {
        int sentences = 0, words = 0, syllables = 0;
        foreach (var raw in texts)
        {
            var text = Placeholder().Replace(raw, "tres");
            sentences += SentenceEnd().Split(text).Count(s => Words(s).Count > 0);
            var w = Words(text);
            words += w.Count;
            syllables += w.Sum(syllablesOf);
        }
        return (Math.Max(1, sentences), Math.Max(1, words), syllables);
    }

    private static string Section(string key)
    {
        var parts = key.Split('_');
        return parts[0] == "Learn" && parts.Length > 2 ? $"Learn_{parts[1]}"
            : parts.Length > 1 ? parts[0]
            : LeadingWord().Match(key) is { Success: true } m ? m.Value : key;
    }

    private static List<string> Words(string text) => [.. Word().Matches(text).Select(m => m.Value)];

    /// <summary>Vowel groups, less a silent final e / es / ed (the usual readability-tool heuristic).</summary>
    public static int EnglishSyllables(string word)
    {
        var w = Regex.Replace(word.ToLowerInvariant(), "[^a-z]", "");
        if (w.Length == 0)
        {
            return 0;
        }
        if (w.Length <= 3)
        {
            return 1;
        }
        w = Regex.Replace(w, "(?:[^laeiouy]es|ed|[^laeiouy]e)$", "");
        w = Regex.Replace(w, "^y", "");
        return Math.Max(1, Regex.Count(w, "[aeiouy]+"));
    }

    /// <summary>Vowel groups; two strong vowels (a, e, o) or an accented í/ú beside another vowel are two syllables (hiatus).</summary>
    public static int SpanishSyllables(string word)
    {
        var w = word.ToLower(CultureInfo.GetCultureInfo("es"));
        var count = 0;
        foreach (Match group in Regex.Matches(w, "[aeiouáéíóúü]+"))
        {
            count++;
            for (var i = 1; i < group.Value.Length; i++)
            {
                if ("aeoáéóíú".Contains(group.Value[i - 1]) && "aeoáéóíú".Contains(group.Value[i]))
                {
                    count++;
                }
            }
        }
        return Math.Max(1, count);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[.!?]+(?:\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("^[A-Z][a-z]+")]
    private static partial Regex LeadingWord();

    [GeneratedRegex("[A-Za-zÁÉÍÓÚáéíóúüñÑ']+")]
    private static partial Regex Word();
}
