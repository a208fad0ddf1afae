using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

/// <summary>
/// An administrator's change to a staff member (deactivation, role, locations) holds on that person's very next
/// request, whether they come with the sign-in cookie or a bearer token issued before the change.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SessionTests(TalusApp app)
{
    private sealed record Member(int StaffId, string Email, int KeptLocation, int RemovedLocation, Guid KeptPatient, Guid RemovedPatient);

    [Fact]
    public async Task Deactivation_CookieAndBearerToken_StopWorkingOnTheNextRequest()
    {
        var m = await NewClinicianAsync("deactivated");
        using var bearer = app.ClientAsUser(m.Email, DemoData.Password);
        using var cookie = await CookieClientAsync(m.Email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/patients")).StatusCode);

        await UpdateAsync(m, Roles.Clinician, [m.KeptLocation, m.RemovedLocation], active: false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
        var page = await cookie.GetAsync("/patients");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
        using var anon = app.Anonymous();
        var again = await anon.PostAsJsonAsync("/api/auth/token", new { email = m.Email, password = DemoData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task RoleChange_ByAdministrator_OldRolesPermissionsGoneOnTheNextRequest()
    {
        var m = await NewClinicianAsync("rolechange");
        using var bearer = app.ClientAsUser(m.Email, DemoData.Password);
        using var cookie = await CookieClientAsync(m.Email);
        var clinicalWrite = $"/api/patients/{m.KeptPatient}/evaluations";
        Assert.DoesNotContain(await PostStatusAsync(bearer, clinicalWrite), new[] { 401, 403 });
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync($"/patients/{m.KeptPatient}/evaluations/new")).StatusCode);

        await UpdateAsync(m, Roles.Billing, [m.KeptLocation, m.RemovedLocation], active: true);

        Assert.Contains(await PostStatusAsync(bearer, clinicalWrite), new[] { 401, 403 });
        var page = await cookie.GetAsync($"/patients/{m.KeptPatient}/evaluations/new");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        // Signed in again, the person has the new role only.
        using var billing = ClientWithFreshToken(m.Email);
        Assert.Equal(403, await PostStatusAsync(billing, clinicalWrite));
        Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
    }

    [Fact]
    public async Task RoleChange_WithoutNewSecurityStamp_StillTakesEffectOnTheNextRequest()
    {
        var m = await NewClinicianAsync("rolestore");
        using var bearer = app.ClientAsUser(m.Email, DemoData.Password);
        var clinicalWrite = $"/api/patients/{m.KeptPatient}/evaluations";
        Assert.DoesNotContain(await PostStatusAsync(bearer, clinicalWrite), new[] { 401, 403 });

        // A change made by any path, not only the staff use case: the principal always carries the current roles.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(m.Email))!;
            await users.RemoveFromRoleAsync(user, Roles.Clinician);
            await users.AddToRoleAsync(user, Roles.Billing);
        }

        Assert.Equal(403, await PostStatusAsync(bearer, clinicalWrite));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
    }

    [Fact]
    public async Task LocationChange_PatientsOfTheRemovedLocation404OnTheNextRequest()
    {
        var m = await NewClinicianAsync("locations");
        using var bearer = app.ClientAsUser(m.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/patients/{m.RemovedPatient}")).StatusCode);

        // Changed in the database directly (no new security stamp): the old token now sees only the kept location.
        await app.WithDbAsync(async db =>
        {
            db.StaffLocations.Remove(await db.StaffLocations.SingleAsync(l => l.StaffMemberId == m.StaffId && l.LocationId == m.RemovedLocation));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await bearer.GetAsync($"/api/patients/{m.RemovedPatient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);

        // Through the administrator's staff page/API the session ends; signed in again, the same scope holds.
        await UpdateAsync(m, Roles.Clinician, [m.KeptLocation], active: true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
        using var fresh = ClientWithFreshToken(m.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.GetAsync($"/api/patients/{m.RemovedPatient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/api/patients/{m.KeptPatient}")).StatusCode);
    }

    [Fact]
    public async Task DayView_StaffMemberWithNoLocation_PageWithoutAScheduleNotAnError()
    {
        var m = await NewClinicianAsync("nolocation");
        await UpdateAsync(m, Roles.FrontDesk, [], true);
        using var bearer = app.ClientAsUser(m.Email, DemoData.Password);

        using var response = await bearer.GetAsync($"/scheduling?location={m.KeptLocation}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Schedule", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<Member> NewClinicianAsync(string tag)
    {
        var patients = await app.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.PreferredLocationId != null)
            .Select(p => new { p.Id, Location = p.PreferredLocationId!.Value, Booked = db.Appointments.Where(a => a.PatientId == p.Id).Select(a => a.LocationId).ToList() })
            .ToListAsync());
        var two = patients.Select(p => p.Location).Distinct().Order().Take(2).ToList();
        Assert.Equal(2, two.Count);
        // The second location's patient is never booked at the first, which the member keeps (decision 0019).
        var byLocation = new[] { patients.First(p => p.Location == two[0]), patients.First(p => p.Location == two[1] && !p.Booked.Contains(two[0])) };
        var email = $"session.{tag}.{Guid.NewGuid():N}@talus.example";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var staff = new StaffMember { DisplayName = "Session " + tag, Role = Roles.Clinician };
        staff.Locations.AddRange(byLocation.Select(p => new StaffLocation { LocationId = p.Location }));
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = staff.DisplayName, StaffMemberId = staff.Id };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Clinician);
        staff.UserId = user.Id;
        await db.SaveChangesAsync();
        return new Member(staff.Id, email, byLocation[0].Location, byLocation[1].Location, byLocation[0].Id, byLocation[1].Id);
    }

    private async Task UpdateAsync(Member m, string role, int[] locations, bool active)
    {
        using var admin = app.ClientAs(Roles.Admin);
        var response = await admin.PutAsJsonAsync($"/api/staff/{m.StaffId}",
            new { displayName = "Session member", email = m.Email, role, locationIds = locations, isActive = active });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> PostStatusAsync(HttpClient client, string url) =>
        (int)(await client.PostAsJsonAsync(url, new { })).StatusCode;

    /// <summary>A new token (TalusApp caches one per email; this one is issued after the change).</summary>
    private HttpClient ClientWithFreshToken(string email)
    {
        using var anon = app.Anonymous();
        var response = anon.PostAsJsonAsync("/api/auth/token", new { email, password = DemoData.Password }).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var token = response.Content.ReadFromJsonAsync<TalusApp.TokenResponse>().GetAwaiter().GetResult()!.AccessToken;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the sign-in form; the client keeps the cookie.</summary>
    private async Task<HttpClient> CookieClientAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/signin");
        var token = Regex.Match(Regex.Match(form, @"<input[^>]*__RequestVerificationToken[^>]*>").Value, @"value=""([^""]+)""").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = DemoData.Password,
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return client;
    }
}
