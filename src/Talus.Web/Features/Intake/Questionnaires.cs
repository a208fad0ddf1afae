using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.Instruments;
using Talus.Web.Data;

using Talus.Web.Shared;

namespace Talus.Web.Features.Intake;

/// <summary>A questionnaire response as sent: answers keyed by item (e.g. "P3": 2; FAAM N/A = -1; NRS: "NrsPain": 6).</summary>
public sealed class QuestionnaireInput
{
    [Required] public InstrumentId? Instrument { get; set; }
    public QuestionnaireContext Context { get; set; } = QuestionnaireContext.Baseline;
    public Joint? Joint { get; set; }
    public Side? Side { get; set; }
    /// <summary>The follow-up visit answered (its joint, side and time point then apply); null = baseline or unscheduled.</summary>
    public Guid? FollowUpVisitId { get; set; }
    public Dictionary<string, int?> Answers { get; set; } = [];
}

/// <summary>New answers for a draft response.</summary>
public sealed class AnswersInput
{
    public Dictionary<string, int?> Answers { get; set; } = [];
}

public sealed record QuestionnaireView(Guid Id, Guid PatientId, InstrumentId Instrument, QuestionnaireContext Context, string? Visit, Joint? Joint,
    Side? Side, RecordStatus Status, EnteredBy EnteredBy, Dictionary<string, int?> Answers, Dictionary<string, decimal?> Scores,
    string? ScoringVersion, DateOnly? CompletedOn, DateTime UpdatedAt)
{
    public static QuestionnaireView From(QuestionnaireResponse q) => new(q.Id, q.PatientId, q.Instrument, q.Context, q.Visit, q.Joint, q.Side,
        q.Status, q.EnteredBy, Questionnaires.AnswersOf(q), Questionnaires.ScoresOf(q), q.ScoringVersion, q.CompletedOn, q.UpdatedAt);
}

/// <summary>
/// The baseline questionnaires: which are offered, how answers are checked, and scoring on submit with the instrument
/// definitions and <see cref="InstrumentScoring"/> (SPEC §3). Scores are stored unrounded; pages round for display.
/// </summary>
public static class Questionnaires
{
    /// <summary>The baseline set (SPEC §4.2 PROM set, without PROMIS PF which is entered from its own form).</summary>
    public static readonly InstrumentId[] Baseline =
        [InstrumentId.Faos, InstrumentId.FaamAdl, InstrumentId.FaamSports, InstrumentId.NrsPain, InstrumentId.PatientGlobalAssessment];

    public static readonly InstrumentSettings Settings = new();

    /// <summary>Patient-reported instruments this feature accepts (AOFAS is clinician-rated; MOXFQ needs a licence, SPEC §3.8).</summary>
    public static bool Offered(InstrumentId id) => Baseline.Contains(id) || id == InstrumentId.VasPain;

    public static InstrumentDefinition Definition(InstrumentId id) => InstrumentScoring.DefinitionOf(id)
        ?? throw new ArgumentOutOfRangeException(nameof(id), id, "No definition.");

    public static bool IsSingleValue(InstrumentDefinition d) => d.Rule == ScoringRule.SingleValue;

    /// <summary>Answers must name items of the instrument and lie in its range (or be N/A where the item allows it).</summary>
    public static FieldErrors CheckAnswers(InstrumentDefinition d, IReadOnlyDictionary<string, int?> answers)
    {
        var e = new FieldErrors();
        foreach (var (key, value) in answers)
        {
            var at = d.PositionOf(key);
            if (at < 0)
            {
                e.Add("answers." + key, $"'{key}' is not a question of {d.Name}.");
                continue;
            }
            var item = d.Items[at];
            if (value is { } v && (v < d.MinimumAnswer || v > d.MaximumAnswer) && !(item.AllowsNotApplicable && v == InstrumentItem.NotApplicable))
            {
                e.Add("answers." + item.Key, $"{item.Key}: {v} is outside {d.MinimumAnswer}–{d.MaximumAnswer}"
                    + (item.AllowsNotApplicable ? $" (or {InstrumentItem.NotApplicable} for not applicable)." : "."));
            }
        }
        return e;
    }

    public sealed record Scored(Dictionary<string, decimal?> Scores, string Version);

