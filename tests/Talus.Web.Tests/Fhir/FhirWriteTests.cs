// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Scheduling;
using Patient = Hl7.Fhir.Model.Patient;
using Appointment = Hl7.Fhir.Model.Appointment;
using QuestionnaireResponse = Hl7.Fhir.Model.QuestionnaireResponse;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Tests.Fhir;

/// <summary>FHIR creates, transaction and batch Bundles: mapped into the use cases, with their checks and gates.</summary>
[Collection(AppCollection.Name)]
public sealed class FhirWriteTests(TalusApp app)
{
    private const string Base = "https://talus.example.org/fhir";

    internal static async Task<(HttpStatusCode Status, Resource Resource, HttpResponseHeaders Headers)> PostAsync(HttpClient client, string url, Resource body, string prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(FhirJson.Serialize(body), Encoding.UTF8, FhirJson.MediaType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson.MediaType));
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : FhirJson.Parse<Resource>(text), response.Headers);
    }

    internal static Patient NewPatient(string family, string birthDate = "1961-05-17") => new()
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = ["Rosa"] }],
        Gender = AdministrativeGender.Female,
        BirthDate = birthDate,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "rosa@example.org")],
        Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "es"), Preferred = true }],
    };

    private static Appointment NewAppointment(string patient, int location, DateTime start, string type = "consultation") => new()
    {
        Status = Appointment.AppointmentStatus.Booked,
        AppointmentType = new CodeableConcept($"{Base}/CodeSystem/appointment-type", type),
        Start = new DateTimeOffset(start, TimeSpan.Zero),
        Participant =
        [
            new() { Actor = new ResourceReference(patient), Status = ParticipationStatus.Accepted },
            new() { Actor = new ResourceReference($"Location/{location}"), Status = ParticipationStatus.Accepted },
        ],
    };

    private static QuestionnaireResponse NrsAnswers(string patient, int pain, string authored = "2026-11-24") => new()
    {
        Questionnaire = $"{Base}/Questionnaire/nrs-pain",
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Subject = new ResourceReference(patient),
        Authored = authored,
        Item = [new() { LinkId = "NrsPain", Answer = [new() { Value = new Integer(pain) }] }],
    };

    private Task<int> CountFamilyAsync(string family) => app.WithDbAsync(db => db.Patients.CountAsync(p => p.FamilyName == family));

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreatePatient_Valid_201WithLocationEtagAndReadsBack()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Created" + Tag();
        var (status, resource, headers) = await PostAsync(client, "/fhir/Patient", NewPatient(family));

        Assert.Equal(HttpStatusCode.Created, status);
        var created = Assert.IsType<Patient>(resource);
        Assert.Equal("1", created.Meta.VersionId);
        Assert.Equal("W/\"1\"", headers.ETag.ToString());
        Assert.EndsWith($"/fhir/Patient/{created.Id}/_history/1", headers.Location.ToString());
        Assert.StartsWith("T", created.Identifier.Single().Value); // Talus assigns the MRN
        var read = await FhirCalls.ReadAsync<Patient>(client, $"/fhir/Patient/{created.Id}");
        Assert.Equal(family, read.Name[0].Family);
        Assert.Equal("1961-05-17", read.BirthDate);
        Assert.Equal(AdministrativeGender.Female, read.Gender);
        Assert.Equal("es", read.Communication[0].Language.Coding[0].Code);
        Assert.Empty(R4Validator.Errors(created));
    }

    [Fact]
    public async Task CreatePatient_FutureBirthDateAndNoName_400WithExpressionsAndNothingWritten()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Invalid" + Tag();
        var bad = NewPatient(family, "2030-01-01");
        bad.Name[0].Given = [];

        var (status, resource, _) = await PostAsync(client, "/fhir/Patient", bad);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var outcome = Assert.IsType<OperationOutcome>(resource);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("Patient.birthDate"));
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("Patient.name[0].given[0]"));
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Patient\",\"gender\":\"robot\"}")]
    [InlineData("{\"resourceType\":\"Patient\",\"unknownElement\":1}")]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")]
    [InlineData("not json")]
    public async Task CreatePatient_MalformedBody_400OperationOutcome(string body)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        using var response = await client.PostAsync("/fhir/Patient", new StringContent(body, Encoding.UTF8, FhirJson.MediaType));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<OperationOutcome>(FhirJson.Parse<Resource>(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("return=minimal", null)]
    [InlineData("return=OperationOutcome", "OperationOutcome")]
    [InlineData("return=representation", "Patient")]
    public async Task CreatePatient_Prefer_AnswersWhatWasAskedFor(string prefer, string? expectedType)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var (status, resource, headers) = await PostAsync(client, "/fhir/Patient", NewPatient("Prefer" + Tag()), prefer);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotNull(headers.Location);
        Assert.Equal(expectedType, resource?.TypeName);
    }

    [Fact]
    public async Task CreateAppointment_Consultation_BookedAndReadsBack()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var (status, resource, headers) = await PostAsync(client, "/fhir/Appointment",
            NewAppointment($"Patient/{clinic.PatientId}", clinic.LocationId, TestClinic.La(2027, 1, 12, 10)));

        Assert.True(status == HttpStatusCode.Created, (resource as OperationOutcome)?.Issue[0].Diagnostics);
        var created = Assert.IsType<Appointment>(resource);
        Assert.Empty(R4Validator.Errors(created));
        var read = await FhirCalls.ReadAsync<Appointment>(client, $"/fhir/Appointment/{created.Id}");
        Assert.Equal(Appointment.AppointmentStatus.Booked, read.Status);
        Assert.Equal(new DateTimeOffset(TestClinic.La(2027, 1, 12, 10), TimeSpan.Zero), read.Start);
        Assert.Contains(read.Participant, p => p.Actor.Reference == $"Location/{clinic.LocationId}");
        Assert.EndsWith($"/fhir/Appointment/{created.Id}/_history/1", headers.Location.ToString());
    }

    [Fact]
    public async Task CreateAppointment_PatientAlreadyBooked_409AndNothingWritten()
    {
        var clinic = await TestClinic.CreateAsync(app);
        await TestClinic.AddProviderAsync(app, clinic.LocationId);
        using var client = app.ClientAs(Roles.FrontDesk);
        var first = await PostAsync(client, "/fhir/Appointment", NewAppointment($"Patient/{clinic.PatientId}", clinic.LocationId, TestClinic.La(2027, 1, 13, 10)));
        Assert.Equal(HttpStatusCode.Created, first.Status);

        var second = await PostAsync(client, "/fhir/Appointment", NewAppointment($"Patient/{clinic.PatientId}", clinic.LocationId, TestClinic.La(2027, 1, 13, 10)));

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal(OperationOutcome.IssueType.Conflict, Assert.IsType<OperationOutcome>(second.Resource).Issue[0].Code);
        Assert.Equal(1, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task CreateAppointment_ProcedureWithAStaleAssessment_409WithTheGateReasons()
    {
        var clinic = await TestClinic.CreateAsync(app);
        // Assessed eight months before the procedure: older than CandidacySettings.MaxAssessmentAgeDays allows.
        await Journey.ProcedureReady.ForBookingAsync(app, clinic.PatientId, new DateOnly(2026, 6, 1));
        using var client = app.ClientAs(Roles.FrontDesk);

        var (status, resource, _) = await PostAsync(client, "/fhir/Appointment",
            NewAppointment($"Patient/{clinic.PatientId}", clinic.LocationId, TestClinic.La(2027, 2, 4, 9), "procedure"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var outcome = Assert.IsType<OperationOutcome>(resource);
        Assert.All(outcome.Issue, i => Assert.Equal(OperationOutcome.IssueType.BusinessRule, i.Code));
        Assert.True(outcome.Issue.Count > 1, "the procedure gate's reasons are listed");
        Assert.Equal(0, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task CreateQuestionnaireResponse_Nrs_ScoredOnArrivalWithObservation()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);

        var (status, resource, _) = await PostAsync(client, "/fhir/QuestionnaireResponse", NrsAnswers($"Patient/{clinic.PatientId}", 6));

        Assert.True(status == HttpStatusCode.Created, (resource as OperationOutcome)?.Issue[0].Diagnostics);
        var created = Assert.IsType<QuestionnaireResponse>(resource);
        Assert.Empty(R4Validator.Errors(created));
        var stored = await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking().SingleAsync(q => q.Id == Guid.Parse(created.Id)));
        Assert.Equal(RecordStatus.Submitted, stored.Status);
        Assert.Equal(EnteredBy.Staff, stored.EnteredBy);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={clinic.PatientId}&category=survey");
        var score = Assert.IsType<Observation>(Assert.Single(found, o => DerivesFrom(o, created.Id)));
        Assert.Equal("72514-3", score.Code.Coding[0].Code); // SPEC §8.3 NRS pain LOINC
        Assert.Equal(6m, ((Quantity)score.Value).Value);
    }

    /// <summary>A score Observation derived from the given QuestionnaireResponse.</summary>
    private static bool DerivesFrom(Resource o, string responseId) =>
        o is Observation obs && obs.DerivedFrom.Any(r => r.Reference == $"QuestionnaireResponse/{responseId}");

    [Fact]
    public async Task CreateQuestionnaireResponse_Faos_AllSubscalesScored()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.Clinician);
        var faos = InstrumentScoring.DefinitionOf(InstrumentId.Faos)!;
        var answers = new QuestionnaireResponse
        {
            Questionnaire = $"{Base}/Questionnaire/faos|2012",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{clinic.PatientId}"),
            Item = [new() { LinkId = "faos", Item = [.. faos.Items.Select(i => new QuestionnaireResponse.ItemComponent { LinkId = i.Key, Answer = [new() { Value = new Integer(1) }] })] }],
        };

        var (status, resource, _) = await PostAsync(client, "/fhir/QuestionnaireResponse", answers);

        Assert.True(status == HttpStatusCode.Created, (resource as OperationOutcome)?.Issue[0].Diagnostics);
        var found = await FhirCalls.SearchAllAsync(client, $"/fhir/Observation?patient={clinic.PatientId}&category=survey");
        Assert.Equal(5, found.Count(o => DerivesFrom(o, resource.Id))); // five FAOS subscales (SPEC §3.1)
        Assert.All(found, o => Assert.Equal(75m, ((Quantity)((Observation)o).Value).Value)); // 100 - 25 x 1
    }

    [Fact]
    public async Task CreateQuestionnaireResponse_AnswerOutOfRange_400NamingTheItem()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var (status, resource, _) = await PostAsync(client, "/fhir/QuestionnaireResponse", NrsAnswers($"Patient/{clinic.PatientId}", 11));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(Assert.IsType<OperationOutcome>(resource).Issue, i => i.Expression.Contains("QuestionnaireResponse.item.where(linkId='NrsPain')"));
        Assert.Equal(0, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task CreateQuestionnaireResponse_AuthoredInAFollowUpWindow_AttachedToThatVisit()
    {
        var visit = await app.WithDbAsync(db => db.FollowUpVisits.AsNoTracking()
            .Where(v => v.Questionnaires.Contains("NrsPain") && v.Status != Features.FollowUp.FollowUpStatus.Completed)
            .OrderByDescending(v => v.TargetDate).FirstAsync());
        using var client = app.ClientAs(Roles.Admin);

        var (status, resource, _) = await PostAsync(client, "/fhir/QuestionnaireResponse",
            NrsAnswers($"Patient/{visit.PatientId}", 3, visit.TargetDate.ToString("yyyy-MM-dd")));

        Assert.True(status == HttpStatusCode.Created, (resource as OperationOutcome)?.Issue[0].Diagnostics);
        var stored = await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking().SingleAsync(q => q.Id == Guid.Parse(resource.Id)));
        Assert.Equal(visit.Id, stored.FollowUpVisitId);
        Assert.Equal(QuestionnaireContext.FollowUp, stored.Context);
    }

    [Fact]
    public async Task Transaction_UrnUuidReference_ResolvedToTheCreatedPatient()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.FrontDesk);
        var urn = $"urn:uuid:{Guid.NewGuid()}";
        var family = "Txn" + Tag();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        // The appointment comes first and refers to the patient created by the second entry.
        bundle.Entry.Add(new() { Resource = NewAppointment(urn, clinic.LocationId, TestClinic.La(2027, 1, 14, 11)), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Appointment" } });
        bundle.Entry.Add(new() { FullUrl = urn, Resource = NewPatient(family), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });

        var (status, resource, _) = await PostAsync(client, "/fhir", bundle);

        Assert.True(status == HttpStatusCode.OK, (resource as OperationOutcome)?.Issue[0].Diagnostics);
        var response = Assert.IsType<Bundle>(resource);
        Assert.Equal(Bundle.BundleType.TransactionResponse, response.Type);
        Assert.All(response.Entry, e => Assert.Equal("201 Created", e.Response.Status));
        var patientId = await app.WithDbAsync(db => db.Patients.Where(p => p.FamilyName == family).Select(p => p.Id).SingleAsync());
        Assert.Equal($"Patient/{patientId}/_history/1", response.Entry[1].Response.Location);
        var appointment = Assert.IsType<Appointment>(response.Entry[0].Resource);
        Assert.Contains(appointment.Participant, p => p.Actor.Reference == $"Patient/{patientId}");
    }

    private static async Task<(HttpStatusCode Status, Resource Resource, HttpResponseHeaders Headers)> PostIfNoneExistAsync(HttpClient client, Resource body, string condition)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Patient")
        {
            Content = new StringContent(FhirJson.Serialize(body), Encoding.UTF8, FhirJson.MediaType),
        };
        request.Headers.Add("If-None-Exist", condition);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : FhirJson.Parse<Resource>(text), response.Headers);
    }

    [Fact]
    public async Task ConditionalCreate_IdentifierMatchesOnePatient_AnswersItAndCreatesNothing()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var demo = await app.DemoPatientAsync();
        var family = "Cond" + Tag();

        var (status, resource, headers) = await PostIfNoneExistAsync(client, NewPatient(family), $"identifier={Base}/sid/mrn|{demo.Mrn}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(demo.Id.ToString(), Assert.IsType<Patient>(resource).Id);
        Assert.EndsWith($"/fhir/Patient/{demo.Id}", headers.Location!.ToString());
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task ConditionalCreate_NoMatch_Creates()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Cond" + Tag();

        var (status, resource, _) = await PostIfNoneExistAsync(client, NewPatient(family), $"identifier={Base}/sid/mrn|T0000000");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.IsType<Patient>(resource);
        Assert.Equal(1, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task ConditionalCreate_TwoMatches_Answers412AndCreatesNothing()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var twins = "Twin" + Tag();
        await PostAsync(client, "/fhir/Patient", NewPatient(twins));
        await PostAsync(client, "/fhir/Patient", NewPatient(twins, "1962-05-17"));
        var mrns = await app.WithDbAsync(db => db.Patients.Where(p => p.FamilyName == twins).Select(p => p.Mrn).ToListAsync());
        var family = "Cond" + Tag();

        var (status, resource, _) = await PostIfNoneExistAsync(client, NewPatient(family), $"identifier={string.Join(',', mrns)}");

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Equal(OperationOutcome.IssueType.Duplicate, Assert.IsType<OperationOutcome>(resource).Issue[0].Code);
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Theory]
    [InlineData("shoe-size=12")]
    [InlineData("_count=1")]
    [InlineData("birthdate=yesterday")]
    public async Task ConditionalCreate_ConditionNotASearchOfPatient_Answers400AndCreatesNothing(string condition)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Cond" + Tag();

        var (status, resource, _) = await PostIfNoneExistAsync(client, NewPatient(family), condition);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.IsType<OperationOutcome>(resource);
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task Transaction_EightAtOnce_EachCommitsAllItsPatients()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Queue" + Tag();
        Bundle Of(int n)
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
            for (var i = 0; i < 5; i++)
            {
                bundle.Entry.Add(new() { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = NewPatient(family, $"19{50 + n}-0{1 + i}-1{i}"), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
            }
            return bundle;
        }

        // Eight transactions at once wait their turn for the one SQLite writer (PostgreSQL: side by side); none fails.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => PostAsync(client, "/fhir", Of(n), "return=minimal")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.All(Assert.IsType<Bundle>(a.Resource).Entry, e => Assert.Equal("201 Created", e.Response.Status)));
        Assert.Equal(40, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task Transaction_SecondEntryInvalid_RolledBackAndEntryNamed()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Rollback" + Tag();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new() { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = NewPatient(family), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        bundle.Entry.Add(new() { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = NewPatient(family, "1850-01-01"), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });

        var (status, resource, _) = await PostAsync(client, "/fhir", bundle);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var outcome = Assert.IsType<OperationOutcome>(resource);
        Assert.Contains(outcome.Issue, i => i.Expression.Contains("Bundle.entry[1]") && i.Expression.Contains("Patient.birthDate"));
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task Batch_MixedEntries_EachAnsweredOnItsOwn()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var family = "Batch" + Tag();
        var demo = await app.DemoPatientAsync();
        var bundle = new Bundle { Type = Bundle.BundleType.Batch };
        bundle.Entry.Add(new() { Resource = NewPatient(family), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        bundle.Entry.Add(new() { Resource = NewPatient(family, "1850-01-01"), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        bundle.Entry.Add(new() { Request = new() { Method = Bundle.HTTPVerb.GET, Url = $"Patient/{demo.Id}" } });
        bundle.Entry.Add(new() { Request = new() { Method = Bundle.HTTPVerb.GET, Url = $"Patient?identifier={demo.Mrn}" } });
        bundle.Entry.Add(new() { Request = new() { Method = Bundle.HTTPVerb.GET, Url = $"Patient/{Guid.NewGuid()}" } });

        var (status, resource, _) = await PostAsync(client, "/fhir", bundle);

        Assert.Equal(HttpStatusCode.OK, status);
        var response = Assert.IsType<Bundle>(resource);
        Assert.Equal(Bundle.BundleType.BatchResponse, response.Type);
        Assert.Equal(["201 Created", "400 Bad Request", "200 OK", "200 OK", "404 Not Found"], response.Entry.Select(e => e.Response.Status));
        Assert.IsType<OperationOutcome>(response.Entry[1].Response.Outcome);
        Assert.Equal(demo.Mrn, Assert.IsType<Patient>(response.Entry[2].Resource).Identifier[0].Value);
        Assert.Single(Assert.IsType<Bundle>(response.Entry[3].Resource).Entry);
        Assert.Equal(1, await CountFamilyAsync(family));
        await app.FlushAuditAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PatientId == demo.Id && a.Action == AuditAction.Read && a.Resource == "Patient"
            && a.Endpoint == "POST /fhir")));
    }

    [Fact]
    public async Task Bundle_MoreEntriesThanTheSetting_413()
    {
        using var admin = app.ClientAs(Roles.Admin);
        (await admin.PutAsJsonAsync("/api/settings/FhirWriteSettings", new { maxBundleEntries = 2 })).EnsureSuccessStatusCode();
        try
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Batch };
            for (var i = 0; i < 3; i++)
            {
                bundle.Entry.Add(new() { Request = new() { Method = Bundle.HTTPVerb.GET, Url = "Location" } });
            }
            var (status, resource, _) = await PostAsync(admin, "/fhir", bundle);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.IsType<OperationOutcome>(resource);
        }
        finally
        {
            await admin.DeleteAsync("/api/settings/FhirWriteSettings");
        }
    }

    [Fact]
    public async Task Create_UserReadScopeToken_403AndNothingWritten()
    {
        using var client = await FhirCalls.ClientWithScopeAsync(app, Roles.FrontDesk, "user/*.rs");
        var family = "Scoped" + Tag();
        var (status, _, _) = await PostAsync(client, "/fhir/Patient", NewPatient(family));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new() { Resource = NewPatient(family), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, "/fhir", bundle)).Status);
        Assert.Equal(0, await CountFamilyAsync(family));
    }

    [Fact]
    public async Task CreateQuestionnaireResponse_PatientScope_OwnOnly()
    {
        var own = (await app.DemoPatientAsync()).Id;
        var other = await TestClinic.AddPatientAsync(app);
        using var client = await FhirCalls.ClientWithScopeAsync(app, Roles.Patient, "patient/QuestionnaireResponse.c patient/*.rs");

        var mine = await PostAsync(client, "/fhir/QuestionnaireResponse", NrsAnswers($"Patient/{own}", 4));
        var theirs = await PostAsync(client, "/fhir/QuestionnaireResponse", NrsAnswers($"Patient/{other}", 4));
        using var readOnly = await FhirCalls.ClientWithScopeAsync(app, Roles.Patient, "patient/*.rs");
        var refused = await PostAsync(readOnly, "/fhir/QuestionnaireResponse", NrsAnswers($"Patient/{own}", 4));

        Assert.True(mine.Status == HttpStatusCode.Created, (mine.Resource as OperationOutcome)?.Issue[0].Diagnostics);
        Assert.Equal(EnteredBy.Patient, (await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking().SingleAsync(q => q.Id == Guid.Parse(mine.Resource.Id)))).EnteredBy);
        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.QuestionnaireResponses.CountAsync(q => q.PatientId == other)));
    }

    [Fact]
    public async Task CreateAppointment_PatientRole_403()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var client = app.ClientAs(Roles.Patient);
        var own = (await app.DemoPatientAsync()).Id;
        var (status, _, _) = await PostAsync(client, "/fhir/Appointment", NewAppointment($"Patient/{own}", clinic.LocationId, TestClinic.La(2027, 1, 15, 10)));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Metadata_ListsCreateTransactionBatchAndTheTokenEndpoint()
    {
        using var client = app.Anonymous();
        var capability = await FhirCalls.ReadAsync<CapabilityStatement>(client, "/fhir/metadata");
        var rest = capability.Rest.Single();
        Assert.Equal(["Appointment", "Patient", "QuestionnaireResponse"],
            rest.Resource.Where(r => r.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create)).Select(r => r.Type).Order());
        Assert.Contains(rest.Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Transaction);
        Assert.Contains(rest.Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Batch);
        Assert.Contains("/api/auth/client-token", rest.Security.Description, StringComparison.Ordinal);
        Assert.Empty(R4Validator.Errors(capability));
    }

    [Fact]
    public async Task FhirClient_CreatesAPatientAndBooksAnAppointment()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var http = app.ClientAs(Roles.FrontDesk);
        using var fhir = new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, ReturnPreference = ReturnPreference.Representation });

        var patient = await fhir.CreateAsync(NewPatient("Firely" + Tag()));
        var appointment = await fhir.CreateAsync(NewAppointment($"Patient/{patient.Id}", clinic.LocationId, TestClinic.La(2027, 1, 19, 14)));

        Assert.Equal("1", patient.Meta.VersionId);
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment.Status);
        Assert.Contains(appointment.Participant, p => p.Actor.Reference == $"Patient/{patient.Id}");
        var booked = await fhir.SearchAsync<Appointment>([$"patient={patient.Id}"]);
        Assert.Equal(appointment.Id, booked.Entry.Single().Resource.Id);
    }
}
