using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Language;

/// <summary>Issue 12, Spanish: complete resources, and the language decided per person (switch, preference, browser).</summary>
[Collection(AppCollection.Name)]
public sealed partial class SpanishTests(TalusApp app)
{
    /// <summary>Validated questionnaire wording (instructions, section stems, answer anchors): scores are only valid on
    /// the official text, so these are never home-translated and fall back until the official Spanish is loaded.</summary>
    public static readonly string[] InstrumentWordingKeys =
    [
        "Q_Intro_Faos", "Q_Intro_FaamAdl", "Q_Intro_FaamSports", "Q_Intro_NrsPain", "Q_Intro_PatientGlobalAssessment",
        "Q_Section_Symptoms", "Q_Section_Pain", "Q_Section_Adl", "Q_Section_SportRec", "Q_Section_Qol", "Q_NotApplicable",
    ];

    private static readonly Lazy<Dictionary<string, string>> English = new(() => Read("PatientText.resx"));
    private static readonly Lazy<Dictionary<string, string>> Spanish = new(() => Read("PatientText.es.resx"));

    [Fact]
    public void SpanishResources_EveryEnglishKey_HasANonEmptyValueWithTheSamePlaceholders()
    {
        var problems = new List<string>();
        foreach (var (key, english) in English.Value)
        {
            if (InstrumentWordingKeys.Contains(key))
            {
                continue;
            }
            if (!Spanish.Value.TryGetValue(key, out var spanish) || string.IsNullOrWhiteSpace(spanish))
            {
                problems.Add($"{key}: missing");
            }
            else if (!Placeholders(english).SequenceEqual(Placeholders(spanish)))
            {
                problems.Add($"{key}: placeholders {string.Join(",", Placeholders(english))} vs {string.Join(",", Placeholders(spanish))}");
            }
        }
        problems.AddRange(Spanish.Value.Keys.Where(k => !English.Value.ContainsKey(k)).Select(k => $"{k}: not an English key"));
        Assert.Empty(problems);
    }

    [Fact]
    public void SpanishResources_ValidatedInstrumentWording_IsNotHomeTranslated()
    {
        Assert.All(InstrumentWordingKeys, k => Assert.True(English.Value.ContainsKey(k), k));
        Assert.All(InstrumentWordingKeys, k => Assert.DoesNotContain(k, Spanish.Value.Keys));
    }

    [Fact]
    public async Task Portal_PatientPrefersSpanish_ShowsSpanishEvenWhenTheBrowserAsksForEnglish()
    {
        var email = await NewPortalPatientAsync("es");
        using var client = app.ClientAsUser(email, DemoData.Password);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await TextOfAsync(client, "/portal");

        Assert.Contains(Spanish.Value["YourDetails"], page);
        Assert.Contains(Spanish.Value["PortalIntro"], page);
        Assert.Contains("<html lang=\"es\"", page);
        foreach (var key in new[] { "PortalIntro", "YourDetails", "BirthDate", "PreferredLanguage", "YourClinic", "PortalTitle", "Nav_SignOut" })
        {
            Assert.DoesNotContain(English.Value[key], page);
        }
    }

    [Fact]
    public async Task Portal_PatientPrefersEnglish_ShowsEnglishEvenWhenTheBrowserAsksForSpanish()
    {
        var email = await NewPortalPatientAsync("en");
        using var client = app.ClientAsUser(email, DemoData.Password);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var page = await TextOfAsync(client, "/portal");

        Assert.Contains(English.Value["PortalIntro"], page);
        Assert.DoesNotContain(Spanish.Value["PortalIntro"], page);
    }

    [Fact]
    public async Task LanguageSwitch_Spanish_SetsTheCookieAndTheNextPageIsSpanish()
    {
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var english = await TextOfAsync(client, "/learn");
        Assert.Contains(English.Value["Learn_Home_Title"], english);
        Assert.Contains("/language?c=es&amp;returnUrl=%2Flearn", await (await client.GetAsync("/learn")).Content.ReadAsStringAsync());

        var response = await client.GetAsync("/language?c=es&returnUrl=%2Flearn");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/learn", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Des%7Cuic%3Des", StringComparison.Ordinal));

        var spanish = await TextOfAsync(client, "/learn");
        Assert.Contains(Spanish.Value["Learn_Home_Title"], spanish);
        Assert.DoesNotContain(English.Value["Learn_Home_Title"], spanish);
    }

    [Fact]
    public async Task LanguageSwitch_English_WinsOverThePatientsRecordedSpanish()
    {
        var email = await NewPortalPatientAsync("es");
        using var client = app.ClientAsUser(email, DemoData.Password);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        var page = await TextOfAsync(client, "/portal");

        Assert.Contains(English.Value["PortalIntro"], page);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task LanguageSwitch_ReturnUrlToAnotherHost_IsRefused(string returnUrl)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync($"/language?c=es&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task LanguageSwitch_UnknownLanguage_IsRefused()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/language?c=fr&returnUrl=%2Flearn");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("es-MX,es;q=0.9,en;q=0.5")]
    public async Task Learn_AcceptLanguageSpanish_ShowsSpanish(string acceptLanguage)
    {
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await TextOfAsync(client, "/learn");

        Assert.Contains(Spanish.Value["Learn_Home_Title"], page);
        Assert.Contains(Spanish.Value["Learn_Home_3_2"], page);
        foreach (var key in new[] { "Learn_Home_Title", "Learn_Home_Lead", "Learn_Home_3_2", "Nav_SignIn", "Learn_NextBody" })
        {
            Assert.DoesNotContain(English.Value[key], page);
        }
    }

    [Fact]
    public async Task Learn_NoAcceptLanguage_ShowsEnglish()
    {
        using var client = app.Anonymous();

        var page = await TextOfAsync(client, "/learn");

        Assert.Contains(English.Value["Learn_Home_Title"], page);
    }

    private Task<string> NewPortalPatientAsync(string language) => NewPortalPatientAsync(app, language);

    /// <summary>A patient with a portal sign-in (password <see cref="DemoData.Password"/>) who prefers <paramref name="language"/>; returns the email.</summary>
    internal static async Task<string> NewPortalPatientAsync(TalusApp app, string language)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"lang-{tag}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var patient = new Patient
        {
            Mrn = "L" + tag, GivenName = "Lucia", FamilyName = "Idioma" + tag, BirthDate = new DateOnly(1961, 3, 2), Sex = Sex.Female,
            Phone = "(949) 555-0199", Email = email, AddressLine = "1 Test St", City = "Irvine", State = "CA", PostalCode = "92618",
            PreferredLanguage = language, PreferredLocationId = db.Locations.OrderBy(l => l.Id).Select(l => l.Id).First(),
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        patient.NormalizeKeys();
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = patient.FullName, PatientId = patient.Id };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Patient)).Succeeded);
        return email;
    }

    private static async Task<string> TextOfAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string[] Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderPattern();

    internal static Dictionary<string, string> Read(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Talus.Web", "Resources", file)))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return XDocument.Load(Path.Combine(dir.FullName, "src", "Talus.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }
}