    /// <summary>
    /// Scores a complete response. Every section must be scorable, unless all its questions were answered (e.g. all
    /// FAAM Sports items "not applicable"): then its score is stored as null.
    /// </summary>
    public static Outcome<Scored> Score(InstrumentDefinition d, IReadOnlyDictionary<string, int?> answers)
    {
        ScoringResult result;
        string version;
        if (IsSingleValue(d))
        {
            var value = answers.TryGetValue(d.Items[0].Key, out var v) ? v : null;
            if (value is null)
            {
                return Outcome.Invalid("answers." + d.Items[0].Key, "Please give an answer.");
            }
            result = SingleValueMeasures.Score(new SingleValueEntry(d.Id, value.Value), Settings);
            version = $"{d.Id} {d.Rule}";
        }
        else
        {
            result = InstrumentScoring.Score(new KeyedInstrumentResponse(d.Id, answers.ToDictionary(a => a.Key, a => a.Value)), Settings);
            version = d.Id == InstrumentId.Faos || d.Rule == ScoringRule.PercentOfAnsweredMaximum
                ? $"{d.Id} {d.Rule} {Settings.FaosMissingRule}"
                : $"{d.Id} {d.Rule}";
        }
        if (!result.IsValid)
        {
            return Outcome.Invalid(result.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()));
        }
        var errors = new FieldErrors();
        foreach (var s in result.Subscales.Where(s => s.Score is null))
        {
            var items = d.Items.Where(i => i.SubscaleKey == s.Subscale).ToList();
            var allAnswered = items.All(i => answers.TryGetValue(i.Key, out var a) && a is not null);
            if (!allAnswered)
            {
                var name = d.SubscaleOf(s.Subscale)?.Name ?? s.Subscale;
                errors.Add("answers", string.Format(CultureInfo.InvariantCulture,
                    "Please answer at least {0} of the {1} questions in \"{2}\" ({3} answered).", s.MinimumAnswered, items.Count, name, s.Answered));
            }
        }
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        return new Scored(result.Subscales.ToDictionary(s => s.Subscale, s => s.Score), version);
    }

    public static Dictionary<string, int?> AnswersOf(QuestionnaireResponse q) =>
        JsonSerializer.Deserialize<Dictionary<string, int?>>(q.AnswersJson) ?? [];

    public static Dictionary<string, decimal?> ScoresOf(QuestionnaireResponse q) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal?>>(q.ScoresJson) ?? [];

    /// <summary>Keeps only answered items, in form order.</summary>
    internal static Dictionary<string, int?> Clean(InstrumentDefinition d, IReadOnlyDictionary<string, int?> answers)
    {
        var byKey = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in answers)
        {
            byKey[key] = value;
        }
        return d.Items.Where(i => byKey.TryGetValue(i.Key, out var v) && v is not null).ToDictionary(i => i.Key, i => byKey[i.Key]);
    }
}

/// <summary>Saves questionnaire drafts and submits (scores) them.</summary>
public static class SaveQuestionnaire
{
    public static async Task<Outcome<QuestionnaireResponse>> StartAsync(Guid patientId, QuestionnaireInput input, EnteredBy by, bool submit,
        ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (input.Instrument is not { } id || !Questionnaires.Offered(id))
        {
            return Outcome.Invalid("instrument", "Choose one of: " + string.Join(", ", Questionnaires.Baseline.Append(InstrumentId.VasPain)) + ".");
        }
        var d = Questionnaires.Definition(id);
        var errors = Questionnaires.CheckAnswers(d, input.Answers);
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        var answers = Questionnaires.Clean(d, input.Answers);
        Questionnaires.Scored? scored = null;
        if (submit)
        {
            var outcome = Questionnaires.Score(d, answers);
            if (outcome.Failure is not null && outcome.Errors is { } e)
            {
                return Outcome.Invalid(e);
            }
            scored = outcome.Value;
        }
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return Outcome.NotFound();
        }
        var q = new QuestionnaireResponse
        {
            PatientId = patientId, Instrument = id, Context = input.Context, Joint = input.Joint, Side = input.Side, EnteredBy = by,
            Status = RecordStatus.Draft, AnswersJson = JsonSerializer.Serialize(answers), UpdatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (input.FollowUpVisitId is { } visitId)
        {
            var visit = await db.FollowUpVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId && v.PatientId == patientId, ct);
            if (visit is null || !visit.Instruments().Contains(id))
            {
                return Outcome.Invalid("followUpVisitId", visit is null
                    ? "No follow-up visit with this id for this patient."
                    : $"{id} is not due at this visit.");
            }
            (q.Context, q.Visit, q.FollowUpVisitId, q.Joint, q.Side) = (QuestionnaireContext.FollowUp, visit.Visit.ToString(), visit.Id, visit.Joint, visit.Side);
        }
        if (scored is not null)
        {
            await CompleteAsync(db, q, scored, clock, ct);
        }
        db.QuestionnaireResponses.Add(q);
        await db.SaveChangesAsync(ct);
        return q;
    }

    public static async Task<Outcome<QuestionnaireResponse>> UpdateAsync(Guid patientId, Guid responseId, IReadOnlyDictionary<string, int?> answers,
        bool submit, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var q = await db.QuestionnaireResponses.FirstOrDefaultAsync(r => r.PatientId == patientId && r.Id == responseId, ct);
        if (q is null)
        {
            return Outcome.NotFound();
        }
        if (q.Status != RecordStatus.Draft)
        {
            return Outcome.Invalid("status", "These answers were already sent and scored; they are kept as they were.");
        }
        var d = Questionnaires.Definition(q.Instrument);
        var errors = Questionnaires.CheckAnswers(d, answers);
        if (errors.Any)
        {
            return Outcome.Invalid(errors.ToDictionary());
        }
        var clean = Questionnaires.Clean(d, answers);
        if (submit)
        {
            var outcome = Questionnaires.Score(d, clean);
            if (outcome.Failure is not null && outcome.Errors is { } e)
            {
                return Outcome.Invalid(e);
            }
            await CompleteAsync(db, q, outcome.Value!, clock, ct);
        }
        q.AnswersJson = JsonSerializer.Serialize(clean);
        q.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return q;
    }

    /// <summary>Scores and submits a draft as it is stored.</summary>
    public static async Task<Outcome<QuestionnaireResponse>> SubmitAsync(Guid patientId, Guid responseId, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var q = await db.QuestionnaireResponses.AsNoTracking().FirstOrDefaultAsync(r => r.PatientId == patientId && r.Id == responseId, ct);
        return q is null
            ? Outcome.NotFound()
            : await UpdateAsync(patientId, responseId, Questionnaires.AnswersOf(q), submit: true, db, clock, ct);
    }

    /// <summary>Scores the response and adds its score rows, all saved by the caller's one SaveChanges.</summary>
    private static async Task CompleteAsync(ClinicDb db, QuestionnaireResponse q, Questionnaires.Scored scored, TimeProvider clock, CancellationToken ct)
    {
        q.Status = RecordStatus.Submitted;
        q.ScoresJson = JsonSerializer.Serialize(scored.Scores);
        q.ScoringVersion = scored.Version;
        q.CompletedOn = SaveIntake.Today(clock);
        await FollowUp.ScoreRows.AddAsync(db, q, scored.Scores, clock.GetUtcNow().UtcDateTime, ct);
    }
}

