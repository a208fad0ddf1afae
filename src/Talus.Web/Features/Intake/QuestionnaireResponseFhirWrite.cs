using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Evaluation;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;
using QuestionnaireResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Talus.Web.Features.Intake;

/// <summary>
/// FHIR QuestionnaireResponse create: the answers of a completed response, for the instrument its <c>questionnaire</c>
/// canonical names (<c>{base}/Questionnaire/{instrument-key}</c>, e.g. <c>…/Questionnaire/faos</c>), go through
/// <see cref="SaveQuestionnaire.StartAsync"/> and are scored on arrival (SPEC §8.5: scoring is deterministic server-side),
/// so their score Observations appear at once. Answers authored inside the window of one of the patient's follow-up
/// visits that is due this instrument are that visit's answers.
/// </summary>
public static class QuestionnaireResponseFhirWrite
{
    public static readonly FhirCreatable Create = new("QuestionnaireResponse", Auth.Policies.IntakeFill, CreateAsync, Expression);

    /// <summary>The instrument key of the Questionnaire canonical: "faos", "faam-adl", "nrs-pain" … (the code system names of the scores).</summary>
    public static string KeyOf(InstrumentId instrument) => ObservationFhir.Kebab(instrument.ToString());

    /// <summary>The instrument a canonical names: any base, then Questionnaire/{key}, optionally |version.</summary>
    public static InstrumentId? InstrumentOf(string? canonical)
    {
        if (canonical is null)
        {
            return null;
        }
        var url = canonical.Split('|')[0].TrimEnd('/');
        var at = url.LastIndexOf("/Questionnaire/", StringComparison.Ordinal);
        var key = at < 0 ? null : url[(at + "/Questionnaire/".Length)..];
        return Enum.GetValues<InstrumentId>().Where(i => KeyOf(i) == key).Select(i => (InstrumentId?)i).FirstOrDefault();
    }

    /// <summary>The answers by item key (linkId): integer answers, or codings whose code is the item's number; nested groups are read too.</summary>
    public static Outcome<Dictionary<string, int?>> AnswersOf(IEnumerable<QuestionnaireResponse.ItemComponent> items)
    {
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        var errors = new FieldErrors();
        void Read(IEnumerable<QuestionnaireResponse.ItemComponent> level)
        {
            foreach (var item in level)
            {
                Read(item.Item);
                if (item.Answer.Count == 0 || item.LinkId is not { } key)
                {
                    continue;
                }
                int? value = item.Answer.Count > 1 ? null : item.Answer[0].Value switch
                {
                    Integer i => i.Value,
                    FhirDecimal d when d.Value is { } v && v == decimal.Truncate(v) && Math.Abs(v) < 1000 => (int)v,
                    Coding c when int.TryParse(c.Code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                    _ => null,
                };
                if (value is null)
                {
                    errors.Add("answers." + key, $"{key}: give one answer, as valueInteger (or a valueCoding whose code is the number).");
                }
                else if (!answers.TryAdd(key, value))
                {
                    errors.Add("answers." + key, $"{key} is answered twice.");
                }
                item.Answer[0].Item.ForEach(_ => errors.Add("answers." + key, $"{key}: nested answers are not part of this instrument."));
            }
        }
        Read(items);
        return errors.Any ? Outcome.Invalid(errors.ToDictionary()) : answers;
    }

    private static string Expression(string field) =>
        field.StartsWith("answers.", StringComparison.Ordinal) ? $"QuestionnaireResponse.item.where(linkId='{field["answers.".Length..]}')"
        : field switch
        {
            "instrument" => "QuestionnaireResponse.questionnaire",
            "status" => "QuestionnaireResponse.status",
            "subject" => "QuestionnaireResponse.subject",
            "authored" => "QuestionnaireResponse.authored",
            "followUpVisitId" => "QuestionnaireResponse.authored",
            _ => "QuestionnaireResponse.item",
        };

    private static async Task<Outcome<FhirFound>> CreateAsync(FhirWrite write, Resource resource)
    {
        var qr = (QuestionnaireResponse)resource;
        if (InstrumentOf(qr.Questionnaire) is not { } instrument || !Questionnaires.Offered(instrument))
        {
            return Outcome.Invalid("instrument", "Name the instrument as questionnaire {base}/Questionnaire/{key}, with key one of: "
                + string.Join(", ", Questionnaires.Baseline.Append(InstrumentId.VasPain).Select(KeyOf)) + ".");
        }
        if (qr.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            return Outcome.Invalid("status", "Only completed responses are accepted: they are scored on arrival.");
        }
        DateOnly? authored = null;
        if (qr.Authored is { } a)
        {
            if (a.Length < 10 || !DateOnly.TryParseExact(a[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Outcome.Invalid("authored", "Give the date the answers were given (YYYY-MM-DD or a dateTime).");
            }
            authored = day;
        }
        var answers = AnswersOf(qr.Item);
        if (!answers.IsOk)
        {
            return answers.Failure!;
        }
        var patient = await write.PatientAsync(qr.Subject, "subject");
        if (!patient.IsOk)
        {
            return patient.Failure!;
        }
        var input = new QuestionnaireInput { Instrument = instrument, Answers = answers.Value! };
        if (authored is { } on)
        {
            input.FollowUpVisitId = await VisitOfAsync(write.Db, patient.Value, instrument, on, write.Ct);
        }
        var by = write.User.IsInRole(Roles.Patient) ? EnteredBy.Patient : EnteredBy.Staff;
        var saved = await SaveQuestionnaire.StartAsync(patient.Value, input, by, submit: true, write.Db, write.Clock, write.Ct);
        return saved.Value is { } q ? new FhirFound(q.ToFhir(write.Systems), q.PatientId) : saved.Failure!;
    }

    /// <summary>The follow-up visit whose window holds the day and which is due this instrument (the nearest target first), or null.</summary>
    private static async Task<Guid?> VisitOfAsync(ClinicDb db, Guid patientId, InstrumentId instrument, DateOnly day, CancellationToken ct)
    {
        var visits = await db.FollowUpVisits.AsNoTracking()
            .Where(v => v.PatientId == patientId && v.WindowStart <= day && v.WindowEnd >= day)
            .ToListAsync(ct);
        return visits.Where(v => v.Instruments().Contains(instrument))
            .OrderBy(v => Math.Abs(v.TargetDate.DayNumber - day.DayNumber)).Select(v => (Guid?)v.Id).FirstOrDefault();
    }
}
