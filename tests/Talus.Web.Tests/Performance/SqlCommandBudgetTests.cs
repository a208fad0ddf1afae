using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Performance;

/// <summary>
/// Every staff page and REST read sends a bounded number of SQL commands whatever the size of the record: a patient
/// with one of each record and the same patient with ten of each cost the same number of commands (no N+1), and
/// neither costs more than the page's budget. docs/decisions/0014-read-paths.md
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SqlCommandBudgetTests(TalusApp app)
{
    // The kinds of record a chart shows, copied from the demo patient's journey to grow a record.
    private static readonly Type[] Grown =
    [
        typeof(Appointment), typeof(Evaluation), typeof(ImagingStudy), typeof(LabResult), typeof(QuestionnaireResponse),
        typeof(CandidacyAssessment), typeof(DecisionAidRecord), typeof(Talus.Web.Features.Procedure.ProcedureRecord),
        typeof(Talus.Web.Features.Billing.Coverage), typeof(Talus.Web.Features.Consent.CaliforniaNoticeCopy), typeof(Talus.Web.Features.Outcomes.SurgeryRecord),
    ];

    /// <summary>
    /// Path (with {id} for the patient and {loc} for the location) and the most commands it may send: the count measured
    /// on 2026-11-30 plus one (the chart, calendars and worklists re-measured after the chart's kinds probe and the worklist paging;
    /// the worklists page once more on 2026-12-03: a list holding an appointment with equipment reads the names in a command of its own).
    /// </summary>
    public static TheoryData<string, int> Reads() => new()
    {
        { "/patients/{id}", 10 },
        { "/patients?q=Budget", 2 },
        { "/scheduling?location={loc}&date=2026-11-24", 5 },
        { "/scheduling?location={loc}&date=2026-11-24&view=week", 5 },
        { "/scheduling/worklists", 7 },
        { "/patients/{id}/candidacy", 4 },
        { "/patients/{id}/decision-aid", 7 },
        { "/patients/{id}/plan", 5 },
        { "/patients/{id}/estimate", 6 },
        { "/patients/{id}/evaluations", 6 },
        { "/api/patients/{id}", 3 },
        { "/api/patients?q=Budget", 2 },
        { "/api/patients/{id}/evaluations", 3 },
        { "/api/patients/{id}/candidacy", 3 },
        { "/api/patients/{id}/plans", 3 },
        { "/api/patients/{id}/consents", 4 },
        { "/api/scheduling/patients/{id}/appointments", 4 },
        { "/api/scheduling/appointments?locationId={loc}&date=2026-11-24&days=7", 3 },
        { "/api/scheduling/worklists/unconfirmed", 3 },
        // Worklists paged (a second page of a short page size, so the count is read too), and the GFE worklist.
        { "/scheduling/worklists?location={loc}&upage=2&tpage=2", 7 },
        { "/api/scheduling/worklists/today?locationId={loc}", 4 },
        { "/api/scheduling/worklists/unconfirmed?locationId={loc}&page=2&limit=2", 3 },
        { "/api/billing/gfe-worklist", 4 },
        // FHIR searches: the access check, then the Observation sources (labs, grades, pains, scores): one UNION ALL on
        // PostgreSQL, one statement per source on SQLite (in process); one for Patient.
        { "/fhir/Observation?subject=Patient/{id}&_count=50", 6 },
        { "/fhir/Patient?name=Budget&_count=20", 2 },
        // The registry dashboard: settings, the counts GROUP BY, the survival statement, adverse events with the procedure count, names.
        { "/outcomes", 11 },
        { "/api/outcomes/registry", 11 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_TenTimesTheRecords_SendsTheSameBoundedNumberOfCommands(string path, int budget)
    {
        var (patientId, locationId) = await NewPatientLikeDemoAsync();
        var url = path.Replace("{id}", patientId.ToString()).Replace("{loc}", locationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await GrowAsync(patientId, 1);
        var small = await CommandsAsync(url);
        await GrowAsync(patientId, 9);
        var large = await CommandsAsync(url);

        Assert.True(large == small, $"{path}: {small} commands with one record of each kind, {large} with ten");
        Assert.True(large <= budget, $"{path}: {large} commands, budget {budget}");
    }

    [Theory]
    [InlineData("/fhir/Observation?subject=Patient/{id}&_count=50")]
    [InlineData("/fhir/Patient/{id}")]
    public async Task FhirRead_SeveralCommands_OpenOneConnection(string path)
    {
        var (patientId, _) = await NewPatientLikeDemoAsync();
        await GrowAsync(patientId, 1);
        var url = path.Replace("{id}", patientId.ToString());
        using var client = app.ClientAs(Roles.Admin);

        // The fewest of three, as for the command counts: a settings cache refill opens a connection of its own.
        var (commands, opens) = await FewestOfThreeAsync(client, url);

        Assert.True(commands >= 1, "the read sent no command");
        Assert.Equal(1, opens);
    }

    private async Task<int> CommandsAsync(string url)
    {
        // The plan page is the clinician's (the administrator may not write plans); every other read is the administrator's.
        using var client = app.ClientAs(url.EndsWith("/plan", StringComparison.Ordinal) ? Roles.Clinician : Roles.Admin);
        return (await FewestOfThreeAsync(client, url)).Commands;
    }

    /// <summary>
    /// The fewest commands and connection opens of three requests after a first one (which compiles the path's queries):
    /// a request that happens to refill the settings (5 s) or account (1 s) cache sends one command more than the page
    /// itself needs; a count that grows with the data grows in all three.
    /// </summary>
    private async Task<(int Commands, int Opens)> FewestOfThreeAsync(HttpClient client, string url)
    {
        await client.GetAsync(url);
        var (commands, opens) = (int.MaxValue, int.MaxValue);
        for (var i = 0; i < 3; i++)
        {
            var tag = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(SqlCommandCounter.Header, tag);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            commands = Math.Min(commands, app.SqlCommands.Of(tag));
            opens = Math.Min(opens, app.SqlCommands.OpensOf(tag));
        }
        return (commands, opens);
    }

    /// <summary>A new patient at the demo patient's location, named so that only the budget tests find it.</summary>
    private Task<(Guid, int)> NewPatientLikeDemoAsync() => app.WithDbAsync(async db =>
    {
        var demo = await db.Patients.AsNoTracking().SingleAsync(p => p.Mrn == "T1000001");
        var p = new Patient
        {
            Mrn = "T9" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            GivenName = "Ana", FamilyName = "Budget", BirthDate = new DateOnly(1960, 1, 1), Sex = Sex.Female,
            PreferredLocationId = demo.PreferredLocationId, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        p.NormalizeKeys();
        db.Patients.Add(p);
        await db.SaveChangesAsync();
        return (p.Id, demo.PreferredLocationId ?? 1);
    });

    /// <summary>Copies the demo patient's records of each grown kind to the patient, <paramref name="times"/> over.</summary>
    private Task<int> GrowAsync(Guid patientId, int times) => app.WithDbAsync(async db =>
    {
        var demo = await db.Patients.AsNoTracking().Where(p => p.Mrn == "T1000001").Select(p => p.Id).SingleAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        for (var t = 0; t < times; t++)
        {
            foreach (var type in Grown)
            {
                var entity = db.Model.FindEntityType(type)!;
                var rows = await QueryOf(db, type).Where(r => EF.Property<Guid>(r, "PatientId") == demo).Take(3).ToListAsync();
                foreach (var row in rows)
                {
                    var key = entity.FindPrimaryKey()!.Properties.Single();
                    key.PropertyInfo!.SetValue(row, key.ClrType == typeof(Guid) ? Guid.CreateVersion7() : Activator.CreateInstance(key.ClrType));
                    entity.FindProperty("PatientId")!.PropertyInfo!.SetValue(row, patientId);
                    if (row is Appointment a)
                    {
                        // Today and in the next days, so the day and week views and the worklists show them too.
                        a.Start = now.AddHours(1 + t).AddDays(rows.IndexOf(row));
                        a.End = a.Start.AddMinutes(30);
                        a.Status = AppointmentStatus.Booked;
                        a.Confirmed = false;
                        a.EpisodeId = null;
                    }
                    db.Add(row);
                }
            }
        }
        await db.SaveChangesAsync();
        return 0;
    });

    private static IQueryable<object> QueryOf(ClinicDb db, Type type) =>
        (IQueryable<object>)typeof(SqlCommandBudgetTests).GetMethod(nameof(SetOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [db])!;

    private static IQueryable<object> SetOf<T>(ClinicDb db) where T : class => db.Set<T>().AsNoTracking();
}
