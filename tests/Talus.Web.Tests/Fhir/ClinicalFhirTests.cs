// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;
using Patient = Hl7.Fhir.Model.Patient;

namespace Talus.Web.Tests.Fhir;

/// <summary>The clinical record over FHIR: mapping of each type, their search parameters, and patient-named searches.</summary>
[Collection(AppCollection.Name)]
public sealed class ClinicalFhirTests(TalusApp app)
{
    private const string Base = "https://talus.example.org/fhir";

    [Fact]
    public async Task Condition_Evaluation_IcdSnomedLateralityCategory()
    {
        var e = await app.WithDbAsync(db => db.Evaluations.AsNoTracking().FirstAsync(x => x.Joint == Clinical.Joint.Ankle && x.Side == Clinical.Side.Right));
        using var client = app.ClientAs(Roles.Admin);
        var condition = await FhirCalls.ReadAsync<Condition>(client, $"/fhir/Condition/{e.Id}");
        Assert.Contains(condition.Code.Coding, c => c.System == FhirSystems.Icd10Cm && c.Code == "M19.071"); // SPEC §8.1 primary OA, right ankle
        Assert.Contains(condition.Code.Coding, c => c.System == FhirSystems.Snomed && c.Code == "239874001");
        Assert.Contains(condition.BodySite.Single().Coding, c => c.System == FhirSystems.Snomed && c.Code == "24028007"); // right
        Assert.Equal("encounter-diagnosis", condition.Category.Single().Coding.Single().Code);
        Assert.Equal($"Patient/{e.PatientId}", condition.Subject.Reference);
        var byCode = await FhirCalls.SearchAllAsync(client, $"/fhir/Condition?patient={e.PatientId}&code=http://hl7.org/fhir/sid/icd-10-cm|M19.071");
        Assert.Contains(byCode, c => c.Id == e.Id.ToString());
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Condition?patient={e.PatientId}&code=M19.072&_id={e.Id}"));
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Condition?subject=Patient/{e.PatientId}&recorded-date={e.ExaminedOn:yyyy-MM-dd}"), c => c.Id == e.Id.ToString());
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Condition?subject=Patient/{e.PatientId}&recorded-date=gt{e.ExaminedOn:yyyy-MM-dd}&_id={e.Id}"));
    }

