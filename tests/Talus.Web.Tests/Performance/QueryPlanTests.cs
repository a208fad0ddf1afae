using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Performance;

/// <summary>
/// The plans of the hottest queries, as the database explains the SQL the app sent. docs/decisions/0014-read-paths.md
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QueryPlanTests(TalusApp app)
{
    [Theory]
    [InlineData("/api/patients?q=Budget&take=20")]
    [InlineData("/patients?q=Budget")]
    public async Task NameSearch_StaffFamilyPrefix_ReadsTheNameIndexAlone(string url)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(SqlCommandCounter.Header, tag);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var search = Assert.Single(app.SqlCommands.QueriesOf(tag), q => q.Sql.Contains("\"FamilyNameKey\"", StringComparison.Ordinal));

        var plan = await ExplainAsync(search);

        // The range, the order and every column shown come from the one index: no table row read, no sort.
        Assert.Contains(app.Provider == "Postgres" ? "Index Only Scan using \"IX_Patients_NameSearch\"" : "COVERING INDEX IX_Patients_NameSearch", plan);
        Assert.DoesNotContain("Sort", plan, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        // The front desk is located: whether a patient of another location was booked at theirs is read from the index
        // of (patient, location) alone, never from the appointments' rows.
        Assert.Contains(app.Provider == "Postgres" ? "Index Only Scan using \"IX_Appointments_PatientId_LocationId\"" : "COVERING INDEX IX_Appointments_PatientId_LocationId", plan);
    }

    /// <summary>
    /// The desk's overdue list (booked, started in the last 30 days) reads the booked appointments of the range from the
    /// (status, start) index: a practice's past month is nearly all completed visits, which a range of starts alone reads.
    /// </summary>
    [Fact]
    public async Task OverdueWorklist_ReadsBookedAppointmentsByStatusAndStart()
    {
        using var client = app.ClientAs(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/scheduling/worklists/overdue?limit=5");
        request.Headers.Add(SqlCommandCounter.Header, tag);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = app.SqlCommands.QueriesOf(tag).First(q => q.Sql.Contains("\"Appointments\"", StringComparison.Ordinal) && q.Sql.Contains("'Booked'", StringComparison.Ordinal));

        var plan = await ExplainAsync(list);

        Assert.Contains("IX_Appointments_Status_Start", plan);
    }

    [Fact]
    public async Task AuditTrailOfAPatient_FindsTheListsThatShowedThem_ThroughTheirIndex()
    {
        var patient = await app.WithDbAsync(db => db.Patients.Select(p => p.Id).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit?patientId={patient}&take=5");
        request.Headers.Add(SqlCommandCounter.Header, tag);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var postgres = app.Provider == "Postgres";
        var lists = Assert.Single(app.SqlCommands.QueriesOf(tag), q => q.Sql.Contains(postgres ? "\"PatientsShown\" &&" : AuditShownSearch.Table, StringComparison.Ordinal));

        // A GIN index answers only through a bitmap scan, so bitmap scans stay on here.
        var plan = await ExplainAsync(lists, bitmapScans: postgres);

        // SQLite: the FTS5 index of the lists, never a scan of the rows of patients shown; PostgreSQL: the GIN index.
        Assert.Contains(postgres ? "IX_AuditEntries_PatientsShown" : $"{AuditShownSearch.Table} VIRTUAL TABLE INDEX", plan);
        Assert.DoesNotContain("SCAN AuditPatientsShown ", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// The plan of a query with the parameters it was sent with. On PostgreSQL, sequential (and unless asked, bitmap) scans
    /// are off for the one statement: the test database is small enough that reading the whole table would win.
    /// </summary>
    private Task<string> ExplainAsync(SqlCommandCounter.Query query, bool bitmapScans = false) => app.WithDbAsync(async db =>
    {
        var postgres = app.Provider == "Postgres";
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        if (postgres)
        {
            await using var settings = connection.CreateCommand();
            settings.CommandText = "SET LOCAL enable_seqscan = off" + (bitmapScans ? "" : "; SET LOCAL enable_bitmapscan = off");
            await settings.ExecuteNonQueryAsync();
        }
        await using var explain = connection.CreateCommand();
        explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }
        return string.Join('\n', lines);
    });
}
