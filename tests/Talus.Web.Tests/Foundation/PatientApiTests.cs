using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class PatientApiTests(TalusApp app)
{
    private static object NewPatient(string family) => new
    {
        givenName = "Ada", familyName = family, birthDate = "1961-04-02", sex = "Female", preferredLanguage = "es",
        phone = "(949) 555-0123", email = "ada@example.com",
    };

    /// <summary>The locations a staff user works at, as the database has them.</summary>
    private Task<List<int>> LocationsOfAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email)
        .SelectMany(u => db.Staff.Where(s => s.Id == u.StaffMemberId).SelectMany(s => s.Locations.Select(l => l.LocationId))).ToListAsync());

    /// <summary>Each patient's own location and the locations of their appointments.</summary>
    private Task<List<(Guid Id, int? Location, int[] Booked)>> PlacesAsync() => app.WithDbAsync(async db =>
        (await db.Patients.AsNoTracking()
            .Select(p => new { p.Id, p.PreferredLocationId, Booked = db.Appointments.Where(a => a.PatientId == p.Id).Select(a => a.LocationId).ToList() })
            .ToListAsync()).Select(p => (p.Id, p.PreferredLocationId, p.Booked.ToArray())).ToList());

    [Fact]
    public async Task Register_ValidInput_CreatesPatientReadableByApi()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var created = await client.PostAsJsonAsync("/api/patients", NewPatient("Quintero"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.StartsWith("T", body.GetProperty("mrn").GetString());

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}");
        Assert.Equal("Quintero", read.GetProperty("familyName").GetString());
        Assert.Equal("es", read.GetProperty("preferredLanguage").GetString());
        Assert.Equal("Female", read.GetProperty("sex").GetString());
    }

    public static TheoryData<string, string> BadPatients() => new()
    {
        { """{"givenName":"","familyName":"Bad","birthDate":"1961-04-02","preferredLanguage":"en","sex":"Female"}""", "givenName" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"2030-01-01","preferredLanguage":"en","sex":"Female"}""", "birthDate" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1850-01-01","preferredLanguage":"en","sex":"Female"}""", "birthDate" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-13-45","preferredLanguage":"en","sex":"Female"}""", "birthDate" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-04-02","preferredLanguage":"en","sex":"Femalez"}""", "sex" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-04-02","sex":"Female","preferredLanguage":"fr"}""", "preferredLanguage" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-04-02","preferredLanguage":"en","sex":"Female","email":"not-an-email"}""", "email" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-04-02","preferredLanguage":"en","sex":"Female","postalCode":"9261"}""", "postalCode" },
        { """{"givenName":"A","familyName":"Bad","birthDate":"1961-04-02","preferredLanguage":"en","sex":"Female","preferredLocationId":424242}""", "preferredLocationId" },
        { """{"preferredLanguage":"en","givenName":"A","familyName":"Bad"}""", "birthDate" },
    };

    [Theory]
    [MemberData(nameof(BadPatients))]
    public async Task Register_BadInput_Answers400NamingTheFieldAndWritesNothing(string json, string field)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var before = await app.WithDbAsync(db => db.Patients.CountAsync());
        var response = await client.PostAsync("/api/patients", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await app.WithDbAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task Update_WithStaleVersion_Answers409AndKeepsTheOtherEdit()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var created = await (await client.PostAsJsonAsync("/api/patients", NewPatient("Stale"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetGuid();

        var first = await client.PutAsJsonAsync($"/api/patients/{id}?version={version}", new
        {
            givenName = "Ada", familyName = "Fresh", birthDate = "1961-04-02", sex = "Female", preferredLanguage = "en",
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await client.PutAsJsonAsync($"/api/patients/{id}?version={version}", new
        {
            givenName = "Ada", familyName = "Overwrite", birthDate = "1961-04-02", sex = "Female", preferredLanguage = "en",
        });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Fresh", (await client.GetFromJsonAsync<JsonElement>($"/api/patients/{id}")).GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Read_UnknownAndOtherLocationPatients_AnswerTheSame404()
    {
        // The second front-desk user works at Pasadena and La Jolla only.
        var pasadenaDesk = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "luis.ocampo@talus.example").Select(u => u.Email!).SingleAsync());
        using var client = app.ClientAsUser(pasadenaDesk, DemoData.Password);
        // A patient of another location never booked at Pasadena or La Jolla.
        var hiddenPatient = await app.PatientHiddenFromAsync(pasadenaDesk);

        var unknown = await client.GetAsync($"/api/patients/{Guid.NewGuid()}");
        var hidden = await client.GetAsync($"/api/patients/{hiddenPatient.Id}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync() is var a ? Strip(a) : "", Strip(await hidden.Content.ReadAsStringAsync()));

        var search = await client.GetFromJsonAsync<JsonElement>($"/api/patients?q={Uri.EscapeDataString(hiddenPatient.FamilyName)}&take=100");
        Assert.DoesNotContain(search.EnumerateArray(), r => r.GetProperty("id").GetGuid() == hiddenPatient.Id);
    }

    [Fact]
    public async Task Read_LocatedStaff_SeeTheirLocationsPatientsAndThoseWithNoLocation()
    {
        using (var admin = app.ClientAs(Roles.Admin))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/patients", NewPatient("Sinlugar"))).StatusCode);
        }
        var pasadena = "luis.ocampo@talus.example";
        var locations = await LocationsOfAsync(pasadena);
        var patients = await PlacesAsync();
        var visible = await app.PatientsVisibleToAsync(pasadena);
        Assert.Contains(patients, p => p.Location is null);
        Assert.Contains(patients, p => p.Location is { } l && locations.Contains(l));
        // Booked here from another location: seen here (the schedule links to them).
        Assert.Contains(patients, p => p.Location is { } l && !locations.Contains(l) && p.Booked.Any(locations.Contains));
        Assert.Contains(patients, p => !visible.Contains(p.Id));
        using var client = app.ClientAsUser(pasadena, DemoData.Password);
        foreach (var p in patients)
        {
            var read = await client.GetAsync($"/api/patients/{p.Id}");
            Assert.Equal(visible.Contains(p.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, read.StatusCode);
        }
    }

    [Fact]
    public async Task Search_ByNameBirthDateOrMrn_FindsThePatient()
    {
        using var client = app.ClientAs(Roles.Admin);
        var p = await app.DemoPatientAsync();
        foreach (var q in new[] { "delgado", "Delgado, Ro", "Rosa Delgado", "1962-05-14", "05/14/1962", "T1000001" })
        {
            var rows = await client.GetFromJsonAsync<JsonElement>($"/api/patients?q={Uri.EscapeDataString(q)}");
            Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("id").GetGuid() == p.Id);
        }
    }

    [Fact]
    public async Task Search_FamilyPrefix_IsExactlyTheVisiblePatientsInNameOrder()
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var created = await desk.PostAsync("/api/patients", new StringContent(
            """{"givenName":"Inés","familyName":"Ñúñez","birthDate":"1958-03-09","preferredLanguage":"es","sex":"Female"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pasadena = "luis.ocampo@talus.example";
        var patients = await app.WithDbAsync(db => db.Patients.AsNoTracking()
            .Select(p => new { p.Id, p.FamilyNameKey, p.GivenNameKey, p.BirthDate }).ToListAsync());
        Assert.NotEmpty(await LocationsOfAsync(pasadena));
        var visible = await app.PatientsVisibleToAsync(pasadena);
        foreach (var (client, all) in new[] { (app.ClientAs(Roles.Admin), true), (app.ClientAsUser(pasadena, DemoData.Password), false) })
        {
            using (client)
            {
                foreach (var prefix in new[] { "D", "ga", "Ro", "Z", "A", "ñ", "QX" })
                {
                    var key = prefix.ToUpperInvariant();
                    var expected = patients
                        .Where(p => p.FamilyNameKey.StartsWith(key, StringComparison.Ordinal) && (all || visible.Contains(p.Id)))
                        .OrderBy(p => p.FamilyNameKey, StringComparer.Ordinal).ThenBy(p => p.GivenNameKey, StringComparer.Ordinal).ThenBy(p => p.BirthDate)
                        .Take(100).Select(p => p.Id).ToList();
                    var rows = await client.GetFromJsonAsync<JsonElement>($"/api/patients?q={Uri.EscapeDataString(prefix)}&take=100");
                    Assert.Equal(expected, rows.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList());
                }
            }
        }
    }

    [Fact]
    public async Task PatientAccount_SeesOnlyItsOwnRecord()
    {
        using var client = app.ClientAs(Roles.Patient);
        var other = await app.WithDbAsync(db => db.Patients.FirstAsync(x => x.Mrn != "T1000001"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/patients/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/patients/{other.Id}")).StatusCode);
        var portal = await client.GetStringAsync("/portal");
        Assert.Contains("Rosa", portal);
        Assert.DoesNotContain(other.FamilyName + ", " + other.GivenName, portal);
    }

    private static string Strip(string problemJson) => System.Text.RegularExpressions.Regex.Replace(problemJson, "\"traceId\":\"[^\"]*\"", "");
}
