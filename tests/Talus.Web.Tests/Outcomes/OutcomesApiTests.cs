using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Outcomes;
using Talus.Web.Features.Procedure;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The registry through HTTP on the real app: numbers of a cohort of its own lot, exports, audit, access, public page.</summary>
[Collection(AppCollection.Name)]
public sealed partial class OutcomesApiTests(TalusApp app)
{
    private enum Answer { Better, Same, Missed, Lost }

    /// <summary>
    /// Eight joints of one new lot, treated 2026-01-05 (test today 2026-11-24: the 3- and 6-month windows have closed, the
    /// 12-month one has not). At 3 months: 3 better, 2 the same, 2 missed, 1 lost. At 6 months: 4 better, 1 the same, 3 missed.
    /// </summary>
    private async Task<string> CohortAsync()
    {
        var lot = "REG-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Answer[] v3 = [Answer.Better, Answer.Better, Answer.Better, Answer.Same, Answer.Same, Answer.Missed, Answer.Missed, Answer.Lost];
        Answer[] v4 = [Answer.Better, Answer.Better, Answer.Better, Answer.Better, Answer.Same, Answer.Missed, Answer.Missed, Answer.Missed];
        await app.WithDbAsync(async db =>
        {
            var location = await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
            var operatorId = await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync();
            var performed = new DateOnly(2026, 1, 5);
            for (var i = 0; i < v3.Length; i++)
            {
                var patient = NewPatient($"Cohort{i}", new DateOnly(1958, 3, 1));
                db.Patients.Add(patient);
                var procedure = Procedure(patient.Id, location, operatorId, lot, performed);
                db.Procedures.Add(procedure);
                Scores(db, patient.Id, null, null, null, performed.AddDays(-10), 40, 50, 60);
                foreach (var (visit, answer) in new[] { (ProgramVisit.V3, v3[i]), (ProgramVisit.V4, v4[i]) })
                {
                    var plan = new FollowUpSettings().Visits.Single(v => v.Visit == visit);
                    var fv = new FollowUpVisit
                    {
                        PatientId = patient.Id, ProcedureId = procedure.Id, LocationId = location, Joint = Joint.Ankle, Side = Side.Left, Visit = visit,
                        IndexDate = performed, TargetDate = performed.AddDays(plan.TargetDay), WindowStart = performed.AddDays(plan.WindowStartDay),
                        WindowEnd = performed.AddDays(plan.WindowEndDay), Questionnaires = "Faos,PatientGlobalAssessment",
                        Status = answer switch { Answer.Missed => FollowUpStatus.Missed, Answer.Lost => FollowUpStatus.LostToFollowUp, _ => FollowUpStatus.Completed },
                    };
                    db.FollowUpVisits.Add(fv);
                    if (answer is Answer.Better or Answer.Same)
                    {
                        var on = fv.TargetDate;
                        Scores(db, patient.Id, fv, procedure.Id, on.DayNumber - performed.DayNumber, on,
                            answer == Answer.Better ? 80 : 42, answer == Answer.Better ? 85 : 51, answer == Answer.Better ? 20 : 58);
                    }
                }
            }
            await db.SaveChangesAsync();
            return 0;
        });
        return lot;
    }

    private static Patient NewPatient(string given, DateOnly birth)
    {
        var p = new Patient
        {
            Mrn = "Q" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), GivenName = given, FamilyName = "Registry", BirthDate = birth,
            CreatedAt = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        p.NormalizeKeys();
        return p;
    }

