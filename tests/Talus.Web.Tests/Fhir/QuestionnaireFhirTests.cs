// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Intake;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;
using FhirResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Talus.Web.Tests.Fhir;

/// <summary>Instruments as Questionnaires (no wording for licensed ones) and the stored answers as QuestionnaireResponses.</summary>
[Collection(AppCollection.Name)]
public sealed class QuestionnaireFhirTests(TalusApp app)
{
    private const string Base = "https://talus.example.org/fhir";

    [Fact]
    public async Task Questionnaire_Faos_KeyIdCanonicalUrlGroupsPerSubscaleWithText()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var q = await FhirCalls.ReadAsync<Questionnaire>(client, "/fhir/Questionnaire/faos");
        Assert.Equal($"{Base}/Questionnaire/faos", q.Url);
        Assert.Equal(PublicationStatus.Active, q.Status);
        Assert.Equal(Faos.Definition.Subscales.Select(s => s.Key), q.Item.Select(i => i.LinkId));
        var items = q.Item.SelectMany(g => g.Item).ToList();
        Assert.Equal(42, items.Count); // SPEC §3.1: 42 items
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.Text))); // FAOS is free (SPEC §3.8)
        Assert.All(items, i => Assert.Equal(new[] { "0", "1", "2", "3", "4" }, i.AnswerOption.Select(o => ((Coding)o.Value).Code)));
        Assert.Null(q.Copyright);
    }

    [Theory]
    [InlineData(InstrumentId.AofasAnkleHindfoot, "aofas-ankle-hindfoot")]
    [InlineData(InstrumentId.PromisPhysicalFunction, "promis-physical-function")]
    public async Task Questionnaire_UnverifiedLicence_NoItemTextAndCopyrightNote(InstrumentId instrument, string key)
    {
        Assert.Equal(key, QuestionnaireFhir.Key(instrument));
        using var client = app.ClientAs(Roles.Patient);
        var q = await FhirCalls.ReadAsync<Questionnaire>(client, $"/fhir/Questionnaire/{key}");
        Assert.False(string.IsNullOrEmpty(q.Copyright));
        var all = q.Item.Concat(q.Item.SelectMany(i => i.Item)).ToList();
        Assert.NotEmpty(all);
        Assert.All(all, i => Assert.Null(i.Text));
        Assert.All(all.SelectMany(i => i.AnswerOption), o => Assert.Null(((Coding)o.Value).Display));
    }

    [Fact]
    public async Task Questionnaire_FaamAdl_NotApplicableIsAnAnswerCode()
    {
        using var client = app.ClientAs(Roles.Clinician);
        var q = await FhirCalls.ReadAsync<Questionnaire>(client, "/fhir/Questionnaire/faam-adl");
        Assert.All(q.Item.SelectMany(g => g.Item), i => Assert.Contains(i.AnswerOption, o => ((Coding)o.Value).Code == "na"));
    }

    [Fact]
    public async Task Questionnaire_SearchUrlNameStatus()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        Assert.Equal(new[] { "faos" }, (await FhirCalls.SearchAllAsync(client, $"/fhir/Questionnaire?url={Base}/Questionnaire/faos")).Select(r => r.Id));
        Assert.Equal(new[] { "faam-adl", "faam-sports" }, (await FhirCalls.SearchAllAsync(client, "/fhir/Questionnaire?name=faam")).Select(r => r.Id).Order());
        var active = await FhirCalls.SearchAllAsync(client, "/fhir/Questionnaire?status=active&_count=2");
        Assert.Equal(QuestionnaireFhir.Definitions.Count, active.Count);
        Assert.Empty(await FhirCalls.SearchAllAsync(client, "/fhir/Questionnaire?status=retired"));
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(client, "/fhir/Questionnaire/moxfq")).Status); // licence not configured
    }

    [Fact]
    public async Task QuestionnaireResponse_Faos_RoundTripsAnswersAsCodes()
    {
        var stored = await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking()
            .FirstAsync(q => q.Instrument == InstrumentId.Faos && q.Status == RecordStatus.Submitted));
        using var client = app.ClientAs(Roles.Admin);
        var r = await FhirCalls.ReadAsync<FhirResponse>(client, $"/fhir/QuestionnaireResponse/{stored.Id}");
        Assert.Equal($"{Base}/Questionnaire/faos", r.Questionnaire);
        Assert.Equal(FhirResponse.QuestionnaireResponseStatus.Completed, r.Status);
        Assert.Equal($"Patient/{stored.PatientId}", r.Subject.Reference);
        Assert.Equal(stored.CompletedOn!.Value.ToString("yyyy-MM-dd"), r.Authored);
        // Back from the resource to the stored answers: item → code.
        var answers = r.Item.SelectMany(g => g.Item).ToDictionary(i => i.LinkId, i => (int?)int.Parse(((Coding)i.Answer.Single().Value).Code));
        Assert.Equal(Questionnaires.AnswersOf(stored).Where(a => a.Value is not null).OrderBy(a => a.Key), answers.OrderBy(a => a.Key));
        Assert.All(r.Item.SelectMany(g => g.Item), i => Assert.Null(i.Text));
    }

    [Fact]
    public async Task QuestionnaireResponse_SearchEachParameter()
    {
        var stored = await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking()
            .FirstAsync(q => q.Instrument == InstrumentId.NrsPain && q.Status == RecordStatus.Submitted));
        var id = stored.Id.ToString();
        var day = stored.CompletedOn!.Value.ToString("yyyy-MM-dd");
        using var client = app.ClientAs(Roles.Admin);
        async Task<bool> Finds(string query) => (await FhirCalls.SearchAllAsync(client, $"/fhir/QuestionnaireResponse?{query}")).Any(r => r.Id == id);
        Assert.True(await Finds($"patient={stored.PatientId}"));
        Assert.True(await Finds($"subject=Patient/{stored.PatientId}&questionnaire=nrs-pain"));
        Assert.True(await Finds($"patient={stored.PatientId}&questionnaire={Base}/Questionnaire/nrs-pain"));
        Assert.False(await Finds($"patient={stored.PatientId}&questionnaire=Questionnaire/faos"));
        Assert.True(await Finds($"patient={stored.PatientId}&authored={day}&status=completed"));
        Assert.True(await Finds($"patient={stored.PatientId}&authored=ge{day}&authored=le{day}"));
        Assert.False(await Finds($"patient={stored.PatientId}&authored=lt{day}"));
        Assert.False(await Finds($"patient={stored.PatientId}&authored=gt{day}"));
        Assert.False(await Finds($"patient={stored.PatientId}&status=in-progress"));
        var bundle = await FhirCalls.ReadAsync<Bundle>(client, $"/fhir/QuestionnaireResponse?_id={id}&_include=QuestionnaireResponse:subject");
        Assert.Equal(stored.PatientId.ToString(), Assert.Single(bundle.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Include).Resource.Id);
        var single = Assert.IsType<FhirResponse>(Assert.Single(bundle.Entry, e => e.Search.Mode == Bundle.SearchEntryMode.Match).Resource);
        Assert.Equal(stored.Id.ToString(), single.Id);
        Assert.Equal(Assert.IsType<Integer>(single.Item.Single().Answer.Single().Value).Value, Questionnaires.AnswersOf(stored).Values.Single());
    }

    [Fact]
    public async Task QuestionnaireResponse_OtherPatient_403AndOwnOnly()
    {
        var own = await app.DemoPatientAsync();
        var other = await app.WithDbAsync(db => db.QuestionnaireResponses.AsNoTracking().FirstAsync(q => q.PatientId != own.Id && q.Status == RecordStatus.Submitted));
        using var client = app.ClientAs(Roles.Patient);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, $"/fhir/QuestionnaireResponse?patient={other.PatientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(client, $"/fhir/QuestionnaireResponse/{other.Id}")).Status);
        Assert.All(await FhirCalls.SearchAllAsync(client, "/fhir/QuestionnaireResponse"),
            r => Assert.Equal($"Patient/{own.Id}", ((FhirResponse)r).Subject.Reference));
    }
}
