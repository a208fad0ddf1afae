using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Evaluation;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Intake;

/// <summary>
/// The instruments as FHIR R4 Questionnaires and the submitted answers as QuestionnaireResponses (SPEC §8.5 PROMs).
/// One Questionnaire per instrument definition, id = the instrument key (<c>faos</c>, <c>faam-adl</c> …), canonical
/// <c>{system base}/Questionnaire/{key}</c>. Item text only for free or public-domain instruments (SPEC §3.8); for the
/// others linkId, type and answer codes only, with a copyright note. Responses carry answer codes, never item text.
/// </summary>
public static class QuestionnaireFhir
{
    public static readonly FhirType QuestionnaireType = new("Questionnaire", Auth.Policies.FhirDirectory,
        [
            new("url", SearchParamType.Uri, "Canonical url: {base}/Questionnaire/{key}."),
            new("name", SearchParamType.String, "Computable name (starts with), e.g. Faos."),
            new("status", SearchParamType.Token, "active (every questionnaire served is active)."),
        ],
        ReadQuestionnaireAsync, SearchQuestionnairesAsync, PatientData: false);

    public static readonly FhirType ResponseType = new("QuestionnaireResponse", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("questionnaire", SearchParamType.Reference, "The questionnaire: its canonical url, Questionnaire/{key} or {key}."),
            new("authored", SearchParamType.Date, "Date completed, with prefixes."),
            new("status", SearchParamType.Token, "completed (drafts are not served)."),
        ],
        ReadResponseAsync, SearchResponsesAsync);

    /// <summary>The instruments with a definition (MOXFQ only once the practice holds its licence, SPEC §3.8).</summary>
    public static IReadOnlyList<InstrumentDefinition> Definitions { get; } =
        [.. Enum.GetValues<InstrumentId>().Select(InstrumentScoring.DefinitionOf).OfType<InstrumentDefinition>()];

    /// <summary>The instrument key: the instrument's name in kebab case (faos, faam-adl, nrs-pain …).</summary>
    public static string Key(InstrumentId id) => ObservationFhir.Kebab(id.ToString());

    public static string Canonical(InstrumentId id, FhirSystems systems) => $"{systems.Base}/Questionnaire/{Key(id)}";

    /// <summary>The instrument a questionnaire reference names: its canonical url (any base), Questionnaire/{key} or {key}.</summary>
    public static InstrumentId? InstrumentOf(string reference)
    {
        var key = reference.Split('|')[0].TrimEnd('/');
        key = key[(key.LastIndexOf('/') + 1)..];
        return Enum.GetValues<InstrumentId>().Cast<InstrumentId?>().FirstOrDefault(i => Key(i!.Value) == key);
    }

    private static bool ShowsText(InstrumentDefinition d) => d.Licence is LicenceStatus.Free or LicenceStatus.PublicDomain;

    private static bool IsSingleValue(InstrumentDefinition d) => d.Rule == ScoringRule.SingleValue;

    private static string AnswerSystem(InstrumentDefinition d, FhirSystems systems) => systems.CodeSystem($"{Key(d.Id)}-answer");

    public static Questionnaire ToFhir(this InstrumentDefinition d, FhirSystems systems)
    {
        var text = ShowsText(d);
        var q = new Questionnaire
        {
            Id = Key(d.Id),
            Url = Canonical(d.Id, systems),
            Name = d.Id.ToString(),
            Title = d.Name,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = text ? $"Recall: {d.RecallPeriod}. Source: {d.Source}. Item text is Talus's short label; the official wording is on the instrument's form." : null,
            // SPEC §3.8: licensed or unverified instruments are served without their wording.
            Copyright = text ? null : $"{d.Name}: item wording is not reproduced here (licence {d.Licence}); obtain it from the rights holder. Source: {d.Source}.",
        };
        if (IsSingleValue(d))
        {
            var item = d.Items[0];
            q.Item.Add(new Questionnaire.ItemComponent
            {
                LinkId = item.Key,
                Code = [new Coding(systems.CodeSystem(Key(d.Id)), item.Key)],
                Text = text ? $"{item.ShortLabel} ({d.MinimumAnswer} {item.Anchors[0].Label} – {d.MaximumAnswer} {item.Anchors[^1].Label})" : null,
                Type = Questionnaire.QuestionnaireItemType.Integer,
                Required = true,
            });
            return q;
        }
        foreach (var subscale in d.Subscales)
        {
            var group = new Questionnaire.ItemComponent { LinkId = subscale.Key, Type = Questionnaire.QuestionnaireItemType.Group, Text = text ? subscale.Name : null };
            foreach (var item in d.Items.Where(i => i.SubscaleKey == subscale.Key))
            {
                var question = new Questionnaire.ItemComponent
                {
                    LinkId = item.Key,
                    Code = [new Coding(systems.CodeSystem(Key(d.Id)), item.Key)],
                    Text = text ? item.ShortLabel : null,
                    Type = Questionnaire.QuestionnaireItemType.Choice,
                };
                foreach (var value in Enumerable.Range(d.MinimumAnswer, d.MaximumAnswer - d.MinimumAnswer + 1))
                {
                    var label = text ? item.Anchors.FirstOrDefault(a => a.Value == value)?.Label : null;
                    question.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = new Coding(AnswerSystem(d, systems), Code(value), label) });
                }
                if (item.AllowsNotApplicable)
                {
                    question.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = new Coding(AnswerSystem(d, systems), Code(InstrumentItem.NotApplicable), text ? "Not applicable" : null) });
                }
                group.Item.Add(question);
            }
            q.Item.Add(group);
        }
        return q;
    }

    /// <summary>The answer code of a stored value: the value itself, "na" for not applicable (FAAM).</summary>
    public static string Code(int value) => value == InstrumentItem.NotApplicable ? "na" : value.ToString(CultureInfo.InvariantCulture);

    public static Hl7.Fhir.Model.QuestionnaireResponse ToFhir(this Data.QuestionnaireResponse r, FhirSystems systems)
    {
        var d = InstrumentScoring.DefinitionOf(r.Instrument);
        var fhir = new Hl7.Fhir.Model.QuestionnaireResponse
        {
            Id = r.Id.ToString(),
            Questionnaire = Canonical(r.Instrument, systems),
            Status = r.Status == RecordStatus.Submitted
                ? Hl7.Fhir.Model.QuestionnaireResponse.QuestionnaireResponseStatus.Completed
                : Hl7.Fhir.Model.QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            Subject = new ResourceReference($"Patient/{r.PatientId}"),
            Authored = (r.CompletedOn ?? DateOnly.FromDateTime(r.UpdatedAt)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // The patient answered (portal, secure link) or staff entered the answers from paper.
            Source = r.EnteredBy == EnteredBy.Patient ? new ResourceReference($"Patient/{r.PatientId}") : null,
        };
        var answers = Questionnaires.AnswersOf(r);
        if (d is null)
        {
            return fhir;
        }
        if (IsSingleValue(d))
        {
            if (answers.TryGetValue(d.Items[0].Key, out var v) && v is { } value)
            {
                fhir.Item.Add(new() { LinkId = d.Items[0].Key, Answer = [new() { Value = new Integer(value) }] });
            }
            return fhir;
        }
        foreach (var subscale in d.Subscales)
        {
            var group = new Hl7.Fhir.Model.QuestionnaireResponse.ItemComponent { LinkId = subscale.Key };
            foreach (var item in d.Items.Where(i => i.SubscaleKey == subscale.Key))
            {
                if (answers.TryGetValue(item.Key, out var v) && v is { } value)
                {
                    group.Item.Add(new() { LinkId = item.Key, Answer = [new() { Value = new Coding(AnswerSystem(d, systems), Code(value)) }] });
                }
            }
            if (group.Item.Count > 0)
            {
                fhir.Item.Add(group);
            }
        }
        return fhir;
    }

    private static Task<FhirFound?> ReadQuestionnaireAsync(FhirRequest request, string id) =>
        Task.FromResult(Definitions.FirstOrDefault(d => Key(d.Id) == id) is { } d ? new FhirFound(d.ToFhir(request.Systems), null) : null);

    private static Task<FhirPage> SearchQuestionnairesAsync(FhirRequest request, FhirQuery query)
    {
        IEnumerable<InstrumentDefinition> all = Definitions;
        if (query.Ids is { } ids)
        {
            all = all.Where(d => ids.Contains(Key(d.Id)));
        }
        if (query.String("url") is { } url)
        {
            all = all.Where(d => Canonical(d.Id, request.Systems) == url.Split('|')[0]);
        }
        if (query.String("name") is { } name)
        {
            all = all.Where(d => d.Id.ToString().StartsWith(name, StringComparison.OrdinalIgnoreCase));
        }
        if (query.Tokens("status") is { } statuses)
        {
            all = all.Where(_ => statuses.Any(s => s.Code == "active"));
        }
        return Task.FromResult(query.PageOf(all, d => Key(d.Id), d => new FhirFound(d.ToFhir(request.Systems), null)));
    }

    private static IQueryable<Data.QuestionnaireResponse> Served(FhirRequest request) =>
        request.Db.QuestionnaireResponses.AsNoTracking().Where(q => q.Status == RecordStatus.Submitted && q.CompletedOn != null);

    private static Task<FhirFound?> ReadResponseAsync(FhirRequest request, string id) =>
        request.FindAsync(Served(request), id, q => q.ToFhir(request.Systems));

    private static async Task<FhirPage> SearchResponsesAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Searched(Served(request), query);
        if (query.String("questionnaire") is { } reference)
        {
            var wanted = reference.Split(',').Select(InstrumentOf).OfType<InstrumentId>().ToList();
            rows = rows.Where(q => wanted.Contains(q.Instrument));
        }
        if (query.Tokens("status") is { } statuses && !statuses.Any(s => s.Code == "completed"))
        {
            rows = rows.Where(_ => false);
        }
        rows = query.WhereDates(rows, "authored", q => q.CompletedOn!.Value);
        return await request.PageAsync(rows, query, q => q.CompletedOn!.Value, q => q.ToFhir(request.Systems));
    }
}
