using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Regulation;

/// <summary>SPEC §6.4: the §684 notice posted at each entrance (≥ 8.5 × 11 in, ≥ 40-point type) and the written copy given to the patient.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CaliforniaNoticeTests(TalusApp app)
{
    private Task<int> FirstLocationAsync() => app.WithDbAsync(db => db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

    [Fact]
    public async Task PosterPdf_Location_LetterPageWithTheNoticeIn40PointType()
    {
        using var client = app.ClientAs(Roles.Admin);
        var response = await client.GetAsync($"/api/locations/{await FirstLocationAsync()}/california-notice.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(pdf, 0, 8));

        Assert.Equal(1, PdfText.Pages(pdf));
        var (width, height) = PdfText.PageSize(pdf);
        Assert.True(width >= 612, "page at least 8.5 in wide");
        Assert.True(height >= 792, "page at least 11 in high");

        // Every word of the notice is set at least 40 pt high, and together they are the notice verbatim; only the footer is small.
        var words = PdfText.Words(pdf);
        Assert.Equal(ProductClassification.CaliforniaNoticeText, string.Join(' ', words.Where(w => w.Height >= 40).Select(w => w.Word)));
        Assert.DoesNotContain("stem cell", string.Join(' ', words.Where(w => w.Height < 40).Select(w => w.Word)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PosterPrintPage_FrontDesk_LetterSizeAndTheNoticeInAtLeast40pt()
    {
        using var client = app.ClientAs(Roles.FrontDesk);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/locations/{await FirstLocationAsync()}/california-notice"));

        Assert.Contains(ProductClassification.CaliforniaNoticeText, html);
        Assert.Matches(@"@page\s*\{[^}]*size:\s*letter", html);
        var size = Regex.Match(html, @"\.ca-notice-poster\s*\{[^}]*font-size:\s*([\d.]+)pt");
        Assert.True(size.Success && double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture) >= 40, "poster text is at least 40pt");
    }

    [Fact]
    public async Task PosterPdf_UnknownLocation_404()
    {
        using var client = app.ClientAs(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/locations/999999/california-notice.pdf")).StatusCode);
    }

    [Fact]
    public async Task AdminLocationPage_LinksToThePoster()
    {
        using var client = app.ClientAs(Roles.Admin);
        var id = await FirstLocationAsync();

        var html = await client.GetStringAsync($"/admin/locations/{id}");

        Assert.Contains($"/locations/{id}/california-notice", html);
        Assert.Contains($"/api/locations/{id}/california-notice.pdf", html);
    }

    private async Task<Guid> NewPatientAsync() => await app.WithDbAsync(async db =>
    {
        var location = await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var p = new Patient
        {
            Mrn = "N" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), GivenName = "Nora", FamilyName = "Notice", BirthDate = new(1958, 3, 3),
            PreferredLocationId = location, CreatedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        p.NormalizeKeys();
        db.Patients.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    });

    [Fact]
    public async Task NoticeCopy_RecordedInPerson_ListedWithWhoWhenHowAndAudited()
    {
        var patientId = await NewPatientAsync();
        using var client = app.ClientAs(Roles.FrontDesk);

        var created = await client.PostAsJsonAsync($"/api/patients/{patientId}/california-notice-copies", new { method = "InPerson" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var list = JsonDocument.Parse(await client.GetStringAsync($"/api/patients/{patientId}/california-notice-copies")).RootElement;
        var copy = Assert.Single(list.EnumerateArray());
        Assert.Equal("InPerson", copy.GetProperty("method").GetString());
        Assert.Equal("Dana Whitfield", copy.GetProperty("givenBy").GetString());
        Assert.Equal(ProductClassification.CaliforniaNoticeText, copy.GetProperty("noticeText").GetString());
        // The test clock is 2026-11-24 16:00 UTC: 08:00 in the location's zone (America/Los_Angeles).
        Assert.Equal("2026-11-24 08:00 PST", copy.GetProperty("givenAtLocal").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PatientId == patientId && a.Resource == "CaliforniaNoticeCopy" && a.Action == AuditAction.Create)));
    }

    [Theory]
    [InlineData("{}", "method")]
    [InlineData("""{"method":"Fax"}""", null)]
    [InlineData("""{"method":"Portal","givenAt":"2030-01-01T00:00:00Z"}""", "givenAt")]
    [InlineData("""{"method":"Portal","locationId":999999}""", "locationId")]
    public async Task NoticeCopy_BadInput_400AndNothingStored(string json, string? field)
    {
        var patientId = await NewPatientAsync();
        using var client = app.ClientAs(Roles.Clinician);

        var response = await client.PostAsync($"/api/patients/{patientId}/california-notice-copies", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (field is not null)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Contains($"\"{field}\"", StringComparison.OrdinalIgnoreCase), body);
        }
        Assert.False(await app.WithDbAsync(db => db.CaliforniaNoticeCopies.AnyAsync(c => c.PatientId == patientId)));
    }

    [Fact]
    public async Task NoticeCopy_Stored_CannotBeChanged()
    {
        var patientId = await NewPatientAsync();
        using var client = app.ClientAs(Roles.FrontDesk);
        await client.PostAsJsonAsync($"/api/patients/{patientId}/california-notice-copies", new { method = "Portal" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var copy = await db.CaliforniaNoticeCopies.SingleAsync(c => c.PatientId == patientId);
            copy.GivenBy = "someone else";
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task ChartSection_RecordButton_StoresTheCopyAndShowsItInLocalTime()
    {
        var patientId = await NewPatientAsync();
        using var client = app.ClientAs(Roles.FrontDesk);
        var chart = await client.GetStringAsync($"/patients/{patientId}");
        Assert.Contains("No written copy recorded yet.", chart);
        var token = Regex.Match(chart, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var post = await client.PostAsync($"/patients/{patientId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "notice-copy-in-person",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"got {post.StatusCode}");

        Assert.True(await app.WithDbAsync(db => db.CaliforniaNoticeCopies.AnyAsync(c => c.PatientId == patientId && c.GivenBy == "Dana Whitfield")));
        var after = WebUtility.HtmlDecode(await client.GetStringAsync($"/patients/{patientId}"));
        var section = after[after.IndexOf("canotice-h", StringComparison.Ordinal)..];
        Assert.True(section.Contains("Given in person on 2026-11-24 08:00 PST by Dana Whitfield", StringComparison.Ordinal), section[..Math.Min(1500, section.Length)]);
        Assert.DoesNotContain("InPerson", after);
    }
}
