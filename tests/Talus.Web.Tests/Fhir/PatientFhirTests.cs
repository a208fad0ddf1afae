// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Patient = Hl7.Fhir.Model.Patient;

namespace Talus.Web.Tests.Fhir;

/// <summary>Patient, Practitioner and Location over FHIR: mapping, each search parameter, patient access, audit.</summary>
[Collection(AppCollection.Name)]
public sealed class PatientFhirTests(TalusApp app)
{
    [Fact]
    public async Task PatientRead_DemoPatient_MapsMrnNameGenderBirthDate()
    {
        var p = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Clinician);
        var patient = await FhirCalls.ReadAsync<Patient>(client, $"/fhir/Patient/{p.Id}");
        Assert.Equal(p.Id.ToString(), patient.Id);
        var mrn = patient.Identifier.Single();
        Assert.Equal("https://talus.example.org/fhir/sid/mrn", mrn.System);
        Assert.Equal(p.Mrn, mrn.Value);
        Assert.Equal("MR", mrn.Type.Coding.Single().Code);
        Assert.Equal(p.FamilyName, patient.Name.Single().Family);
        Assert.Equal(p.GivenName, patient.Name.Single().Given.Single());
        Assert.Equal(p.BirthDate.ToString("yyyy-MM-dd"), patient.BirthDate);
        Assert.Equal(p.Sex.ToString().ToLowerInvariant(), patient.Gender!.Value.ToString().ToLowerInvariant());
        Assert.Empty(R4Validator.Errors(patient));
    }

    [Fact]
    public async Task PatientSearch_Identifier_SystemAndCodeOrCodeAlone()
    {
        var p = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Clinician);
        Assert.Equal(p.Id.ToString(), Assert.Single(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?identifier=https://talus.example.org/fhir/sid/mrn|{p.Mrn}")).Id);
        Assert.Single(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?identifier={p.Mrn}"));
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?identifier=http://other.example|{p.Mrn}"));
    }

    [Fact]
    public async Task PatientSearch_Name_StartsWithCaseInsensitiveOnFamilyOrGiven()
    {
        var p = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.Admin);
        var byFamily = await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?name={p.FamilyName[..3].ToLowerInvariant()}");
        Assert.Contains(byFamily, r => r.Id == p.Id.ToString());
        Assert.All(byFamily.Cast<Patient>(), r => Assert.True(
            r.Name[0].Family.StartsWith(p.FamilyName[..3], StringComparison.OrdinalIgnoreCase)
            || r.Name[0].Given.First().StartsWith(p.FamilyName[..3], StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?given={p.GivenName.ToUpperInvariant()}"), r => r.Id == p.Id.ToString());
        Assert.DoesNotContain(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?family={p.FamilyName[1..]}"), r => r.Id == p.Id.ToString());
    }

    [Theory]
    [InlineData("/fhir/Patient?name=%E9%99%B3")]
    [InlineData("/fhir/Patient?family=%E9%99%B3")]
    [InlineData("/fhir/Patient?given=mei")]
    [InlineData("/api/patients?q=%E9%99%B3")]
    [InlineData("/api/patients?q=%E9%99%B3,mei")]
    public async Task NameSearch_NameGoesOnWithACharacterBeyondU_FFFF_Found(string path)
    {
        // 陳𠮷 and Mei𠮷: each goes on after the typed prefix with U+20BB7, whose UTF-8 bytes sort after U+FFFF's.
        var id = await app.WithDbAsync(async db =>
        {
            var p = new Talus.Web.Data.Patient
            {
                Mrn = "T8" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                GivenName = "Mei\U00020BB7", FamilyName = "陳\U00020BB7", BirthDate = new DateOnly(1971, 3, 9), Sex = Sex.Female,
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            };
            p.NormalizeKeys();
            db.Patients.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        using var client = app.ClientAs(Roles.Admin);

        var body = path.StartsWith("/fhir/", StringComparison.Ordinal)
            ? string.Join(' ', (await FhirCalls.SearchAllAsync(client, path)).Select(r => r.Id))
            : await client.GetStringAsync(path);

        Assert.Contains(id.ToString(), body, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool> BirthDatePrefixes() => new()
    {
        // The demo patient's birth date is D; each prefix against D, the day before and the day after.
        { "eq{D}", true }, { "{D}", true }, { "ne{D}", false }, { "lt{D}", false }, { "le{D}", true }, { "gt{D}", false }, { "ge{D}", true },
        { "lt{D+1}", true }, { "gt{D-1}", true }, { "sa{D-1}", true }, { "eb{D+1}", true }, { "sa{D}", false }, { "eb{D}", false },
        { "{Y}", true }, { "{YM}", true }, { "ne{Y}", false },
    };

    [Theory]
    [MemberData(nameof(BirthDatePrefixes))]
    public async Task PatientSearch_BirthdatePrefix_MatchesAsFhirSays(string pattern, bool matches)
    {
        var p = await app.DemoPatientAsync();
        var d = p.BirthDate;
        var value = pattern.Replace("{D+1}", d.AddDays(1).ToString("yyyy-MM-dd")).Replace("{D-1}", d.AddDays(-1).ToString("yyyy-MM-dd"))
            .Replace("{D}", d.ToString("yyyy-MM-dd")).Replace("{YM}", d.ToString("yyyy-MM")).Replace("{Y}", d.ToString("yyyy"));
        using var client = app.ClientAs(Roles.Admin);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?family={p.FamilyName}&birthdate={value}&_count=100");
        Assert.Equal(matches, found.Any(r => r.Id == p.Id.ToString()));
    }

    [Fact]
    public async Task PatientSearch_Gender_OnlyThatGender()
    {
        using var client = app.ClientAs(Roles.Admin);
        var female = await FhirCalls.SearchAllAsync(client, "/fhir/Patient?gender=female&_count=100");
        Assert.NotEmpty(female);
        Assert.All(female.Cast<Patient>(), r => Assert.Equal(AdministrativeGender.Female, r.Gender));
    }

    [Fact]
    public async Task PatientSearch_Id_CommaSeparatedAlternatives()
    {
        var ids = await app.WithDbAsync(db => db.Patients.OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync());
        using var client = app.ClientAs(Roles.Admin);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?_id={ids[0]},{ids[1]}");
        Assert.Equal(ids.Select(i => i.ToString()).Order(), found.Select(f => f.Id).Order());
    }

    [Fact]
    public async Task PatientToken_SearchAndRead_OnlyOwnRecord()
    {
        var own = await app.DemoPatientAsync();
        var other = await app.WithDbAsync(db => db.Patients.FirstAsync(p => p.Id != own.Id));
        using var client = app.ClientAs(Roles.Patient);
        Assert.Equal(own.Id.ToString(), Assert.Single(await FhirCalls.SearchAllAsync(client, "/fhir/Patient")).Id);
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Patient?_id={other.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(client, $"/fhir/Patient/{other.Id}")).Status);
    }

    [Fact]
    public async Task PatientSearch_StaffOutsideLocation_DoesNotSeeOtherLocationsPatients()
    {
        var hidden = await app.WithDbAsync(async db =>
        {
            var location = new Data.Location { Name = "FHIR Elsewhere", AddressLine = "1 Far Rd", City = "Far", PostalCode = "90000", Phone = "(000) 555-0000" };
            db.Locations.Add(location);
            await db.SaveChangesAsync();
            var p = new Data.Patient { Mrn = $"FX{Guid.NewGuid():N}"[..12], GivenName = "Hidden", FamilyName = "Elsewhere", BirthDate = new DateOnly(1970, 1, 1), PreferredLocationId = location.Id };
            p.NormalizeKeys();
            db.Patients.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        using var clinician = app.ClientAs(Roles.Clinician);
        Assert.Empty(await FhirCalls.SearchAllAsync(clinician, $"/fhir/Patient?_id={hidden.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(clinician, $"/fhir/Patient/{hidden.Id}")).Status);
        using var admin = app.ClientAs(Roles.Admin);
        Assert.Single(await FhirCalls.SearchAllAsync(admin, $"/fhir/Patient?_id={hidden.Id}"));
    }

    [Fact]
    public async Task PatientReadAndSearch_Audited_WithThePatient()
    {
        var p = await app.DemoPatientAsync();
        using var client = app.ClientAs(Roles.FrontDesk);
        await FhirCalls.ReadAsync<Patient>(client, $"/fhir/Patient/{p.Id}");
        await FhirCalls.ReadAsync<Bundle>(client, $"/fhir/Patient?identifier={p.Mrn}");
        await app.FlushAuditAsync();
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == p.Id && a.Endpoint!.StartsWith("GET /fhir/Patient")).ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditAction.Read && e.Endpoint == "GET /fhir/Patient/{id}" && e.Outcome == "200");
        Assert.Contains(entries, e => e.Action == AuditAction.Search && e.Endpoint == "GET /fhir/Patient" && e.Outcome == "200");
    }

    [Fact]
    public async Task Practitioner_IdentifierSearch_NpiAndValidates()
    {
        var staff = await app.WithDbAsync(db => db.Staff.FirstAsync(s => s.Npi != null));
        using var client = app.ClientAs(Roles.Patient);
        var found = Assert.Single(await FhirCalls.SearchAllAsync(client, $"/fhir/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|{staff.Npi}"));
        var practitioner = Assert.IsType<Practitioner>(found);
        Assert.Equal(staff.Npi, practitioner.Identifier.Single().Value);
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Practitioner?name={staff.DisplayName.Split(' ')[0]}"), r => r.Id == found.Id);
        Assert.Empty(R4Validator.Errors(practitioner));
    }

    [Fact]
    public async Task Location_ReadAndNameSearch_Validates()
    {
        var location = await app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).FirstAsync());
        using var client = app.ClientAs(Roles.Clinician);
        var read = await FhirCalls.ReadAsync<Hl7.Fhir.Model.Location>(client, $"/fhir/Location/{location.Id}");
        Assert.Equal(location.Name, read.Name);
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Location?name={location.Name[..4].ToLowerInvariant()}"), r => r.Id == read.Id);
        Assert.Empty(R4Validator.Errors(read));
    }
}
