using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuditTrailTests(TalusApp app)
{
    [Fact]
    public async Task Page_ByPatientName_ShowsThatPatientsEntriesByNameAndStaffByName()
    {
        var patient = await app.DemoPatientAsync();
        using (var clinician = app.ClientAs(Roles.Clinician))
        {
            await clinician.GetAsync($"/patients/{patient.Id}");
        }
        await app.FlushAuditAsync();
        using var admin = app.ClientAs(Roles.Admin);

        var page = await admin.GetStringAsync($"/admin/audit?patientName={Uri.EscapeDataString(patient.FamilyName + ", " + patient.GivenName)}&action=Read");

        Assert.Contains($"{patient.FamilyName}, {patient.GivenName}", page, StringComparison.Ordinal);
        Assert.Contains("Dr. Elena Marquez", page, StringComparison.Ordinal);
        Assert.DoesNotContain($">{patient.Id.ToString()[..8]}", page, StringComparison.Ordinal);
        var others = await app.WithDbAsync(db => db.Patients.Where(p => p.Id != patient.Id).Select(p => p.FamilyName + ", " + p.GivenName).Take(1).SingleAsync());
        Assert.DoesNotContain(others, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_MoreThanOnePage_LinksToOlderEntriesThatStartBelowTheLastShown()
    {
        using var admin = app.ClientAs(Roles.Admin);
        var ids = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Id).Take(SearchAudit.PageSize + 1).ToListAsync());
        Assert.Equal(SearchAudit.PageSize + 1, ids.Count);

        var page = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("Older entries", page, StringComparison.Ordinal);
        Assert.Matches(@"before=\d+", page);
    }

    [Fact]
    public async Task Csv_ForOnePatient_StreamsNamedRowsAndTheExportIsAudited()
    {
        var patient = await app.DemoPatientAsync();
        using (var clinician = app.ClientAs(Roles.Clinician))
        {
            await clinician.GetAsync($"/api/patients/{patient.Id}");
        }
        await app.FlushAuditAsync();
        using var admin = app.ClientAs(Roles.Admin);
        var exportsBefore = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.Resource == "AuditTrail"));

        using var response = await admin.GetAsync($"/api/audit/csv?patientId={patient.Id}");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SearchAudit.CsvHeader, lines[0].TrimEnd('\r'));
        Assert.True(lines.Length > 1);
        // A line names every patient of its entry (a search that showed several lists them all), this one among them.
        Assert.All(lines.Skip(1), l => Assert.Contains($"{patient.FamilyName}, {patient.GivenName}", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(patient.Id.ToString(), l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Dr. Elena Marquez", StringComparison.Ordinal) && l.Contains("PST", StringComparison.Ordinal));
        await app.FlushAuditAsync();
        Assert.Equal(exportsBefore + 1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.Resource == "AuditTrail")));
    }

    [Fact]
    public async Task Csv_BadDate_Answers400()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var response = await admin.GetAsync("/api/audit/csv?from=1800-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1)", "\"'=SUM(A1)\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    public void CsvLine_Cell_IsQuotedAsTextWhenNeeded(string value, string expected)
    {
        var row = new SearchAudit.Row(1, new DateTime(2026, 11, 24, 16, 0, 0, DateTimeKind.Utc), "Dana Whitfield", null, null, AuditAction.Read, null, null,
            "Chart", null, null, null, value, []);
        Assert.EndsWith("," + expected, SearchAudit.CsvLine(row), StringComparison.Ordinal);
    }
}
