using System.Net;
using System.Text.RegularExpressions;

namespace Talus.Web.Tests.Language;

/// <summary>
/// What on a patient page is not Spanish when Spanish is chosen: English sentences, PascalCase names (enum values) and
/// internal codes. Text marked lang="en" (validated questionnaire wording not yet loaded in Spanish, a stored English copy)
/// and words a person typed (class="own-words") are skipped. Shared by the HTTP test and the browser walk.
/// </summary>
public static partial class SpanishPageCheck
{
    public static readonly string[] PublicPages = ["/", "/learn", "/learn/treatment", "/learn/options", "/learn/costs", "/learn/request", "/signin"];

    public static readonly string[] PortalPages =
        ["/portal", "/portal/appointments", "/portal/appointments/book", "/portal/intake", "/portal/decision-aid", "/portal/after-care", "/portal/questionnaires/NrsPain"];

    /// <summary>Words Spanish does not use: two of them in one stretch of text make it an English sentence.</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "you", "your", "with", "this", "is", "are", "of", "will", "please", "have", "has", "was", "our", "we",
        "not", "be", "it", "for", "to", "from", "what", "when", "how", "can", "do", "does", "an", "or", "by", "at", "on",
    };

    /// <summary>What on a page is not Spanish: English stretches, PascalCase names (enum values), codes like IC-01 or v0.3, version numbers.</summary>
    public static IEnumerable<string> Problems(string html)
    {
        html = Regex.Replace(html, "<(script|style|head)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        html = WithoutElements(html, EnglishMarked());
        html = WithoutElements(html, OwnWords());
        var spoken = Regex.Matches(html, "(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        var chunks = Regex.Split(html, "<[^>]*>").Concat(spoken).Select(c => WebUtility.HtmlDecode(c).Trim()).Where(c => c.Length > 0);
        foreach (var chunk in chunks)
        {
            var words = Regex.Matches(chunk, "[A-Za-z']+").Select(m => m.Value).ToList();
            var english = words.Where(EnglishWords.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (english >= 2 && chunk != "English")
            {
                yield return $"English \"{chunk}\"";
            }
            foreach (Match m in InternalName().Matches(chunk))
            {
                yield return $"internal name or code \"{m.Value}\" in \"{chunk}\"";
            }
        }
    }

    /// <summary>The page without the elements whose opening tag matches (with everything nested inside them).</summary>
    private static string WithoutElements(string html, Regex openingTag)
    {
        for (var m = openingTag.Match(html); m.Success; m = openingTag.Match(html))
        {
            var name = m.Groups[1].Value;
            var depth = 0;
            var end = html.Length;
            foreach (Match tag in Regex.Matches(html[m.Index..], $"<(/?){name}\\b[^>]*>"))
            {
                depth += tag.Groups[1].Value == "/" ? -1 : 1;
                if (depth == 0)
                {
                    end = m.Index + tag.Index + tag.Length;
                    break;
                }
            }
            html = html[..m.Index] + " " + html[end..];
        }
        return html;
    }

    /// <summary>An element marked lang="en": English on purpose (validated wording, a stored English copy).</summary>
    [GeneratedRegex("<(\\w+)[^>]*\\blang=\"en\"[^>]*>")]
    private static partial Regex EnglishMarked();

    /// <summary>Words a person typed (the patient's goals, the podiatrist's plan notes) are shown as written.</summary>
    [GeneratedRegex("<(\\w+)[^>]*\\bclass=\"own-words\"[^>]*>")]
    private static partial Regex OwnWords();

    [GeneratedRegex("\\b(?:[A-Z][a-z]+[A-Z][A-Za-z]+(?!\\.gov)|[A-Z]{2,}-\\d{2}|[A-Z]{2,}_[A-Z]+|v\\d+\\.\\d+|[Vv]ersi[oó]n \\d+)\\b|SPEC §")]
    private static partial Regex InternalName();
}
