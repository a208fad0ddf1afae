using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Consultations;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

[Collection(AppCollection.Name)]
public sealed class ConsultationRequestTests(TalusApp app)
{
    private static object Request(string family, string? birthDate = null) => new
    {
        givenName = "Noemi", familyName = family, phone = "(949) 555-0199", email = "noemi@example.com", birthDate,
        joint = "Ankle", side = "Left", question = "Is my ankle a fit?", preferredLanguage = "es", consentToContact = true,
        preferredLocationId = 1,
    };

    [Fact]
    public async Task Submit_Anonymous_LandsInFrontDeskWorklistOldestFirst()
    {
        using var anon = app.Anonymous();
        var created = await anon.PostAsJsonAsync("/api/consultation-requests", Request("Ybarra"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(receipt.TryGetProperty("phone", out _), "the public answer must not echo personal data");
        var id = receipt.GetProperty("id").GetGuid();

        using var desk = app.ClientAs(Roles.FrontDesk);
        var list = await desk.GetFromJsonAsync<JsonElement[]>("/api/consultation-requests");
        var mine = Assert.Single(list!, r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("New", mine.GetProperty("status").GetString());
        Assert.Equal("Ankle", mine.GetProperty("joint").GetString());
        var received = list!.Select(r => r.GetProperty("receivedAt").GetDateTime()).ToList();
        Assert.Equal(received.Order().ToList(), received);

        await app.FlushAuditAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Resource == "ConsultationRequest" && a.Action == AuditAction.Search)));
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { """{"preferredLanguage":"en","givenName":"","familyName":"X","phone":"(949) 555-0100","consentToContact":true}""", "givenName" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","consentToContact":true}""", "phone" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","phone":"(949) 555-0100","consentToContact":false}""", "consentToContact" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","email":"not-mail","consentToContact":true}""", "email" },
        { """{"givenName":"A","familyName":"X","phone":"(949) 555-0100","consentToContact":true,"preferredLanguage":"fr"}""", "preferredLanguage" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","phone":"(949) 555-0100","consentToContact":true,"joint":"Knee"}""", "joint" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","phone":"(949) 555-0100","consentToContact":true,"preferredLocationId":4242}""", "preferredLocationId" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"X","phone":"(949) 555-0100","consentToContact":true,"birthDate":"2099-01-01"}""", "birthDate" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Submit_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        using var anon = app.Anonymous();
        var before = await app.WithDbAsync(db => db.ConsultationRequests.CountAsync());
        var response = await anon.PostAsync("/api/consultation-requests", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await app.WithDbAsync(db => db.ConsultationRequests.CountAsync()));
    }

    [Fact]
    public async Task Handled_NotReachableWithoutNote_Answers400AndKeepsItOpen_ThenWithNoteClosesIt()
    {
        using var anon = app.Anonymous();
        var id = (await (await anon.PostAsJsonAsync("/api/consultation-requests", Request("Quiroga"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var desk = app.ClientAs(Roles.FrontDesk);

        var bad = await desk.PostAsJsonAsync($"/api/consultation-requests/{id}/handled", new { outcome = "NotReachable" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var reopened = await desk.PostAsJsonAsync($"/api/consultation-requests/{id}/handled", new { outcome = "New", note = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, reopened.StatusCode);
        Assert.Equal(ConsultationRequestStatus.New, await app.WithDbAsync(db => db.ConsultationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        var ok = await desk.PostAsJsonAsync($"/api/consultation-requests/{id}/handled", new { outcome = "NotReachable", note = "Two calls, voicemail full." });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NotReachable", body.GetProperty("status").GetString());
        Assert.Equal("Dana Whitfield", body.GetProperty("handledBy").GetString());
        var open = await desk.GetFromJsonAsync<JsonElement[]>("/api/consultation-requests");
        Assert.DoesNotContain(open!, r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Register_MatchesExistingPatientByNameAndBirthDate_OrCreatesOne()
    {
        var existing = await app.DemoPatientAsync();
        using var anon = app.Anonymous();
        var again = (await (await anon.PostAsJsonAsync("/api/consultation-requests", new
        {
            givenName = existing.GivenName.ToLowerInvariant(), familyName = existing.FamilyName, email = "r@example.com", consentToContact = true, preferredLanguage = "en",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var fresh = (await (await anon.PostAsJsonAsync("/api/consultation-requests", Request("Zamorano"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var desk = app.ClientAs(Roles.FrontDesk);

        var before = await app.WithDbAsync(db => db.Patients.CountAsync());
        var missing = await desk.PostAsJsonAsync($"/api/consultation-requests/{fresh}/register", new { sex = "Female" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Patients.CountAsync()));

        var matched = await (await desk.PostAsJsonAsync($"/api/consultation-requests/{again}/register",
            new { birthDate = existing.BirthDate.ToString("yyyy-MM-dd"), sex = "Female" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(matched.GetProperty("matched").GetBoolean());
        Assert.Equal(existing.Id, matched.GetProperty("patientId").GetGuid());

        var created = await (await desk.PostAsJsonAsync($"/api/consultation-requests/{fresh}/register",
            new { birthDate = "1959-03-08", sex = "Female" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(created.GetProperty("matched").GetBoolean());
        var patient = await app.WithDbAsync(db => db.Patients.SingleAsync(p => p.Id == created.GetProperty("patientId").GetGuid()));
        Assert.Equal(("Zamorano", "es", (int?)1), (patient.FamilyName, patient.PreferredLanguage, patient.PreferredLocationId));
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Worklist_OtherLocationsRequest_IsNotShownToThisDesk()
    {
        // The demo front desk works at Irvine and Long Beach; La Jolla is location 4.
        using var anon = app.Anonymous();
        var id = (await (await anon.PostAsJsonAsync("/api/consultation-requests", new
        {
            givenName = "Far", familyName = "Away", phone = "(858) 555-0111", consentToContact = true, preferredLanguage = "en", preferredLocationId = 4,
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var desk = app.ClientAs(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/api/consultation-requests/{id}")).StatusCode);
        using var admin = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/consultation-requests/{id}")).StatusCode);
    }

    [Fact]
    public async Task Submit_MoreThanTheLimitFromOneAddress_Answers429()
    {
        // The count is kept in the database the app shares with this test's instance: start from none.
        await app.WithDbAsync(db => db.RateCounters.ExecuteDeleteAsync());
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:PublicFormPostsPer10Minutes", "2"));
        using var client = limited.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/consultation-requests", Request("Limit" + i))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/consultation-requests", Request("Limit3"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/learn")).StatusCode);
    }
}
