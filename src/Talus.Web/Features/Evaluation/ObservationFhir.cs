using System.Globalization;
using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Microsoft.EntityFrameworkCore.Query;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Intake;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Evaluation;

/// <summary>
/// Observations (SPEC §8.5) from four records: laboratory results (LOINC, UCUM units), imaging grades (category imaging,
/// a practice code per grading system), the pain rating of an evaluation (LOINC 72514-3) and questionnaire scores
/// (category survey; LOINC where SPEC §8.3 gives one, else the practice's code system per instrument). The id says
/// which record: lab-, grade-, pain-, score-{response}-{subscale}.
/// </summary>
public static class ObservationFhir
{
    public static readonly FhirType Type = new("Observation", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("category", SearchParamType.Token, "laboratory | imaging | exam | survey."),
            new("code", SearchParamType.Token, "LOINC or practice code: system|code or code."),
            new("date", SearchParamType.Date, "Effective date, with prefixes."),
            new("status", SearchParamType.Token, "final (every observation served is final)."),
        ],
        ReadAsync, SearchAsync);

    private const string UcumScore = "{score}";

    /// <summary>
    /// One row of any of the four sources, as the search reads it: only the columns its Observation shows, in slots
    /// shared by the kinds (<see cref="Kind"/> says which), so that the four sources are one UNION ALL query.
    /// </summary>
    private sealed class Row
    {
        public int Kind { get; init; }
        public Guid Id { get; init; }
        public Guid PatientId { get; init; }
        public DateOnly Date { get; init; }
        /// <summary>Lab: LOINC; grade: value; score: subscale.</summary>
        public string? Code { get; init; }
        /// <summary>Lab: name; grade: reader.</summary>
        public string? Name { get; init; }
        /// <summary>Lab: unit; grade: definition version.</summary>
        public string? Unit { get; init; }
        public decimal? Value { get; init; }
        public decimal? Low { get; init; }
        public decimal? High { get; init; }
        public double? Score { get; init; }
        /// <summary>Pain: the rating.</summary>
        public int? Number { get; init; }
        public int? Clinician { get; init; }
        public Clinical.GradingSystem? System { get; init; }
        public ImagingModality? Modality { get; init; }
        public InstrumentId? Instrument { get; init; }
        public Clinical.Joint? Joint { get; init; }
        public Clinical.Side? Side { get; init; }
        /// <summary>Score: the questionnaire response.</summary>
        public Guid? Source { get; init; }
        /// <summary>Lab: recorded; score: submitted.</summary>
        public DateTime? At { get; init; }

        public FhirFound Found(FhirSystems systems) => new(Kind switch
        {
            Labs => new LabResult
            {
                Id = Id, PatientId = PatientId, Loinc = Code!, Name = Name!, Unit = Unit!, Value = Value!.Value,
                ReferenceLow = Low, ReferenceHigh = High, CollectedOn = Date, RecordedAt = At!.Value,
            }.ToData(),
            Grades => new ImagingGrade
            {
                Id = Id, PatientId = PatientId, System = System!.Value, Value = Code!, Reader = Name!,
                ReadOn = Date, DefinitionVersion = Unit!,
            }.ToData(new Data.ImagingStudy { Joint = Joint!.Value, Side = Side!.Value, Modality = Modality!.Value }, systems),
            Pains => new Data.Evaluation
            {
                Id = Id, PatientId = PatientId, ExaminedOn = Date, PainNrs = Number, Joint = Joint!.Value, Side = Side!.Value, ClinicianId = Clinician,
            }.ToPainData(systems),
            _ => new FollowUp.ScoreRow
            {
                Id = Id, PatientId = PatientId, ResponseId = Source!.Value, Instrument = Instrument!.Value, Subscale = Code!,
                Score = Score!.Value, Joint = Joint, Side = Side, CompletedOn = Date, SubmittedAt = At!.Value,
            }.ToData(systems),
        }, PatientId);
    }

    /// <summary>
    /// One Observation as data: the only mapping of the four records. <see cref="ToPoco"/> builds the Firely resource
    /// (reads, export, validation) and <see cref="Write"/> writes the same JSON straight to a search Bundle, element by
    /// element in the order of the R4 definition, without building the resource.
    /// </summary>
    public sealed record ObservationData(string Id, Guid PatientId, string Category, Coding Code, DateOnly Date) : IFhirJsonResource
    {
        public DateTimeOffset? Issued { get; init; }
        public ResourceReference? Performer { get; init; }
        public Quantity? ValueQuantity { get; init; }
        public CodeableConcept? ValueConcept { get; init; }
        public CodeableConcept? BodySite { get; init; }
        public CodeableConcept? Method { get; init; }
        public Quantity? RangeLow { get; init; }
        public Quantity? RangeHigh { get; init; }
        public ResourceReference? DerivedFrom { get; init; }

        public string TypeName => "Observation";

        private string Effective => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        public Resource ToPoco()
        {
            var o = new Observation
            {
                Id = Id,
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept(FhirSystems.ObservationCategory, Category)],
                Code = new CodeableConcept { Coding = [Code], Text = Code.Display },
                Subject = new ResourceReference($"Patient/{PatientId}"),
                Effective = new FhirDateTime(Effective),
                Value = ValueQuantity ?? (DataType?)ValueConcept,
                BodySite = BodySite,
                Method = Method,
            };
            if (Issued is { } issued)
            {
                o.Issued = issued;
            }
            if (Performer is not null)
            {
                o.Performer = [Performer];
            }
            if (RangeLow is not null || RangeHigh is not null)
            {
                o.ReferenceRange.Add(new Observation.ReferenceRangeComponent { Low = RangeLow, High = RangeHigh });
            }
            if (DerivedFrom is not null)
            {
                o.DerivedFrom = [DerivedFrom];
            }
            return o;
        }

        public void Write(System.Text.Json.Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("resourceType", TypeName);
            w.WriteString("id", Id);
            w.WriteString("status", "final");
            w.WriteStartArray("category");
            FhirJsonWrite.Concept(w, FhirSystems.ObservationCategory, Category);
            w.WriteEndArray();
            w.WritePropertyName("code");
            w.WriteStartObject();
            w.WriteStartArray("coding");
            FhirJsonWrite.Coding(w, Code);
            w.WriteEndArray();
            if (Code.Display is { } text)
            {
                w.WriteString("text", text);
            }
            w.WriteEndObject();
            w.WritePropertyName("subject");
            w.WriteStartObject();
            w.WriteString("reference", $"Patient/{PatientId}");
            w.WriteEndObject();
            w.WriteString("effectiveDateTime", Effective);
            if (Issued is { } issued)
            {
                w.WriteString("issued", FhirJsonWrite.Instant(issued));
            }
            if (Performer is not null)
            {
                w.WriteStartArray("performer");
                FhirJsonWrite.Reference(w, Performer);
                w.WriteEndArray();
            }
            FhirJsonWrite.Quantity(w, "valueQuantity", ValueQuantity);
            FhirJsonWrite.Concept(w, "valueCodeableConcept", ValueConcept);
            FhirJsonWrite.Concept(w, "bodySite", BodySite);
            FhirJsonWrite.Concept(w, "method", Method);
            if (RangeLow is not null || RangeHigh is not null)
            {
                w.WriteStartArray("referenceRange");
                w.WriteStartObject();
                FhirJsonWrite.Quantity(w, "low", RangeLow);
                FhirJsonWrite.Quantity(w, "high", RangeHigh);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            if (DerivedFrom is not null)
            {
                w.WriteStartArray("derivedFrom");
                FhirJsonWrite.Reference(w, DerivedFrom);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
    }

    /// <summary>UCUM for the units the lab panel records (EvaluationInputs.LabPanel); "IU/L" is "[IU]/L" in UCUM.</summary>
    public static string Ucum(string unit) => unit switch
    {
        "IU/L" => "[IU]/L",
        "mm/hr" => "mm/h",
        _ => unit,
    };

    public static Observation ToFhir(this LabResult l) => (Observation)l.ToData().ToPoco();

    public static ObservationData ToData(this LabResult l)
    {
        Quantity? Of(decimal? v) => v is { } value ? new Quantity { Value = value, Unit = l.Unit, System = FhirSystems.Ucum, Code = Ucum(l.Unit) } : null;
        return new ObservationData($"lab-{l.Id}", l.PatientId, "laboratory", new Coding(FhirSystems.Loinc, l.Loinc, l.Name), l.CollectedOn)
        {
            ValueQuantity = Of(l.Value),
            RangeLow = Of(l.ReferenceLow),
            RangeHigh = Of(l.ReferenceHigh),
            Issued = new DateTimeOffset(DateTime.SpecifyKind(l.RecordedAt, DateTimeKind.Utc)),
        };
    }

    public static Observation ToFhir(this ImagingGrade g, Data.ImagingStudy study, FhirSystems systems) => (Observation)g.ToData(study, systems).ToPoco();

    public static ObservationData ToData(this ImagingGrade g, Data.ImagingStudy study, FhirSystems systems)
    {
        var system = Kebab(g.System.ToString());
        return new ObservationData($"grade-{g.Id}", g.PatientId, "imaging", new Coding(systems.CodeSystem("grading-system"), system, Labels.Of(g.System)), g.ReadOn)
        {
            ValueConcept = new CodeableConcept(systems.CodeSystem(system), g.Value, $"{Labels.Of(g.System)} {g.Value}"),
            BodySite = EvaluationFhir.BodySite(study.Joint, study.Side, systems),
            Performer = new ResourceReference { Display = g.Reader },
            Method = new CodeableConcept { Text = $"{Labels.Of(study.Modality)}; definitions {g.DefinitionVersion}" },
        };
    }

    public static Observation ToPainFhir(this Data.Evaluation e, FhirSystems systems) => (Observation)e.ToPainData(systems).ToPoco();

    // LOINC 72514-3 Pain severity 0-10 verbal numeric rating [Score] - Reported (SPEC §8.3)
    public static ObservationData ToPainData(this Data.Evaluation e, FhirSystems systems) =>
        new($"pain-{e.Id}", e.PatientId, "exam", new Coding(FhirSystems.Loinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"), e.ExaminedOn)
        {
            ValueQuantity = new Quantity { Value = e.PainNrs, Unit = "score", System = FhirSystems.Ucum, Code = UcumScore },
            BodySite = EvaluationFhir.BodySite(e.Joint, e.Side, systems),
            Performer = e.ClinicianId is { } c ? new ResourceReference($"Practitioner/{c}") : null,
        };

    /// <summary>The code of a questionnaire score: LOINC where SPEC §8.3 names one, else {base}/CodeSystem/{instrument} with {instrument}-{subscale}.</summary>
    public static Coding ScoreCode(InstrumentId instrument, string subscale, FhirSystems systems) => (instrument, subscale) switch
    {
        (InstrumentId.NrsPain, _) => new(FhirSystems.Loinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
        (InstrumentId.VasPain, _) => new(FhirSystems.Loinc, "38214-3", "Pain severity [Score] Visual analog score"),
        (InstrumentId.PromisPhysicalFunction, _) => new(FhirSystems.Loinc, "91721-1", "PROMIS physical function v2.0 T-score"),
        // SPEC §8.3: FAOS codes faos-pain, faos-symptoms, faos-adl, faos-sport, faos-qol.
        (InstrumentId.Faos, Faos.SportRec) => new(systems.CodeSystem("faos"), "faos-sport", "FAOS Sport/Rec"),
        _ => new(systems.CodeSystem(Kebab(instrument.ToString())), subscale == SingleValueMeasures.Subscale
            ? Kebab(instrument.ToString()) : $"{Kebab(instrument.ToString())}-{Kebab(subscale)}", $"{Labels.Of(instrument)} {subscale}"),
    };

    /// <summary>
    /// A stored score row (one scored subscale of a submitted questionnaire, unrounded) as an Observation: category survey,
    /// derived from the QuestionnaireResponse, body site with laterality when the answer is for a joint.
    /// </summary>
    public static Observation ToFhir(this FollowUp.ScoreRow r, FhirSystems systems) => (Observation)r.ToData(systems).ToPoco();

    public static ObservationData ToData(this FollowUp.ScoreRow r, FhirSystems systems) =>
        new($"score-{r.Id}", r.PatientId, "survey", ScoreCode(r.Instrument, r.Subscale, systems), r.CompletedOn)
        {
            ValueQuantity = new Quantity { Value = (decimal)r.Score, Unit = UcumScore, System = FhirSystems.Ucum, Code = UcumScore },
            DerivedFrom = new ResourceReference($"QuestionnaireResponse/{r.ResponseId}"),
            Issued = new DateTimeOffset(DateTime.SpecifyKind(r.SubmittedAt, DateTimeKind.Utc)),
            BodySite = r.Joint is { } joint && r.Side is { } side ? EvaluationFhir.BodySite(joint, side, systems) : null,
        };

    /// <summary>The (instrument, subscale) score codes some token matches, as one condition on the score rows.</summary>
    private static System.Linq.Expressions.Expression<Func<FollowUp.ScoreRow, bool>> ScoreCodes(IReadOnlyList<TokenParam> codes, FhirSystems systems)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(FollowUp.ScoreRow));
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(false);
        foreach (var d in Intake.QuestionnaireFhir.Definitions)
        {
            foreach (var subscale in d.Subscales.Where(s => codes.Any(c => ScoreCode(d.Id, s.Key, systems) is var code && c.Is(code.System, code.Code))))
            {
                body = System.Linq.Expressions.Expression.OrElse(body, System.Linq.Expressions.Expression.AndAlso(
                    System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(row, nameof(FollowUp.ScoreRow.Instrument)), System.Linq.Expressions.Expression.Constant(d.Id)),
                    System.Linq.Expressions.Expression.Equal(System.Linq.Expressions.Expression.Property(row, nameof(FollowUp.ScoreRow.Subscale)), System.Linq.Expressions.Expression.Constant(subscale.Key))));
            }
        }
        return System.Linq.Expressions.Expression.Lambda<Func<FollowUp.ScoreRow, bool>>(body, row);
    }

    public static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static async Task<FhirFound?> ReadAsync(FhirRequest request, string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || id.Length < dash + 37 || !Guid.TryParse(id.AsSpan(dash + 1, 36), out var g))
        {
            return null;
        }
        var db = request.Db;
        Observation? found = id[..dash] switch
        {
            "lab" => (await request.Visible(db.LabResults.AsNoTracking()).FirstOrDefaultAsync(l => l.Id == g, request.Ct))?.ToFhir(),
            "grade" => await request.Visible(db.ImagingGrades.AsNoTracking()).Where(x => x.Id == g)
                .Join(db.ImagingStudies, x => x.ImagingStudyId, s => s.Id, (x, s) => new { x, s }).FirstOrDefaultAsync(request.Ct) is { } gs
                ? gs.x.ToFhir(gs.s, request.Systems) : null,
            "pain" => (await request.Visible(db.Evaluations.AsNoTracking()).FirstOrDefaultAsync(e => e.Id == g && e.PainNrs != null, request.Ct))?.ToPainFhir(request.Systems),
            "score" => (await request.Visible(db.ScoreRows.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == g, request.Ct))?.ToFhir(request.Systems),
            _ => null,
        };
        return found is null ? null : new FhirFound(found, Guid.Parse(found.Subject!.Reference!["Patient/".Length..]));
    }

    // The record kinds in merge order: among rows of the same date, labs come first, then grades, pains, scores.
    private const int Labs = 0, Grades = 1, Pains = 2, Scores = 3;

    // The columns each source's Observation shows, in the slots of Row (an evaluation row also carries the examination
    // and its notes: only the pain rating's columns are read).
    private static readonly Expression<Func<LabResult, Row>> LabRow = l => new Row
    {
        Kind = Labs, Id = l.Id, PatientId = l.PatientId, Date = l.CollectedOn, Code = l.Loinc, Name = l.Name, Unit = l.Unit,
        Value = l.Value, Low = l.ReferenceLow, High = l.ReferenceHigh, Score = null, Number = null, Clinician = null,
        System = null, Modality = null, Instrument = null,
        Joint = null, Side = null, Source = null, At = l.RecordedAt,
    };

    private static readonly Expression<Func<ImagingGrade, Data.ImagingStudy, Row>> GradeRow = (x, s) => new Row
    {
        Kind = Grades, Id = x.Id, PatientId = x.PatientId, Date = x.ReadOn, Code = x.Value, Name = x.Reader, Unit = x.DefinitionVersion,
        Value = null, Low = null, High = null, Score = null, Number = null, Clinician = null,
        System = x.System, Modality = s.Modality, Instrument = null,
        Joint = s.Joint, Side = s.Side, Source = null, At = null,
    };

    private static readonly Expression<Func<Data.Evaluation, Row>> PainRow = e => new Row
    {
        Kind = Pains, Id = e.Id, PatientId = e.PatientId, Date = e.ExaminedOn, Code = null, Name = null, Unit = null,
        Value = null, Low = null, High = null, Score = null, Number = e.PainNrs, Clinician = e.ClinicianId,
        System = null, Modality = null, Instrument = null,
        Joint = e.Joint, Side = e.Side, Source = null, At = null,
    };

    private static readonly Expression<Func<FollowUp.ScoreRow, Row>> ScoreRowOf = r => new Row
    {
        Kind = Scores, Id = r.Id, PatientId = r.PatientId, Date = r.CompletedOn, Code = r.Subscale, Name = null, Unit = null,
        Value = null, Low = null, High = null, Score = r.Score, Number = null, Clinician = null,
        System = null, Modality = null, Instrument = r.Instrument,
        Joint = r.Joint, Side = r.Side, Source = r.ResponseId, At = r.SubmittedAt,
    };

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var categories = query.Tokens("category")?.Where(t => t.System is null || t.System == FhirSystems.ObservationCategory).Select(t => t.Code).ToHashSet();
        var codes = query.Tokens("code");
        var ids = query.Ids?.ToHashSet();
        if (query.Tokens("status") is { } statuses && !statuses.Any(s => s.Code == "final"))
        {
            return new FhirPage([], null);
        }
        var take = query.Count + 1;
        var ascending = query.DateAscending != false;
        // The cursor: the last entry's date, id and record kind (the total order is date, kind, id).
        (DateOnly Date, Guid Id, int Kind)? after = query.After is { } c ? (c.Value<DateOnly>(0), c.Value<Guid>(1), c.Value<int>(2)) : null;
        var db = request.Db;
        if (categories is null && codes is null && ids is null && after is null && query.Dates("date").Count == 0 && request.NamedVisiblePatient(query) is { } patient)
        {
            return Found(await OnePatient.FirstPageAsync(db, patient, take, ascending, request.Ct));
        }
        bool Wanted(string category) => categories is null || categories.Contains(category);
        // Each source cut after the cursor in the total order, projected to the columns of its Observation.
        var arms = new List<IQueryable<Row>>(4);

        if (Wanted("laboratory"))
        {
            var labs = request.Visible(db.LabResults.AsNoTracking(), query);
            labs = query.WhereDates(labs, "date", l => l.CollectedOn);
            if (codes is not null)
            {
                var loinc = codes.Where(c => c.System is null || c.System == FhirSystems.Loinc).Select(c => c.Code).ToList();
                labs = labs.Where(l => loinc.Contains(l.Loinc));
            }
            if (ids is not null)
            {
                var g = IdsOf(ids, "lab");
                labs = labs.Where(l => g.Contains(l.Id));
            }
            arms.Add(After(labs, l => l.CollectedOn, l => l.Id, Labs, after, ascending).Select(LabRow));
        }
        if (Wanted("imaging"))
        {
            var grades = request.Visible(db.ImagingGrades.AsNoTracking(), query);
            grades = query.WhereDates(grades, "date", x => x.ReadOn);
            if (codes is not null)
            {
                var systemsWanted = Enum.GetValues<Clinical.GradingSystem>()
                    .Where(s => codes.Any(c => c.Is(request.Systems.CodeSystem("grading-system"), Kebab(s.ToString())))).ToList();
                grades = grades.Where(x => systemsWanted.Contains(x.System));
            }
            if (ids is not null)
            {
                var g = IdsOf(ids, "grade");
                grades = grades.Where(x => g.Contains(x.Id));
            }
            arms.Add(After(grades, x => x.ReadOn, x => x.Id, Grades, after, ascending).Join(db.ImagingStudies, x => x.ImagingStudyId, s => s.Id, GradeRow));
        }
        if (Wanted("exam") && (codes is null || codes.Any(c => c.Is(FhirSystems.Loinc, "72514-3"))))
        {
            var pains = request.Visible(db.Evaluations.AsNoTracking(), query).Where(e => e.PainNrs != null);
            pains = query.WhereDates(pains, "date", e => e.ExaminedOn);
            if (ids is not null)
            {
                var g = IdsOf(ids, "pain");
                pains = pains.Where(e => g.Contains(e.Id));
            }
            arms.Add(After(pains, e => e.ExaminedOn, e => e.Id, Pains, after, ascending).Select(PainRow));
        }
        if (Wanted("survey"))
        {
            var scores = request.Visible(db.ScoreRows.AsNoTracking(), query);
            scores = query.WhereDates(scores, "date", r => r.CompletedOn);
            if (codes is not null)
            {
                scores = scores.Where(ScoreCodes(codes, request.Systems));
            }
            if (ids is not null)
            {
                var g = IdsOf(ids, "score");
                scores = scores.Where(r => g.Contains(r.Id));
            }
            arms.Add(After(scores, r => r.CompletedOn, r => r.Id, Scores, after, ascending).Select(ScoreRowOf));
        }
        if (arms.Count == 0)
        {
            return new FhirPage([], null);
        }
        return Found(db.IsSqlite() ? await PageByArmsAsync(arms, take, ascending, request.Ct) : await PageOfUnionAsync(arms, take, ascending, request.Ct));

        FhirPage Found(List<Row> page) =>
            FhirPage.From(page, query, r => FhirCursor.Encode(FhirCursor.Text(r.Date), FhirCursor.Text(r.Id), FhirCursor.Text(r.Kind)), r => r.Found(request.Systems));
    }

    /// <summary>
    /// The first page of one patient's Observations of every kind with no other condition, what an app asks when it opens
    /// a patient: the same sources, order and page as above, compiled once. Building and looking up the four sources'
    /// query trees in EF's cache was a third of this search's time (decision 0017, fifth addendum). On SQLite one
    /// compiled query per source, merged; on PostgreSQL their UNION ALL.
    /// </summary>
    private static class OnePatient
    {
        private static readonly Expression<Func<ClinicDb, Guid, IQueryable<Row>>>[] Sources =
        [
            (db, p) => db.LabResults.Where(l => l.PatientId == p).Select(LabRow),
            (db, p) => db.ImagingGrades.Where(x => x.PatientId == p).Join(db.ImagingStudies, x => x.ImagingStudyId, s => s.Id, GradeRow),
            (db, p) => db.Evaluations.Where(e => e.PatientId == p && e.PainNrs != null).Select(PainRow),
            (db, p) => db.ScoreRows.Where(r => r.PatientId == p).Select(ScoreRowOf),
        ];

        // [ascending ? 0 : 1][source]; the union: [ascending ? 0 : 1].
        private static readonly Func<ClinicDb, Guid, int, IAsyncEnumerable<Row>>[][] EachSource =
            [[.. Sources.Select(s => Compile([s], true))], [.. Sources.Select(s => Compile([s], false))]];

        private static readonly Func<ClinicDb, Guid, int, IAsyncEnumerable<Row>>[] Union = [Compile(Sources, true), Compile(Sources, false)];

        public static async Task<List<Row>> FirstPageAsync(ClinicDb db, Guid patient, int take, bool ascending, CancellationToken ct)
        {
            var order = ascending ? 0 : 1;
            if (!db.IsSqlite())
            {
                return await Union[order](db, patient, take).ToListAsync(ct);
            }
            var pages = new List<List<Row>>(Sources.Length);
            foreach (var source in EachSource[order])
            {
                pages.Add(await source(db, patient, take).ToListAsync(ct));
            }
            return Merge(pages, take, ascending);
        }

        /// <summary>(db, patient, take) => the sources' UNION ALL in the search's order, cut to take rows.</summary>
        private static Func<ClinicDb, Guid, int, IAsyncEnumerable<Row>> Compile(IEnumerable<Expression<Func<ClinicDb, Guid, IQueryable<Row>>>> sources, bool ascending)
        {
            var db = Expression.Parameter(typeof(ClinicDb), "db");
            var patient = Expression.Parameter(typeof(Guid), "patient");
            var take = Expression.Parameter(typeof(int), "take");
            var rows = sources
                .Select(s => ReplacingExpressionVisitor.Replace(s.Parameters[1], patient, ReplacingExpressionVisitor.Replace(s.Parameters[0], db, s.Body)))
                .Aggregate((a, b) => Expression.Call(typeof(Queryable), nameof(Queryable.Concat), [typeof(Row)], a, b));
            var ordered = InOrder(new EnumerableQuery<Row>(rows), ascending).Expression;
            var page = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(Row)], ordered, take);
            return EF.CompileAsyncQuery(Expression.Lambda<Func<ClinicDb, Guid, int, IQueryable<Row>>>(page, db, patient, take));
        }
    }

    private static IQueryable<Row> InOrder(IQueryable<Row> rows, bool ascending) => ascending
        ? rows.OrderBy(r => r.Date).ThenBy(r => r.Kind).ThenBy(r => r.Id)
        : rows.OrderByDescending(r => r.Date).ThenBy(r => r.Kind).ThenByDescending(r => r.Id);

    /// <summary>
    /// PostgreSQL: the sources as one UNION ALL, ordered and cut by the database (one round trip whatever the kinds
    /// asked). An arm cut to a page itself would be a subquery, and PostgreSQL types a subquery's bare NULL as text,
    /// which then matches no other arm's column.
    /// </summary>
    private static Task<List<Row>> PageOfUnionAsync(List<IQueryable<Row>> arms, int take, bool ascending, CancellationToken ct) =>
        InOrder(arms.Aggregate((a, b) => a.Concat(b)), ascending).Take(take).ToListAsync(ct);

    /// <summary>
    /// SQLite (in process, no round trip to save): each source read in its index order and cut to a page on its own,
    /// then merged — sorting the union cost more than the three extra statements (decision 0017, fourth addendum). Rows of
    /// one date and kind come from one source, already in id order, so a stable sort on date and kind is the total order.
    /// </summary>
    private static async Task<List<Row>> PageByArmsAsync(List<IQueryable<Row>> arms, int take, bool ascending, CancellationToken ct)
    {
        var pages = new List<List<Row>>(arms.Count);
        foreach (var arm in arms)
        {
            pages.Add(await InOrder(arm, ascending).Take(take).ToListAsync(ct));
        }
        return Merge(pages, take, ascending);
    }

    /// <summary>Pages of single sources, each in the total order, as one page of it.</summary>
    private static List<Row> Merge(List<List<Row>> pages, int take, bool ascending)
    {
        var all = pages.SelectMany(p => p);
        var ordered = ascending ? all.OrderBy(r => r.Date).ThenBy(r => r.Kind) : all.OrderByDescending(r => r.Date).ThenBy(r => r.Kind);
        return [.. ordered.Take(take)];
    }

    /// <summary>One source after the cursor in the total order: a kind before the cursor's starts after its date, its own kind after its date and id, a later kind at its date.</summary>
    private static IQueryable<T> After<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, DateOnly>> date,
        System.Linq.Expressions.Expression<Func<T, Guid>> id, int kind, (DateOnly Date, Guid Id, int Kind)? after, bool ascending) =>
        after is { } a
            ? rows.Where(kind < a.Kind ? Keyset.After(date, a.Date, ascending)
                : kind == a.Kind ? Keyset.After(date, a.Date, id, a.Id, ascending)
                : Keyset.From(date, a.Date, ascending))
            : rows;

    private static List<Guid> IdsOf(HashSet<string> ids, string prefix) =>
        [.. ids.Where(i => i.StartsWith(prefix + "-", StringComparison.Ordinal) && i.Length >= prefix.Length + 37)
            .Select(i => Guid.TryParse(i.AsSpan(prefix.Length + 1, 36), out var g) ? g : Guid.Empty)];
}