    private static ProcedureRecord Procedure(Guid patientId, int location, int operatorId, string? lot, DateOnly on) => new()
    {
        PatientId = patientId, PlanId = Guid.NewGuid(), PlanVersion = 1, ConsentPacketId = Guid.NewGuid(), PerformedOn = on, LocationId = location,
        OperatorId = operatorId, Joint = Joint.Ankle, Side = Side.Left, Product = InjectionProduct.BoneMarrowAspirateConcentrate, Source = TissueSource.Autologous,
        InjectateVolumeMl = 3, ExternalLot = lot, Flag = RegulatoryFlag.Green, ClassificationJson = "[]", AfterCareJson = "[]",
        RecordedAt = on.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc),
    };

    /// <summary>FAOS Pain and ADL and the patient global, as submitted responses with their score rows.</summary>
    private static void Scores(ClinicDb db, Guid patientId, FollowUpVisit? visit, Guid? procedureId, int? days, DateOnly on, double pain, double adl, double global)
    {
        foreach (var (instrument, rows) in new (InstrumentId, (string, double)[])[]
                 { (InstrumentId.Faos, [(Faos.Pain, pain), (Faos.Adl, adl)]), (InstrumentId.PatientGlobalAssessment, [("Score", global)]) })
        {
            var response = new QuestionnaireResponse
            {
                PatientId = patientId, Instrument = instrument, Context = visit is null ? QuestionnaireContext.Baseline : QuestionnaireContext.FollowUp,
                FollowUpVisitId = visit?.Id, Joint = Joint.Ankle, Side = Side.Left, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Patient,
                AnswersJson = "{}", CompletedOn = on, UpdatedAt = on.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc),
            };
            db.QuestionnaireResponses.Add(response);
            foreach (var (subscale, score) in rows)
            {
                db.ScoreRows.Add(new ScoreRow
                {
                    ResponseId = response.Id, PatientId = patientId, Instrument = instrument, Subscale = subscale, Score = score, Joint = Joint.Ankle,
                    Side = Side.Left, FollowUpVisitId = visit?.Id, Visit = visit?.Visit, ProcedureId = procedureId, DaysFromIndex = days,
                    InWindow = visit is null ? null : true, CompletedOn = on, SubmittedAt = response.UpdatedAt,
                });
            }
        }
    }

    private static JsonElement Slice(JsonElement report, string timePoint, string dimension, string label) =>
        report.GetProperty("timePoints").EnumerateArray().Single(t => t.GetProperty("timePoint").GetString() == timePoint)
            .GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == dimension)
            .GetProperty("slices").EnumerateArray().Single(s => s.GetProperty("label").GetString() == label);

    private static (int, int, int) Counts(JsonElement slice)
    {
        var c = slice.GetProperty("rate").GetProperty("counts");
        return (c.GetProperty("responders").GetInt32(), c.GetProperty("nonResponders").GetInt32(), c.GetProperty("notAssessed").GetInt32());
    }

    [Fact]
    public async Task Registry_LotCohort_HandComputedIntentionToTreatCounts()
    {
        var lot = await CohortAsync();

        using var client = app.ClientAs(Roles.Outcomes);
        var report = await client.GetFromJsonAsync<JsonElement>("/api/outcomes/registry");

        var month3 = Slice(report, "Month3", "Lot", lot);
        Assert.Equal("Shown", month3.GetProperty("suppression").GetString());
        Assert.Equal((3, 2, 3), Counts(month3));
        Assert.Equal(3.0 / 8, month3.GetProperty("rate").GetProperty("rate").GetDouble(), 12);
        var month6 = Slice(report, "Month6", "Lot", lot);
        Assert.Equal((4, 1, 3), Counts(month6));
        Assert.Equal(0.5, month6.GetProperty("rate").GetProperty("rate").GetDouble(), 12);
        var month12 = report.GetProperty("timePoints").EnumerateArray().Single(t => t.GetProperty("timePoint").GetString() == "Month12")
            .GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("dimension").GetString() == "Lot").GetProperty("slices").EnumerateArray();
        Assert.DoesNotContain(month12, s => s.GetProperty("label").GetString() == lot);
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Billing)]
    [InlineData(Roles.Patient)]
    public async Task Registry_OtherRoles_Refused(string role)
    {
        using var client = app.ClientAs(role);
        foreach (var path in new[] { "/api/outcomes/registry", "/api/outcomes/registry.csv", "/api/outcomes/research-export.csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Registry_Admin_Allowed()
    {
        using var client = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/outcomes/registry")).StatusCode);
    }

    [Fact]
    public async Task ResearchExport_IdentifiablePatient_NoneOfTheIdentifiers()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var (patient, procedureOn, answeredOn) = await app.WithDbAsync(async db =>
        {
            var location = await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
            var operatorId = await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync();
            var p = NewPatient("Zebulon" + marker, new DateOnly(1931, 2, 17));
            p.FamilyName = "Quixote" + marker;
            p.Email = $"zq{marker}@example.com";
            p.Phone = "(949) 555-0" + marker[..3].Replace('a', '1');
            p.AddressLine = $"{marker} Harbor View Lane";
            p.City = "La Jolla";
            p.State = "CA";
            p.PostalCode = "92037";
            p.NormalizeKeys();
            db.Patients.Add(p);
            var performed = new DateOnly(2026, 2, 3);
            var procedure = Procedure(p.Id, location, operatorId, "LOT-" + marker, performed);
            db.Procedures.Add(procedure);
            Scores(db, p.Id, null, null, null, new DateOnly(2026, 1, 27), 35, 45, 70);
            Scores(db, p.Id, null, procedure.Id, 91, new DateOnly(2026, 5, 5), 70, 75, 30);
            await db.SaveChangesAsync();
            return (p, performed, new DateOnly(2026, 5, 5));
        });

        using var client = app.ClientAs(Roles.Outcomes);
        var response = await client.GetAsync("/api/outcomes/research-export.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(RegistryExports.ResearchHeader, csv, StringComparison.Ordinal);
        // Identifiers carrying the random marker are unique anywhere in the text; short ones (ZIP, MRN) are looked for as
        // whole cells, since a 16-hex-digit study id can contain "92037" by chance.
        foreach (var identifier in new[]
                 {
                     patient.GivenName, patient.FamilyName, patient.Email!, patient.AddressLine!, patient.Id.ToString(), "LOT-" + marker, "1931-02-17",
                 })
        {
            Assert.DoesNotContain(identifier, csv, StringComparison.OrdinalIgnoreCase);
        }
        var cells = csv.Split('\n', ',');
        foreach (var identifier in new[] { patient.Phone!, patient.City!, patient.Mrn, patient.PostalCode! })
        {
            Assert.DoesNotContain(cells, c => c.Contains(identifier, StringComparison.OrdinalIgnoreCase) && !IsHex(c));
            Assert.DoesNotContain(cells, c => c.Equals(identifier, StringComparison.OrdinalIgnoreCase));
        }
        // The patient (95 at the procedure) appears with the age group and the 3-digit ZIP, on 5 rows (baseline FAOS ×2, PGA; follow-up likewise).
        var mine = csv.Split('\n').Where(l => l.Contains(",90+,CA,920,", StringComparison.Ordinal)).ToList();
        Assert.True(mine.Count >= 6, csv[..Math.Min(csv.Length, 2000)]);
        // One study id and one date offset per patient: procedure-to-answer interval kept (91 days).
        var followUp = mine.Select(l => l.Split(',')).Where(c => c[11] == "91").ToList();
        Assert.NotEmpty(followUp);
        Assert.Single(mine.Select(l => l.Split(',')[0]).Distinct());
        var shiftedProcedure = DateOnly.Parse(followUp[0][9], System.Globalization.CultureInfo.InvariantCulture);
        var shiftedAnswer = DateOnly.Parse(followUp[0][12], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(91, shiftedAnswer.DayNumber - shiftedProcedure.DayNumber);
        // Each of the patient's dates appears only shifted (the offset is never 0).
        Assert.NotEqual(procedureOn, shiftedProcedure);
        Assert.NotEqual(answeredOn, shiftedAnswer);
        Assert.All(mine.Select(l => l.Split(',')).Where(c => c[11] == ""), c => Assert.NotEqual("2026-01-27", c[12]));
        Assert.DoesNotMatch(EmailLike(), csv);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailLike();

    private static bool IsHex(string cell) => cell.Length == 16 && cell.All(char.IsAsciiHexDigitLower);

    [Theory]
    [InlineData("/api/outcomes/research-export.csv", "ResearchExport")]
    [InlineData("/api/outcomes/registry.csv", "RegistryCsv")]
    public async Task Export_Downloaded_AuditedAsExport(string path, string resource)
    {
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Resource == resource && a.Action == AuditAction.Export));

        using var client = app.ClientAs(Roles.Outcomes);
        var response = await client.GetAsync(path);
        await response.Content.ReadAsStringAsync();
        await app.FlushAuditAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Resource == resource && a.Action == AuditAction.Export).ToListAsync());
        Assert.Equal(before + 1, after.Count);
        Assert.Contains(after, a => a.Role == Roles.Outcomes && a.Outcome == "200");
    }

    [Fact]
    public async Task RegistryCsv_LotCohort_RowsWithCounts()
    {
        var lot = await CohortAsync();

        using var client = app.ClientAs(Roles.Outcomes);
        var csv = await client.GetStringAsync("/api/outcomes/registry.csv");

        Assert.Contains($"3,Lot,{lot},8,3,2,3,0.3750,", csv, StringComparison.Ordinal);
        Assert.Contains($"6,Lot,{lot},8,4,1,3,0.5000,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordSurgery_Clinician_CreatedAndAudited()
    {
        var patient = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);

        var created = await clinician.PostAsJsonAsync($"/api/patients/{patient.Id}/surgeries",
            new { joint = "Ankle", side = "Right", performedOn = "2026-10-01", kind = "Arthrodesis" });
        var future = await clinician.PostAsJsonAsync($"/api/patients/{patient.Id}/surgeries",
            new { joint = "Ankle", side = "Right", performedOn = "2027-10-01", kind = "Arthrodesis" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PatientId == patient.Id && a.Resource == nameof(SurgeryRecord) && a.Action == AuditAction.Create));
        Assert.True(audited);
    }

    [Fact]
    public async Task RecordSurgery_Administrator_Refused()
    {
        var patient = await app.DemoPatientAsync();
        using var admin = app.ClientAs(Roles.Admin);

        var response = await admin.PostAsJsonAsync($"/api/patients/{patient.Id}/surgeries",
            new { joint = "Ankle", side = "Right", performedOn = "2026-10-01", kind = "Arthrodesis" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
