using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Tests.Hostile;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.Language;

/// <summary>
/// Issue 12: bad input on every patient form, with Spanish chosen, is answered in Spanish: the page shows its messages
/// and none of them (nor anything else on the page) is English.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class SpanishValidationTests(TalusApp app)
{
    private const string SpanishCookie = ".AspNetCore.Culture=c%3Des%7Cuic%3Des";

    [Fact]
    public async Task PatientForms_BadInputInSpanish_ShowMessagesWithNoEnglish()
    {
        var linkPatient = await IntakeApiTests.NewPatientAsync(app, "Validacion");
        using var desk = app.ClientAs(Roles.FrontDesk);
        var token = (await (await desk.PostAsync($"/api/patients/{linkPatient}/intake-links", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString();
        var email = await SpanishTests.NewPortalPatientAsync(app, "es");
        var packet = new ConsentPacket
        {
            PatientId = await app.WithDbAsync(db => db.Patients.Where(p => p.Email == email).Select(p => p.Id).SingleAsync()), Joint = Talus.Clinical.Joint.Ankle, Side = Talus.Clinical.Side.Right, PlanId = Guid.NewGuid(), PlanVersion = 1,
            Product = Talus.Clinical.InjectionProduct.PlateletRichPlasma, Source = Talus.Clinical.TissueSource.Autologous, TemplateId = 1, TemplateVersion = 1,
            Language = "es", SectionsJson = JsonSerializer.Serialize(ConsentTexts.Spanish.Where(s => s.Kind == SectionKind.Core)),
            Status = ConsentStatus.AwaitingSignature, PreparedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(db => { db.ConsentPackets.Add(packet); return db.SaveChangesAsync(); });

        using var anonymous = app.Anonymous();
        anonymous.DefaultRequestHeaders.Add("Cookie", SpanishCookie);
        using var patient = app.ClientAsUser(email, DemoData.Password);
        (HttpClient Client, string Url, string Handler, Dictionary<string, string> Fields)[] posts =
        [
            (anonymous, "/learn/request", "consultation-request", new()
            {
                ["Input.GivenName"] = "", ["Input.FamilyName"] = "", ["Input.Email"] = "no-es-correo", ["Input.BirthDate"] = "ayer", ["Input.Question"] = new string('x', 2100),
            }),
            (anonymous, $"/intake/{token}", "intake", new()
            {
                ["Input.Action"] = "submit", ["Input.SymptomDurationMonths"] = "5000", ["Input.WeightPounds"] = "mucho", ["Input.HeightFeet"] = "9",
            }),
            (anonymous, $"/intake/{token}/questionnaires/NrsPain", "questionnaire", new() { ["action"] = "submit" }),
            (patient, "/portal/appointments/book?location=1", "pick", new() { ["slot"] = "1|1" }),
            (patient, $"/portal/consents/{packet.Id}", "portal-sign", new() { ["Input.FullName"] = "R", ["Input.Strokes"] = "[[[9999,1]]]" }),
        ];

        var problems = new List<string>();
        foreach (var (client, url, handler, fields) in posts)
        {
            using var response = await InputDefectTests.PostFormAsync(client, url, handler, fields);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(Message().IsMatch(html), $"{url}: no message shown");
            problems.AddRange(SpanishPageCheck.Problems(html).Select(p => $"{url}: {p}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    /// <summary>A field message or a form-level error.</summary>
    [GeneratedRegex("class=\"(?:validation-message|error)\"")]
    private static partial Regex Message();
}
