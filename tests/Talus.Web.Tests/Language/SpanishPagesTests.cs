using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.Language;

/// <summary>
/// Issue 12: with Spanish chosen, no patient page shows an English sentence, an enum name or an internal code.
/// Text marked lang="en" (a validated questionnaire whose official Spanish is not loaded) is English on purpose and skipped.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class SpanishPagesTests(TalusApp app)
{
    private const string SpanishCookie = ".AspNetCore.Culture=c%3Des%7Cuic%3Des";

    [Fact]
    public async Task PatientPages_SpanishChosen_ShowNoEnglishSentenceEnumNameOrInternalCode()
    {
        var demo = await app.DemoPatientAsync();
        var consents = await app.WithDbAsync(db => db.ConsentPackets.Where(c => c.PatientId == demo.Id).Select(c => c.Id).ToListAsync());
        var linkPatient = await IntakeApiTests.NewPatientAsync(app, "Enlace");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var token = (await (await desk.PostAsync($"/api/patients/{linkPatient}/intake-links", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString();

        using var anonymous = app.Anonymous();
        anonymous.DefaultRequestHeaders.Add("Cookie", SpanishCookie);
        using var patient = app.ClientAs(Roles.Patient);
        patient.DefaultRequestHeaders.Add("Cookie", SpanishCookie);
        var pages = PublicPages.Select(p => (anonymous, p))
            .Concat(PortalPages.Concat(consents.Select(id => $"/portal/consents/{id}")).Select(p => (patient, p)))
            .Append((anonymous, $"/intake/{token}"))
            .Append((anonymous, $"/intake/{token}/questionnaires/NrsPain"));

        var problems = new List<string>();
        foreach (var (client, path) in pages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            problems.AddRange(Problems(await response.Content.ReadAsStringAsync()).Select(p => $"{path}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    public static readonly string[] PublicPages = ["/", "/learn", "/learn/treatment", "/learn/options", "/learn/costs", "/learn/request", "/signin"];

    public static readonly string[] PortalPages =
        ["/portal", "/portal/appointments", "/portal/appointments/book", "/portal/intake", "/portal/decision-aid", "/portal/after-care", "/portal/questionnaires/NrsPain"];

    /// <summary>Words Spanish does not use: two of them in one stretch of text make it an English sentence.</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "you", "your", "with", "this", "is", "are", "of", "will", "please", "have", "has", "was", "our", "we",
        "not", "be", "it", "for", "to", "from", "what", "when", "how", "can", "do", "does", "an", "or", "by", "at", "on",
    };

    /// <summary>What on a page is not Spanish: English stretches, PascalCase names (enum values), codes like IC-01 or v0.3.</summary>
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

    [GeneratedRegex("\\b(?:[A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z]{2,}-\\d{2}|[A-Z]{2,}_[A-Z]+|v\\d+\\.\\d+)\\b|SPEC §")]
    private static partial Regex InternalName();
}