    [Fact]
    public async Task Observation_Lab_LoincAndUcum()
    {
        var lab = await app.WithDbAsync(db => db.LabResults.AsNoTracking().FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var o = await FhirCalls.ReadAsync<Observation>(client, $"/fhir/Observation/lab-{lab.Id}");
        Assert.Equal(FhirSystems.Loinc, o.Code.Coding.Single().System);
        Assert.Equal(lab.Loinc, o.Code.Coding.Single().Code);
        var q = Assert.IsType<Quantity>(o.Value);
        Assert.Equal(lab.Value, q.Value);
        Assert.Equal(FhirSystems.Ucum, q.System);
        Assert.Equal("laboratory", o.Category.Single().Coding.Single().Code);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?subject={lab.PatientId}&category=laboratory&code=http://loinc.org|{lab.Loinc}");
        Assert.Contains(found, r => r.Id == o.Id);
        Assert.All(found.Cast<Observation>(), r => Assert.Equal(lab.Loinc, r.Code.Coding[0].Code));
    }

    [Fact]
    public async Task Observation_ImagingGrade_CategoryImagingAndPracticeCode()
    {
        var grade = await app.WithDbAsync(db => db.ImagingGrades.AsNoTracking().FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var o = await FhirCalls.ReadAsync<Observation>(client, $"/fhir/Observation/grade-{grade.Id}");
        Assert.Equal("imaging", o.Category.Single().Coding.Single().Code);
        Assert.Equal($"{Base}/CodeSystem/grading-system", o.Code.Coding.Single().System);
        Assert.Equal(grade.Value, Assert.IsType<CodeableConcept>(o.Value).Coding.Single().Code);
        Assert.All(await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={grade.PatientId}&category=imaging"),
            r => Assert.Equal("imaging", ((Observation)r).Category[0].Coding[0].Code));
    }

    [Fact]
    public async Task Observation_ScoreRow_SurveyWithSpecCodesUnroundedDerivedFromResponse()
    {
        var row = await app.WithDbAsync(db => db.ScoreRows.AsNoTracking()
            .FirstAsync(r => r.Instrument == Clinical.Instruments.InstrumentId.Faos && r.Subscale == "Pain" && r.Joint != null));
        using var client = app.ClientAs(Roles.Admin);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={row.PatientId}&category=survey&code={Base}/CodeSystem/faos|faos-pain");
        var pain = (Observation)Assert.Single(found, r => r.Id == $"score-{row.Id}");
        Assert.All(found.Cast<Observation>(), o => Assert.Equal("faos-pain", o.Code.Coding.Single().Code)); // SPEC §8.3 local FAOS codes
        Assert.Equal("survey", pain.Category.Single().Coding.Single().Code);
        var value = Assert.IsType<Quantity>(pain.Value);
        Assert.Equal((decimal)row.Score, value.Value); // unrounded
        Assert.Equal("{score}", value.Code);
        Assert.Equal("{score}", value.Unit);
        Assert.Equal($"QuestionnaireResponse/{row.ResponseId}", pain.DerivedFrom.Single().Reference);
        Assert.Contains(pain.BodySite.Coding, c => c.System == FhirSystems.Snomed && c.Code is "24028007" or "7771000");
        var read = await FhirCalls.ReadAsync<Observation>(client, $"/fhir/Observation/{pain.Id}");
        Assert.Equal(value.Value, ((Quantity)read.Value).Value);
        var day = row.CompletedOn.ToString("yyyy-MM-dd");
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?subject=Patient/{row.PatientId}&date={day}&category=survey"), r => r.Id == pain.Id);
        Assert.DoesNotContain(await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?subject=Patient/{row.PatientId}&date=gt{day}"), r => r.Id == pain.Id);
        Assert.DoesNotContain(await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={row.PatientId}&code={Base}/CodeSystem/faos|faos-adl"), r => r.Id == pain.Id);
        Assert.DoesNotContain(await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={row.PatientId}&category=laboratory"), r => r.Id == pain.Id);
    }

    [Fact]
    public async Task Observation_KeysetPaging_ManyPagesWithTiesOnDate_EveryRowOnceInOrder()
    {
        // The patient with the most observations on one day: ties on the sort date cross page boundaries.
        var patient = await app.WithDbAsync(db => db.ScoreRows.GroupBy(r => new { r.PatientId, r.CompletedOn })
            .OrderByDescending(g => g.Count()).Select(g => g.Key.PatientId).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var whole = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={patient}&_count=100");
        Assert.True(whole.Count > 6, $"only {whole.Count} observations");
        foreach (var sort in new[] { "", "&_sort=date", "&_sort=-date" })
        {
            var paged = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={patient}&_count=2{sort}");
            Assert.Equal(whole.Select(o => o.Id).Order(), paged.Select(o => o.Id).Order());
            Assert.Equal(paged.Count, paged.Select(o => o.Id).Distinct().Count());
            var dates = paged.Cast<Observation>().Select(o => ((FhirDateTime)o.Effective).Value).ToList();
            Assert.Equal(sort == "&_sort=-date" ? dates.OrderDescending(StringComparer.Ordinal) : dates.Order(StringComparer.Ordinal), dates);
        }
        var first = await FhirCalls.ReadAsync<Bundle>(client, $"/fhir/Observation?patient={patient}&_count=2");
        var next = first.Link.Single(l => l.Relation == "next").Url;
        Assert.Contains("_cursor=", next);
        Assert.DoesNotContain("_offset", next);
    }

    [Theory]
    [InlineData("/fhir/Observation?_cursor=%%%")]
    [InlineData("/fhir/Observation?_cursor=bm90LWEtY3Vyc29y")]
    [InlineData("/fhir/Patient?_cursor=eH5ub3QtYS1ndWlk")]
    [InlineData("/fhir/Location?_cursor=eH5ub3QtYW4taW50")]
    public async Task Paging_ForeignCursor_400(string url)
    {
        using var client = app.ClientAs(Roles.Admin);
        var (status, resource, _) = await FhirCalls.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.IsType<OperationOutcome>(resource);
    }

    [Fact]
    public async Task Paging_MaxPageSizeSetting_CapsCount()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using (var put = await admin.PutAsync("/api/settings/FhirSettings",
            new StringContent("""{"systemBase": "https://talus.example.org/fhir", "maxPageSize": 3}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, $"{put.StatusCode}");
        }
        try
        {
            var page = await FhirCalls.ReadAsync<Bundle>(admin, "/fhir/Patient?_count=50");
            Assert.Equal(3, page.Entry.Count);
            Assert.Contains(page.Link, l => l.Relation == "next");
            var metadata = await FhirCalls.ReadAsync<CapabilityStatement>(admin, "/fhir/metadata");
            Assert.Contains("at most 3", metadata.Rest[0].SearchParam.Single(p => p.Name == "_count").Documentation);
        }
        finally
        {
            using var reset = await admin.DeleteAsync("/api/settings/FhirSettings");
        }
    }

    [Fact]
    public async Task Paging_Patients_KeysetOverPagesMatchesOnePage()
    {
        using var client = app.ClientAs(Roles.Admin);
        var whole = await FhirCalls.SearchAllAsync(client, "/fhir/Patient?_count=100");
        var paged = await FhirCalls.SearchAllAsync(client, "/fhir/Patient?_count=7");
        Assert.True(whole.Count > 14);
        Assert.Equal(whole.Select(p => p.Id), paged.Select(p => p.Id));
    }

    [Fact]
    public async Task Observation_SortByDate_AscendingAndDescendingOverPages()
    {
        var patient = await app.WithDbAsync(db => db.LabResults.GroupBy(l => l.PatientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var all = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={patient}&_count=100");
        var ascending = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={patient}&_sort=date&_count=3");
        var descending = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={patient}&_sort=-date&_count=3");
        Assert.Equal(all.Select(o => o.Id).Order(), ascending.Select(o => o.Id).Order());
        Assert.Equal(all.Count, descending.Select(o => o.Id).Distinct().Count());
        var dates = ascending.Cast<Observation>().Select(o => ((FhirDateTime)o.Effective).Value).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        var back = descending.Cast<Observation>().Select(o => ((FhirDateTime)o.Effective).Value).ToList();
        Assert.Equal(back.OrderDescending(StringComparer.Ordinal), back);
    }

    [Fact]
    public async Task ProcedureAndAdverseEvent_Linked_SearchByPatientAndDate()
    {
        var ae = await app.WithDbAsync(db => db.AdverseEvents.AsNoTracking().FirstAsync());
        var procedure = await app.WithDbAsync(db => db.Procedures.AsNoTracking().FirstAsync(p => p.Id == ae.ProcedureId));
        using var client = app.ClientAs(Roles.Admin);
        var p = await FhirCalls.ReadAsync<Procedure>(client, $"/fhir/Procedure/{procedure.Id}");
        Assert.Equal(EventStatus.Completed, p.Status);
        Assert.Equal($"Practitioner/{procedure.OperatorId}", p.Performer.Single().Actor.Reference);
        var a = await FhirCalls.ReadAsync<AdverseEvent>(client, $"/fhir/AdverseEvent/{ae.Id}");
        Assert.Equal($"Procedure/{procedure.Id}", a.SuspectEntity.Single().Instance.Reference);
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Procedure?patient={procedure.PatientId}&date={procedure.PerformedOn:yyyy-MM-dd}&status=completed"), r => r.Id == p.Id);
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Procedure?patient={procedure.PatientId}&status=in-progress"));
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/AdverseEvent?subject={procedure.PatientId}&date=ge{ae.OnsetOn:yyyy-MM-dd}"), r => r.Id == a.Id);
    }

    [Fact]
    public async Task Appointment_StatusAndDate_Search()
    {
        // Any booked appointment: other tests book at locations of their own, outside the front desk's, so the administrator reads.
        var appt = await app.WithDbAsync(db => db.Appointments.AsNoTracking().FirstAsync(a => a.Status == Features.Scheduling.AppointmentStatus.Booked));
        using var client = app.ClientAs(Roles.Admin);
        var read = await FhirCalls.ReadAsync<Appointment>(client, $"/fhir/Appointment/{appt.Id}");
        Assert.Equal(Appointment.AppointmentStatus.Booked, read.Status);
        Assert.Contains(read.Participant, p => p.Actor.Reference == $"Patient/{appt.PatientId}");
        var day = appt.Start.ToString("yyyy-MM-dd");
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Appointment?patient={appt.PatientId}&status=booked&date={day}"), r => r.Id == read.Id);
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Appointment?patient={appt.PatientId}&status=cancelled&_id={appt.Id}"));
        Assert.Empty(await FhirCalls.SearchAllAsync(client, $"/fhir/Appointment?patient={appt.PatientId}&date=lt{day}&_id={appt.Id}"));
    }

    [Fact]
    public async Task Consent_Signed_ActiveTreatmentConsent()
    {
        var packet = await app.WithDbAsync(db => db.ConsentPackets.AsNoTracking().FirstAsync(c => c.Status == Features.Consent.ConsentStatus.Signed));
        using var client = app.ClientAs(Roles.Admin);
        var consent = await FhirCalls.ReadAsync<Consent>(client, $"/fhir/Consent/{packet.Id}");
        Assert.Equal(Consent.ConsentState.Active, consent.Status);
        Assert.Equal("treatment", consent.Scope.Coding.Single().Code);
        Assert.Contains(await FhirCalls.SearchAllAsync(client, $"/fhir/Consent?patient={packet.PatientId}&status=active"), r => r.Id == consent.Id);
    }

    [Fact]
    public async Task AuditEvent_AdminOnly_SearchByPatient()
    {
        var patient = await app.DemoPatientAsync();
        using var desk = app.ClientAs(Roles.FrontDesk);
        await FhirCalls.ReadAsync<Patient>(desk, $"/fhir/Patient/{patient.Id}");
        await app.FlushAuditAsync();
        using var admin = app.ClientAs(Roles.Admin);
        var events = (await FhirCalls.ReadAsync<Bundle>(admin, $"/fhir/AuditEvent?patient={patient.Id}&_sort=-date&_count=50")).Entry.Select(e => (AuditEvent)e.Resource).ToList();
        Assert.Contains(events, e => e.Entity[0].What?.Reference == $"Patient/{patient.Id}" && e.Action == AuditEvent.AuditEventAction.R);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(desk, "/fhir/AuditEvent")).Status);
    }

    [Fact]
    public async Task AuditEvent_SearchShowingSeveralPatients_FoundByEachWithOneEntityPerPatient()
    {
        using var desk = app.ClientAs(Roles.FrontDesk);
        var ids = (await FhirCalls.ReadAsync<Bundle>(desk, "/fhir/Patient?name=a&_count=3")).Entry.Select(e => e.Resource.Id).ToList();
        var shown = ids.Select(id => $"Patient/{id}").Order().ToList();
        Assert.True(shown.Count >= 2);
        await app.FlushAuditAsync();
        using var admin = app.ClientAs(Roles.Admin);

        foreach (var id in ids)
        {
            var events = (await FhirCalls.ReadAsync<Bundle>(admin, $"/fhir/AuditEvent?patient={id}&_sort=-date&_count=50")).Entry.Select(e => (AuditEvent)e.Resource).ToList();
            var search = events.First(e => e.Subtype.Any(c => c.Code == "search-type") && e.Entity.Select(x => x.What?.Reference).Order().SequenceEqual(shown));
            var read = await FhirCalls.ReadAsync<AuditEvent>(admin, $"/fhir/AuditEvent/{search.Id}");
            Assert.Equal(search.Entity.Select(x => x.What!.Reference).Order(), read.Entity.Select(x => x.What!.Reference).Order());
        }
    }

    [Fact]
    public async Task PatientParameter_OtherPatientForPatientToken_403()
    {
        var own = await app.DemoPatientAsync();
        var other = await app.WithDbAsync(db => db.Patients.FirstAsync(p => p.Id != own.Id));
        using var client = app.ClientAs(Roles.Patient);
        foreach (var url in new[] { $"/fhir/Observation?patient={other.Id}", $"/fhir/Condition?subject=Patient/{other.Id}", $"/fhir/Appointment?patient={other.Id}" })
        {
            var (status, resource, _) = await FhirCalls.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.IsType<OperationOutcome>(resource);
        }
        var mine = await FhirCalls.SearchAllAsync(client, "/fhir/Observation?_count=100");
        Assert.All(mine.Cast<Observation>(), o => Assert.Equal($"Patient/{own.Id}", o.Subject.Reference));
        Assert.Equal(HttpStatusCode.OK, (await FhirCalls.GetAsync(client, $"/fhir/Observation?patient={own.Id}")).Status);
    }

    [Fact]
    public async Task Include_PatientOfMatches_AddedOnceWithModeInclude()
    {
        var lab = await app.WithDbAsync(db => db.LabResults.AsNoTracking().FirstAsync());
        using var client = app.ClientAs(Roles.Admin);
        var bundle = await FhirCalls.ReadAsync<Bundle>(client, $"/fhir/Observation?patient={lab.PatientId}&_include=Observation:patient");
        Assert.True(bundle.Entry.Count(e => e.Search.Mode == Bundle.SearchEntryMode.Match) > 1);
        var included = Assert.Single(bundle.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Include);
        Assert.Equal(lab.PatientId.ToString(), Assert.IsType<Patient>(included.Resource).Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await FhirCalls.GetAsync(client, "/fhir/Observation?_include=Observation:performer")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await FhirCalls.GetAsync(client, "/fhir/Location?_include=Location:patient")).Status);
    }

    [Fact]
    public async Task PatientParameter_NotAPatientReference_400()
    {
        using var client = app.ClientAs(Roles.Clinician);
        Assert.Equal(HttpStatusCode.BadRequest, (await FhirCalls.GetAsync(client, "/fhir/Observation?subject=Group/1")).Status);
    }

    /// <summary>Every resource served over the whole demo data validates against the base R4 StructureDefinitions.</summary>
    [Fact]
    public async Task EveryType_WholeDemoData_ValidatesAgainstBaseR4WithZeroErrors()
    {
        using var client = app.ClientAs(Roles.Admin);
        var errors = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var type in FhirTypes.All)
        {
            // Slots are computed for a bounded window: the demo data's weeks around the test clock.
            var window = type.Name == "Slot" ? "&start=ge2026-11-01&start=lt2026-12-01" : "";
            var all = await FhirCalls.SearchAllAsync(client, $"/fhir/{type.Name}?_count=100{window}");
            counts[type.Name] = all.Count;
            foreach (var resource in type.Name == "AuditEvent" ? all.Take(300) : all)
            {
                errors.AddRange(R4Validator.Errors(resource));
            }
        }
        Assert.All(FhirTypes.All, t => Assert.True(counts[t.Name] > 0, $"No {t.Name} in the demo data"));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Distinct().Take(40)));
    }
}