/// <summary>Reads questionnaire responses.</summary>
public static class ReadQuestionnaires
{
    public static Task<List<QuestionnaireResponse>> AllAsync(Guid patientId, ClinicDb db, CancellationToken ct) =>
        db.QuestionnaireResponses.AsNoTracking().Where(q => q.PatientId == patientId)
            .OrderByDescending(q => q.UpdatedAt).ToListAsync(ct);

    /// <summary>The open draft, else the latest submitted response, for one instrument of one follow-up visit (or null).</summary>
    public static Task<QuestionnaireResponse?> ForVisitAsync(Guid patientId, Guid visitId, InstrumentId instrument, ClinicDb db, CancellationToken ct) =>
        db.QuestionnaireResponses.AsNoTracking()
            .Where(q => q.PatientId == patientId && q.FollowUpVisitId == visitId && q.Instrument == instrument)
            .OrderBy(q => q.Status == RecordStatus.Draft ? 0 : 1).ThenByDescending(q => q.UpdatedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>Per baseline instrument: the open draft, else the latest submitted baseline response (or null).</summary>
    public static async Task<Dictionary<InstrumentId, QuestionnaireResponse?>> BaselineAsync(Guid patientId, ClinicDb db, CancellationToken ct)
    {
        // The keys of every baseline answer first (no answer texts), then only the chosen answers by id: a patient who
        // answered many times costs little more to read than one who answered once.
        var keys = await db.QuestionnaireResponses.AsNoTracking()
            .Where(q => q.PatientId == patientId && q.Context == QuestionnaireContext.Baseline && q.FollowUpVisitId == null)
            .Select(q => new { q.Id, q.Instrument, q.Status, q.UpdatedAt }).ToListAsync(ct);
        // The latest by time, then by id (time-ordered), as the chart chooses.
        var latest = keys.OrderByDescending(q => q.UpdatedAt).ThenByDescending(q => q.Id).ToList();
        var chosen = Questionnaires.Baseline.ToDictionary(id => id, id =>
            (latest.FirstOrDefault(q => q.Instrument == id && q.Status == RecordStatus.Draft)
             ?? latest.FirstOrDefault(q => q.Instrument == id))?.Id);
        var ids = chosen.Values.OfType<Guid>().ToList();
        var rows = ids.Count == 0 ? []
            : await db.QuestionnaireResponses.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        return chosen.ToDictionary(c => c.Key, c => c.Value is { } id ? rows.GetValueOrDefault(id) : null);
    }
}
