using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AdminApiTests(TalusApp app)
{
    private static object Location(string name, string timeZone = "America/Los_Angeles") => new
    {
        name, addressLine = "1 Test Way", city = "Riverside", state = "CA", postalCode = "92501", phone = "(951) 555-0100", timeZone, isActive = true,
    };

    [Fact]
    public async Task Location_WithRoomsEquipmentHoursAndClosure_IsReadBack()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/locations", Location("Riverside"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/locations/{id}/rooms", new { name = "Procedure", kind = "Procedure", isActive = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/locations/{id}/equipment", new { name = "US 1", kind = "Ultrasound", isActive = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/locations/{id}/hours",
            new[] { new { day = "Monday", opens = "08:00", closes = "17:00" }, new { day = "Saturday", opens = "09:00", closes = "12:00" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/locations/{id}/closures", new { date = "2026-12-24", reason = "Christmas Eve" })).StatusCode);

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/locations/{id}");
        Assert.Equal("Procedure", read.GetProperty("rooms")[0].GetProperty("kind").GetString());
        Assert.Equal("Ultrasound", read.GetProperty("equipment")[0].GetProperty("kind").GetString());
        Assert.Equal(2, read.GetProperty("hours").GetArrayLength());
        Assert.Equal("2026-12-24", read.GetProperty("closures")[0].GetProperty("date").GetString());
    }

    public static TheoryData<string, object, string> BadRequests() => new()
    {
        { "/api/locations", Location("Nowhere", "Mars/Olympus_Mons"), "timeZone" },
        { "/api/locations/1/rooms", new { name = "Closet", kind = "Broom", isActive = true }, "kind" },
        { "/api/locations/1/equipment", new { name = "Laser", kind = "Laser", isActive = true }, "kind" },
        { "/api/locations/1/closures", new { reason = "No date" }, "date" },
        { "/api/staff", new { displayName = "New Person", email = "new.person@talus.example", role = "Clinician", locationIds = new[] { 4242 }, isActive = true }, "locationIds" },
        { "/api/staff", new { displayName = "New Person", email = "new.person@talus.example", role = "Surgeon", isActive = true }, "role" },
        { "/api/staff", new { displayName = "New Person", email = "new.person@talus.example", role = "Clinician", npi = "12345", isActive = true }, "npi" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Admin_BadInput_Answers400NamingTheFieldAndChangesNothing(string url, object body, string field)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var before = await app.WithDbAsync(async db => (await db.Locations.CountAsync(), await db.Rooms.CountAsync(), await db.Equipment.CountAsync(), await db.Staff.CountAsync(), await db.Closures.CountAsync()));
        var response = await admin.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        var after = await app.WithDbAsync(async db => (await db.Locations.CountAsync(), await db.Rooms.CountAsync(), await db.Equipment.CountAsync(), await db.Staff.CountAsync(), await db.Closures.CountAsync()));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task CreateLocation_NameTaken_Is409AndWritesNothing()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var before = await app.WithDbAsync(db => db.Locations.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/locations", Location("Irvine"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Locations.CountAsync()));
    }

    [Fact]
    public async Task Hours_ClosingBeforeOpening_Answers400AndKeepsTheOldHours()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var before = await app.WithDbAsync(db => db.OpeningHours.Where(h => h.LocationId == 1).CountAsync());
        var response = await admin.PutAsJsonAsync("/api/locations/1/hours", new[] { new { day = "Monday", opens = "17:00", closes = "08:00" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hours[0].closes", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.OpeningHours.Where(h => h.LocationId == 1).CountAsync()));
    }

    [Fact]
    public async Task Staff_MovedToAnotherLocation_SeesThatLocationsPatientsAfterSigningInAgain()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var email = $"mover.{Guid.NewGuid():N}@talus.example";
        var irvine = await app.WithDbAsync(db => db.Locations.Where(l => l.Name == "Irvine").Select(l => l.Id).SingleAsync());
        var pasadena = await app.WithDbAsync(db => db.Locations.Where(l => l.Name == "Pasadena").Select(l => l.Id).SingleAsync());
        var created = await admin.PostAsJsonAsync("/api/staff", new { displayName = "Mover Test", email, role = "FrontDesk", locationIds = new[] { pasadena }, isActive = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var staffId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        const string password = "Mover-password-1";
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            await users.RemovePasswordAsync(user!);
            return await users.AddPasswordAsync(user!, password);
        });
        var patient = await app.DemoPatientAsync();
        using (var before = app.ClientAsUser(email, password))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await before.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        }

        var update = await admin.PutAsJsonAsync($"/api/staff/{staffId}", new { displayName = "Mover Test", email, role = "FrontDesk", locationIds = new[] { irvine }, isActive = true });
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        using var anon = app.Anonymous();
        var token = await (await anon.PostAsJsonAsync("/api/auth/token", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();
        using var after = app.Anonymous();
        after.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
    }
}
