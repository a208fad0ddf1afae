using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Homes;

[Collection(AppCollection.Name)]
public sealed class IntakeLinkEmailTests(TalusApp app)
{
    [Theory]
    [InlineData("en", "Your health questions before your visit")]
    [InlineData("es", "Sus preguntas de salud antes de su visita")]
    public async Task Email_PatientWithAddress_QueuesOneOutboxMessageWithTheLinkInTheirLanguage(string language, string subject)
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var id = await NewPatientAsync(desk, language, $"intake.{language}.{Guid.NewGuid():N}@example.org");

        using var response = await desk.PostAsync($"/api/patients/{id}/intake-links/email", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/intake/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.PatientId == id));
        Assert.Equal(subject, message.Subject);
        Assert.Matches(@"https?://[^\s]+/intake/[A-Za-z0-9_-]+", message.Body);
        Assert.Equal(1, await app.WithDbAsync(db => db.PatientLinks.CountAsync(l => l.PatientId == id)));
    }

    [Fact]
    public async Task Email_PatientWithoutAddress_Answers400ByFieldAndCreatesNoLink()
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var id = await NewPatientAsync(desk, "en", null);

        using var response = await desk.PostAsync($"/api/patients/{id}/intake-links/email", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.PatientLinks.CountAsync(l => l.PatientId == id)));
    }

    private static async Task<Guid> NewPatientAsync(HttpClient client, string language, string? email)
    {
        var created = await client.PostAsJsonAsync("/api/patients", new
        {
            givenName = "Inés", familyName = "Linkmail", birthDate = "1961-04-02", sex = "Female", preferredLanguage = language, email, preferredLocationId = 1,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
