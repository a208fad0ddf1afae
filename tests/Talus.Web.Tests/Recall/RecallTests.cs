using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Procedure;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Recall;

/// <summary>PRODUCT capability 9: who received lot X (scoped, audited per patient), and what a patient received.</summary>
[Collection(AppCollection.Name)]
public sealed class RecallTests(TalusApp app)
{
    /// <summary>Two recipients of a fresh lot: one treated at the demo clinician's first location, one at a location the clinician does not work at.</summary>
    private async Task<(string Lot, Patient Own, Patient Other)> TwoRecipientsAsync()
    {
        var lot = $"LOT-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        return await app.WithDbAsync(async db =>
        {
            var locations = await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
            var operatorId = await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync();
            Patient New(string given, string? phone, string language) => new()
            {
                Mrn = "R" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), GivenName = given, FamilyName = "Recall" + lot[4..10],
                BirthDate = new(1960, 1, 1), Phone = phone, Email = given.ToLowerInvariant() + "@example.com", PreferredLanguage = language,
                CreatedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            var own = New("Ana", "(714) 555-0101", "es");
            var other = New("Ben", null, "en");
            own.NormalizeKeys();
            other.NormalizeKeys();
            db.Patients.AddRange(own, other);
            db.Procedures.Add(Procedure(own.Id, locations[0], operatorId, lot.ToLowerInvariant() + "  ", "D-77"));
            db.Procedures.Add(Procedure(other.Id, locations[2], operatorId, lot, "D-78"));
            await db.SaveChangesAsync();
            return (lot, own, other);
        });
    }

    private static ProcedureRecord Procedure(Guid patientId, int locationId, int operatorId, string lot, string donor) => new()
    {
        PatientId = patientId, PlanId = Guid.NewGuid(), PlanVersion = 1, ConsentPacketId = Guid.NewGuid(), PerformedOn = new(2026, 10, 1),
        LocationId = locationId, OperatorId = operatorId, Joint = Joint.Ankle, Side = Side.Left, Product = InjectionProduct.AllogeneicPerinatal,
        Source = TissueSource.Allogeneic, InjectateVolumeMl = 2, ExternalLot = lot, ExternalDonorId = donor, ExternalExpiry = new(2027, 6, 30),
        Flag = RegulatoryFlag.ResearchOnly, IndNumber = "IND 012345", ClassificationJson = "[]", AfterCareJson = "[]",
        RecordedAt = new(2026, 10, 1, 18, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Recipients_LotAsAdmin_EveryRecipientWithPhoneEmailAndLanguage()
    {
        var (lot, own, other) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Admin);

        var body = await JsonAsync(await client.GetAsync($"/api/recall/recipients?lot={lot}"));

        var rows = body.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(new[] { own.Id, other.Id }.Order(), rows.Select(r => r.GetProperty("patientId").GetGuid()).Order());
        var ana = rows.Single(r => r.GetProperty("patientId").GetGuid() == own.Id);
        Assert.Equal("(714) 555-0101", ana.GetProperty("phone").GetString());
        Assert.Equal("ana@example.com", ana.GetProperty("email").GetString());
        Assert.Equal("es", ana.GetProperty("preferredLanguage").GetString());
        Assert.Equal("D-77", ana.GetProperty("donorId").GetString());
        Assert.Equal(2, body.GetProperty("patientCount").GetInt32());
        Assert.Equal(0, body.GetProperty("outsideYourLocations").GetInt32());
    }

    [Fact]
    public async Task Recipients_LotAsClinician_OnlyOwnLocationsAndCountsTheRest()
    {
        var (lot, own, _) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Clinician);

        var body = await JsonAsync(await client.GetAsync($"/api/recall/recipients?lot={lot.ToLowerInvariant()}"));

        var row = Assert.Single(body.GetProperty("recipients").EnumerateArray());
        Assert.Equal(own.Id, row.GetProperty("patientId").GetGuid());
        Assert.Equal(1, body.GetProperty("outsideYourLocations").GetInt32());
    }

    [Fact]
    public async Task Recipients_Donor_FindsThatDonorsRecipientOnly()
    {
        var (lot, _, other) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Admin);

        var body = await JsonAsync(await client.GetAsync($"/api/recall/recipients?lot={lot}&donor=d-78"));

        Assert.Equal(other.Id, Assert.Single(body.GetProperty("recipients").EnumerateArray()).GetProperty("patientId").GetGuid());
    }

    [Fact]
    public async Task Recipients_EachPatientReturned_AuditedAsPatientDataSearch()
    {
        var (lot, own, other) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Admin);

        await JsonAsync(await client.GetAsync($"/api/recall/recipients?lot={lot}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/recall?lot={lot}")).StatusCode);
        await app.FlushAuditAsync();

        var entries = await app.WithDbAsync(async db =>
        {
            var list = await db.AuditEntries.AsNoTracking().Showing(db, [own.Id, other.Id]).Where(a => a.Resource == "Recall" && a.PatientId == null).ToListAsync();
            await SearchAudit.WithPatientsShownAsync(list, db, CancellationToken.None);
            return list;
        });
        // One entry per request, naming both recipients.
        foreach (var id in new[] { own.Id, other.Id })
        {
            Assert.Contains(entries, e => e.PatientsShown!.Contains(id) && e.Endpoint == "GET /api/recall/recipients" && e.Action == AuditAction.Search && e.UserName == "admin@talus.example");
            Assert.Contains(entries, e => e.PatientsShown!.Contains(id) && e.Endpoint == "GET /recall" && e.Action == AuditAction.Search);
        }
    }

    [Fact]
    public async Task Recipients_ClinicianScope_PatientOutsideScopeNotAudited()
    {
        var (lot, _, other) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Clinician);

        await JsonAsync(await client.GetAsync($"/api/recall/recipients?lot={lot}"));
        await app.FlushAuditAsync();

        Assert.False(await app.WithDbAsync(db => db.AuditEntries.Showing(db, [other.Id]).AnyAsync(a => a.Resource == "Recall")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?lot=%20%20")]
    public async Task Recipients_NoLotNoDonor_Answers400NamingLot(string query)
    {
        using var client = app.ClientAs(Roles.Clinician);

        var response = await client.GetAsync("/api/recall/recipients" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"lot\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recipients_LotTooLong_Answers400()
    {
        using var client = app.ClientAs(Roles.Clinician);

        var response = await client.GetAsync("/api/recall/recipients?lot=" + new string('X', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PatientProducts_PatientWithOutsideLot_ListsLotDonorAndExpiry()
    {
        var (lot, own, _) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Clinician);

        var body = await JsonAsync(await client.GetAsync($"/api/recall/patients/{own.Id}/products"));

        var row = Assert.Single(body.EnumerateArray());
        Assert.Equal(lot.ToLowerInvariant() + "  ", row.GetProperty("lot").GetString());
        Assert.Equal("D-77", row.GetProperty("donorId").GetString());
        Assert.Equal("2027-06-30", row.GetProperty("expiry").GetString());
        Assert.Equal("AllogeneicPerinatal", row.GetProperty("product").GetString());
    }

    [Fact]
    public async Task RecallPage_Lot_ShowsRecipientsWithContactAndLabels()
    {
        var (lot, own, _) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Clinician);

        var html = await client.GetStringAsync($"/recall?lot={lot}");

        Assert.Contains(own.FamilyName, html);
        Assert.Contains("(714) 555-0101", html);
        Assert.Contains("Spanish", html);
        Assert.Contains("Allogeneic umbilical cord / perinatal product", html);
        Assert.DoesNotContain("AllogeneicPerinatal", html);
        Assert.Contains("1 more procedure", html);
    }

    [Fact]
    public async Task PatientProductsPage_ByMrn_RedirectsToThePatientsProducts()
    {
        var (lot, own, _) = await TwoRecipientsAsync();
        using var client = app.ClientAs(Roles.Clinician);

        var response = await client.GetAsync($"/recall?mrn={own.Mrn}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/recall/patients/{own.Id}", response.Headers.Location!.ToString());

        var html = await client.GetStringAsync($"/recall/patients/{own.Id}");
        Assert.Contains(lot.ToLowerInvariant(), html);
        Assert.Contains("D-77", html);
        Assert.Contains("Donor (allogeneic)", html);
    }
}
