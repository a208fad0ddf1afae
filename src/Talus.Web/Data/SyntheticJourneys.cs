using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Outcomes;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Procedure;
using Talus.Web.Features.Scheduling;

namespace Talus.Web.Data;

/// <summary>
/// Synthetic patients with whole journeys, for benchmarks at scale (<c>--seed-patients N</c>): about 60% are treated —
/// a graded evaluation (KL radiograph), a candidacy assessment with its band, a plan, one procedure with product, lot,
/// location and operator, the SPEC §4.2 follow-up schedule, a baseline and the answered visits' questionnaires with
/// score rows whose chance of reaching the pain MCID follows the SPEC §5.3 prior means of their product, band and time
/// point. Some visits are missed, some patients drop out (most with a reason staff recorded), some get a repeat
/// injection or surgery, a few an adverse event. Their past appointments go with them: the consultation (and its
/// radiograph) on the evaluation day, the procedure as an episode with its answered follow-ups, no-shows for some missed
/// visits, and a consultation for most untreated patients. Only days before today are written, so today's lists and the
/// reminders start from the demo schedule; past appointments hold no slot reservations (nothing can be booked in the
/// past) and are not fitted around each other, since the synthetic network sees more patients than the demo's clinicians
/// could. Written in batches with <see cref="BulkInsert"/> (no change tracking). Everything is invented; names come from
/// the demo lists.
/// </summary>
public static class SyntheticJourneys
{
    private const int Batch = 2000;

    private sealed class Rows
    {
        public List<Patient> Patients { get; } = [];
        public List<Evaluation> Evaluations { get; } = [];
        public List<ImagingStudy> Studies { get; } = [];
        public List<ImagingGrade> Grades { get; } = [];
        public List<CandidacyAssessment> Candidacy { get; } = [];
        public List<TreatmentPlan> Plans { get; } = [];
        public List<ProcedureRecord> Procedures { get; } = [];
        public List<AdverseEvent> AdverseEvents { get; } = [];
        public List<FollowUpVisit> Visits { get; } = [];
        public List<QuestionnaireResponse> Responses { get; } = [];
        public List<ScoreRow> Scores { get; } = [];
        public List<SurgeryRecord> Surgeries { get; } = [];
        public List<Episode> Episodes { get; } = [];
        public List<Appointment> Appointments { get; } = [];
    }

    /// <summary>What a past appointment needs: the types by code, a location's rooms by kind and its time zone.</summary>
    private sealed record Clinic(Dictionary<string, AppointmentType> Types, Dictionary<(int Location, RoomKind Kind), int[]> Rooms, Dictionary<int, NodaTime.DateTimeZone> Zones)
    {
        /// <summary>A finished appointment on a past day, between 8:00 and 17:00 at the location; none on or after today.</summary>
        public void Book(Rows rows, Random random, DateOnly today, Guid patientId, string code, int location, int? provider, DateOnly on, AppointmentStatus status,
            Episode? episode = null, string? step = null, FollowUpVisit? visit = null)
        {
            if (on >= today)
            {
                return;
            }
            var type = Types[code];
            var minute = (8 * 60) + (15 * random.Next(0, ((9 * 60) - type.ReservedMinutes) / 15 + 1));
            var start = Availability.ToUtc(Zones[location], on, minute) ?? on.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
            int? room = type.RoomKind is { } kind && Rooms.TryGetValue((location, kind), out var ids) ? ids[random.Next(ids.Length)] : null;
            rows.Appointments.Add(new Appointment
            {
                PatientId = patientId, TypeId = type.Id, LocationId = location, ProviderId = type.NeedsProvider ? provider : null, RoomId = room,
                Start = start, End = start.AddMinutes(type.ReservedMinutes), Status = status, Confirmed = status != AppointmentStatus.NoShow,
                EpisodeId = episode?.Id, EpisodeStep = step, WindowStart = visit?.WindowStart, WindowEnd = visit?.WindowEnd,
                CancelReason = status == AppointmentStatus.Cancelled ? "Patient called to cancel" : null,
                CreatedAt = start.AddDays(-random.Next(3, 30)), CheckedInAt = status == AppointmentStatus.Completed ? start.AddMinutes(-random.Next(2, 15)) : null,
            });
        }
    }

    /// <summary>JSON of records the demo practice made through its use cases, reused so synthetic rows read like real ones.</summary>
    private sealed record Templates(string CandidacyInput, string CandidacyResult, string Classification, string AfterCare);

    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, int count, Random random, CancellationToken ct)
    {
        var today = Shared.PracticeClock.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToArrayAsync(ct);
        var clinicians = await db.Staff.AsNoTracking().Where(s => s.Role == Roles.Clinician).OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync(ct);
        if (locations.Length == 0 || clinicians.Length == 0)
        {
            throw new InvalidOperationException("Synthetic journeys need the demo practice's locations and clinicians.");
        }
        var candidacy = await db.CandidacyAssessments.AsNoTracking().OrderBy(a => a.At).Select(a => new { a.InputJson, a.ResultJson }).FirstOrDefaultAsync(ct);
        var procedure = await db.Procedures.AsNoTracking().OrderBy(p => p.RecordedAt).Select(p => new { p.ClassificationJson, p.AfterCareJson }).FirstOrDefaultAsync(ct);
        var templates = new Templates(candidacy?.InputJson ?? "{}", candidacy?.ResultJson ?? "{}", procedure?.ClassificationJson ?? "[]", procedure?.AfterCareJson ?? "[]");
        var types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        var rooms = (await db.Set<Room>().AsNoTracking().Where(r => r.IsActive).Select(r => new { r.LocationId, r.Kind, r.Id }).ToListAsync(ct))
            .GroupBy(r => (r.LocationId, r.Kind)).ToDictionary(g => g.Key, g => g.Select(r => r.Id).Order().ToArray());
        var zones = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, l => NodaTime.DateTimeZoneProviders.Tzdb[l.TimeZone], ct);
        var clinic = new Clinic(types, rooms, zones);
        var mrnBase = 5_000_000 + await db.Patients.CountAsync(ct);
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var started = Stopwatch.GetTimestamp();
        var lap = started;
        try
        {
            for (var start = 0; start < count; start += Batch)
            {
                var rows = new Rows();
                for (var i = start; i < Math.Min(count, start + Batch); i++)
                {
                    Journey(rows, mrnBase + i, locations, clinicians, templates, clinic, today, now, random);
                }
                await BulkInsert.WriteAsync(db, rows.Patients, ct);
                await BulkInsert.WriteAsync(db, rows.Evaluations, ct);
                await BulkInsert.WriteAsync(db, rows.Studies, ct);
                await BulkInsert.WriteAsync(db, rows.Grades, ct);
                await BulkInsert.WriteAsync(db, rows.Candidacy, ct);
                await BulkInsert.WriteAsync(db, rows.Plans, ct);
                await BulkInsert.WriteAsync(db, rows.Procedures, ct);
                await BulkInsert.WriteAsync(db, rows.AdverseEvents, ct);
                await BulkInsert.WriteAsync(db, rows.Visits, ct);
                await BulkInsert.WriteAsync(db, rows.Responses, ct);
                await BulkInsert.WriteAsync(db, rows.Scores, ct);
                await BulkInsert.WriteAsync(db, rows.Surgeries, ct);
                await BulkInsert.WriteAsync(db, rows.Episodes, ct);
                await BulkInsert.WriteAsync(db, rows.Appointments, ct);
                await BulkInsert.WriteAsync(db, await Features.Outcomes.OutcomeRows.ComputeAsync(db, [.. rows.Patients.Select(p => p.Id)], ct), ct);
                await BulkInsert.WriteAsync(db, await Features.Outcomes.JointSurvivals.ComputeAsync(db, [.. rows.Patients.Select(p => p.Id)], ct), ct);
                var done = Math.Min(count, start + Batch);
                if (done % 10_000 == 0 || done == count)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seeded {done:N0} / {count:N0} patients ({Stopwatch.GetElapsedTime(started).TotalSeconds:0} s, {Stopwatch.GetElapsedTime(lap).TotalSeconds:0.0} s for the last batch of up to 10,000)"));
                    lap = Stopwatch.GetTimestamp();
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previous;
        }
        // Statistics for the planner after a bulk load; on PostgreSQL also the visibility map, without which the
        // registry's covering indexes are not read alone (index-only scans) until autovacuum gets to the new tables.
        await db.Database.ExecuteSqlRawAsync(db.IsSqlite() ? "ANALYZE" : "VACUUM ANALYZE", ct);
    }

    private static readonly Joint[] Joints = [Joint.Ankle, Joint.Ankle, Joint.Ankle, Joint.Subtalar, Joint.FirstMtp, Joint.Talonavicular];

    private static readonly (InjectionProduct Product, TissueSource Source, double Weight)[] Products =
    [
        (InjectionProduct.BoneMarrowAspirateConcentrate, TissueSource.Autologous, 0.40),
        (InjectionProduct.PlateletRichPlasma, TissueSource.Autologous, 0.30),
        (InjectionProduct.MicrofragmentedAdipose, TissueSource.Autologous, 0.15),
        (InjectionProduct.Corticosteroid, TissueSource.Autologous, 0.10),
        (InjectionProduct.HyaluronicAcid, TissueSource.Autologous, 0.05),
    ];

    private static readonly PriorMean[] Priors = new ExpectedOutcomeSettings().Priors;

    private static readonly Dictionary<ProgramVisit, FollowUpStep> StepOf = new FollowUpSettings().Visits.ToDictionary(v => v.Visit, EpisodeProtocol.StepOf);

    private static void Journey(Rows rows, int mrn, int[] locations, int[] clinicians, Templates templates, Clinic clinic, DateOnly today, DateTime now, Random random)
    {
        var female = random.Next(2) == 0;
        var given = female ? DemoData.GivenFemale[random.Next(DemoData.GivenFemale.Length)] : DemoData.GivenMale[random.Next(DemoData.GivenMale.Length)];
        var family = DemoData.Family[random.Next(DemoData.Family.Length)];
        var location = locations[random.Next(locations.Length)];
        var patient = new Patient
        {
            Mrn = "S" + mrn.ToString(CultureInfo.InvariantCulture), GivenName = given, FamilyName = family,
            BirthDate = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 55)), Sex = female ? Sex.Female : Sex.Male,
            Phone = $"(555) 555-{random.Next(0, 10000):0000}",
            Email = $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}{random.Next(100, 999)}@example.com",
            City = "Irvine", State = "CA", PostalCode = "92618", PreferredLanguage = random.NextDouble() < 0.35 ? "es" : "en",
            PreferredLocationId = location, CreatedAt = now.AddDays(-random.Next(30, 1000)),
        };
        patient.NormalizeKeys();
        rows.Patients.Add(patient);
        if (random.NextDouble() >= 0.6)
        {
            // Most untreated patients came for a consultation; a few did not come.
            if (random.NextDouble() < 0.75)
            {
                var status = random.NextDouble() switch { < 0.06 => AppointmentStatus.NoShow, < 0.10 => AppointmentStatus.Cancelled, _ => AppointmentStatus.Completed };
                clinic.Book(rows, random, today, patient.Id, AppointmentTypeCodes.Consultation, location, clinicians[random.Next(clinicians.Length)],
                    DateOnly.FromDateTime(patient.CreatedAt).AddDays(random.Next(3, 30)), status);
            }
            return;
        }

        // Evaluation and radiograph grade (KL, SPEC §1.1) a few weeks before the procedure; band per SPEC §1.6.
        var performed = today.AddDays(-random.Next(0, 800));
        var evaluated = performed.AddDays(-random.Next(14, 60));
        var joint = Joints[random.Next(Joints.Length)];
        var side = random.Next(2) == 0 ? Side.Left : Side.Right;
        var clinician = clinicians[random.Next(clinicians.Length)];
        var kl = random.NextDouble() switch { < 0.40 => 2, < 0.80 => 3, < 0.92 => 4, _ => 1 };
        var band = kl <= 2 ? CandidacyBand.Favorable : kl == 3 ? CandidacyBand.Guarded : CandidacyBand.Unfavorable;
        var baselineNrs = random.Next(4, 10);
        var at = evaluated.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc);
        clinic.Book(rows, random, today, patient.Id, AppointmentTypeCodes.Imaging, location, null, evaluated, AppointmentStatus.Completed);
        clinic.Book(rows, random, today, patient.Id, AppointmentTypeCodes.Consultation, location, clinician, evaluated, AppointmentStatus.Completed);
        rows.Evaluations.Add(new Evaluation
        {
            PatientId = patient.Id, ExaminedOn = evaluated, ClinicianId = clinician, Joint = joint, Side = side, PainNrs = baselineNrs,
            MalalignmentDegrees = random.Next(0, 8), Instability = false, MechanicalSymptoms = false, InfectionAtSite = false,
            CanGiveInformedConsent = true, RecordedAt = at, RecordedBy = "Synthetic",
        });
        var study = new ImagingStudy { PatientId = patient.Id, Modality = ImagingModality.WeightBearingRadiograph, PerformedOn = evaluated, Joint = joint, Side = side, RecordedAt = at };
        rows.Studies.Add(study);
        rows.Grades.Add(new ImagingGrade
        {
            PatientId = patient.Id, ImagingStudyId = study.Id, System = GradingSystem.KellgrenLawrence, Value = kl.ToString(CultureInfo.InvariantCulture),
            Reader = "Synthetic reader", ReadOn = evaluated, DefinitionVersion = Features.Evaluation.ImagingInput.DefaultDefinition(GradingSystem.KellgrenLawrence),
        });
        var roll = random.NextDouble();
        var (product, source, _) = Products.First(p => (roll -= p.Weight) < 0 || p == Products[^1]);
        var assessment = new CandidacyAssessment
        {
            PatientId = patient.Id, Joint = joint, Side = side, Product = product, AssessedOn = evaluated, RulesVersion = "synthetic",
            InputJson = templates.CandidacyInput, ResultJson = templates.CandidacyResult, Verdict = CandidacyVerdict.Candidate, Band = band,
            AssessedBy = "Synthetic", At = at,
        };
        rows.Candidacy.Add(assessment);
        var plan = new TreatmentPlan
        {
            PatientId = patient.Id, Joint = joint, Side = side, Version = 1, Product = product, Source = source, PlannedInjections = 1,
            Rationale = "Synthetic plan for benchmarks.", CandidacyAssessmentId = assessment.Id, CandidacyVerdict = assessment.Verdict, CreatedAt = at, CreatedBy = "Synthetic",
        };
        rows.Plans.Add(plan);
        var lot = product is InjectionProduct.Corticosteroid or InjectionProduct.HyaluronicAcid or InjectionProduct.PlateletRichPlasma
            ? $"L{(int)product}-{random.Next(1, 30):00}" : null;
        var index = new ProcedureRecord
        {
            PatientId = patient.Id, PlanId = plan.Id, PlanVersion = 1, ConsentPacketId = Guid.CreateVersion7(), PerformedOn = performed, LocationId = location,
            OperatorId = clinician, Joint = joint, Side = side, Product = product, Source = source, InjectateVolumeMl = 3, ExternalLot = lot,
            Flag = RegulatoryFlag.Green, ClassificationJson = templates.Classification, AfterCareJson = templates.AfterCare,
            RecordedAt = performed.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc), RecordedBy = "Synthetic",
        };
        rows.Procedures.Add(index);
        var episode = new Episode { PatientId = patient.Id, IndexDate = performed, CreatedAt = at };
        rows.Episodes.Add(episode);
        clinic.Book(rows, random, today, patient.Id, AppointmentTypeCodes.Procedure, location, clinician, performed, AppointmentStatus.Completed, episode, "procedure");
        if (random.NextDouble() < 0.04)
        {
            var severe = random.NextDouble() < 0.05;
            rows.AdverseEvents.Add(new AdverseEvent
            {
                PatientId = patient.Id, ProcedureId = index.Id, Type = severe ? AdverseEventType.Infection : AdverseEventType.PostInjectionFlare,
                Severity = severe ? Severity.Severe : random.Next(2) == 0 ? Severity.Mild : Severity.Moderate, OnsetOn = performed.AddDays(1),
                Outcome = AdverseOutcome.Resolved, RelatedToProcedure = Relatedness.Related, RecordedAt = index.RecordedAt.AddDays(2), RecordedBy = "Synthetic",
            });
        }

        // Baseline: the full PROM set (SPEC §4.2) on the evaluation day.
        var level = random.NextDouble();
        var start = new Scores(baselineNrs, 35 + (random.NextDouble() * 20), 40 + (random.NextDouble() * 20), 45 + (random.NextDouble() * 20),
            20 + (random.NextDouble() * 20), 20 + (random.NextDouble() * 20), 45 + (random.NextDouble() * 20), 34 + (random.NextDouble() * 8), 55 + (random.NextDouble() * 20));
        Answer(rows, patient.Id, joint, side, null, null, evaluated, FollowUpSettings.FullPromSet, start);

        var priorClass = RegistryCache.ClassOf(product);
        var priorBand = band switch { CandidacyBand.Favorable => PriorBand.Favorable, CandidacyBand.Guarded => PriorBand.Guarded, _ => PriorBand.Unfavorable };
        double Mean(TimePoint tp) => (double)(Priors.FirstOrDefault(p => p.Product == priorClass && p.Band == priorBand && p.TimePoint == tp)
            ?? Priors.First(p => p.Product == ProductClass.Saline && p.TimePoint == tp)).Mean;
        var dropOut = random.NextDouble() < 0.15 ? (ProgramVisit?)(ProgramVisit)random.Next((int)ProgramVisit.V2, (int)ProgramVisit.V6 + 1) : null;
        var visits = FollowUpSchedule.For(performed, new FollowUpSettings()).Select(v => new FollowUpVisit
        {
            PatientId = patient.Id, ProcedureId = index.Id, LocationId = location, Joint = joint, Side = side, Visit = v.Visit, IndexDate = performed,
            TargetDate = v.TargetDate, WindowStart = v.WindowStart, WindowEnd = v.WindowEnd, Questionnaires = string.Join(',', v.Instruments),
            ImagingDue = v.Tasks.Any(t => t is VisitTask.WeightBearingRadiographs or VisitTask.OptionalMri),
            Status = ScheduleVisits.StatusOn(v.WindowStart, v.WindowEnd, today) ?? FollowUpStatus.Open,
            InvitedAt = today >= v.WindowStart ? v.WindowStart.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc) : null,
        }).ToList();
        foreach (var v in visits)
        {
            if (v.WindowStart > today || (dropOut is { } d && v.Visit >= d) || random.NextDouble() < 0.10 || (v.WindowEnd >= today && random.NextDouble() < 0.5))
            {
                continue;
            }
            var on = v.TargetDate.AddDays(random.Next(-3, 4));
            if (on > today)
            {
                continue;
            }
            // The chance of a response at this visit follows the §5.3 prior mean of its time point (V2 a little below 3 months).
            var m = v.Visit switch
            {
                ProgramVisit.SafetyCall or ProgramVisit.V1 => 0.2,
                ProgramVisit.V2 => 0.9 * Mean(TimePoint.Month3),
                ProgramVisit.V3 => Mean(TimePoint.Month3),
                ProgramVisit.V4 => Mean(TimePoint.Month6),
                ProgramVisit.V5 => Mean(TimePoint.Month12),
                _ => 0.9 * Mean(TimePoint.Month12),
            };
            var share = level < m ? 0.45 + (random.NextDouble() * 0.35) : -0.1 + (random.NextDouble() * 0.3);
            Answer(rows, patient.Id, joint, side, v, index.Id, on, v.Instruments(), start.Toward(share));
            (v.Status, v.CompletedAt) = (FollowUpStatus.Completed, on.ToDateTime(new TimeOnly(19, 0), DateTimeKind.Utc));
        }
        var lostAt = now;
        if (dropOut is { } from && random.NextDouble() < 0.7 && visits.Single(v => v.Visit == from).WindowEnd < today)
        {
            var reason = random.Next(3) switch { 0 => LostReason.Unreachable, 1 => LostReason.Moved, _ => LostReason.Declined };
            foreach (var v in visits.Where(v => v.Visit >= from && v.Status != FollowUpStatus.Completed))
            {
                (v.Status, v.LostReason, v.LostAt, v.LostRecordedBy) = (FollowUpStatus.LostToFollowUp, reason, lostAt, "Synthetic");
            }
        }
        FollowUpEscalation.CloseWindows(visits, lostAt, today);
        rows.Visits.AddRange(visits);
        // The episode's follow-up appointments: attended on the day answered, and half the past missed ones a no-show.
        foreach (var v in visits)
        {
            var step = StepOf[v.Visit];
            if (v.CompletedAt is { } done)
            {
                clinic.Book(rows, random, today, patient.Id, step.TypeCode, location, clinician, DateOnly.FromDateTime(done), AppointmentStatus.Completed, episode, step.Code, v);
            }
            else if (v.Status is FollowUpStatus.Missed or FollowUpStatus.LostToFollowUp && random.NextDouble() < 0.5)
            {
                clinic.Book(rows, random, today, patient.Id, step.TypeCode, location, clinician, v.TargetDate, AppointmentStatus.NoShow, episode, step.Code, v);
            }
        }

        var days = today.DayNumber - performed.DayNumber;
        if (days >= 150 && random.NextDouble() < 0.12)
        {
            // A repeat injection of the same product after the SPEC §4.6 minimum interval (90 days).
            var repeat = OutcomesDemoData.Repeat(index, performed.AddDays(random.Next(100, Math.Min(days, 400))));
            rows.Procedures.Add(repeat);
            clinic.Book(rows, random, today, patient.Id, AppointmentTypeCodes.Procedure, location, clinician, repeat.PerformedOn, AppointmentStatus.Completed);
        }
        if (days >= 150 && random.NextDouble() < 0.06)
        {
            var on = performed.AddDays(random.Next(120, days));
            rows.Surgeries.Add(new SurgeryRecord
            {
                PatientId = patient.Id, Joint = joint, Side = side, PerformedOn = on,
                Kind = joint == Joint.FirstMtp ? SurgeryKind.Cheilectomy : SurgeryKind.Arthrodesis,
                RecordedAt = on.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc), RecordedBy = "Synthetic",
            });
        }
    }

    /// <summary>NRS, FAOS subscales, FAAM ADL, PROMIS PF T-score and patient global (0–100, higher = worse).</summary>
    private sealed record Scores(double Nrs, double FaosPain, double FaosSymptoms, double FaosAdl, double FaosSport, double FaosQol, double FaamAdl, double Promis, double Global)
    {
        /// <summary>Moved by a share of the way to the best score (negative = worse).</summary>
        public Scores Toward(double share)
        {
            double Up(double x) => Math.Clamp(x + ((100 - x) * share), 0, 100);
            return new(Math.Clamp(Math.Round(Nrs * (1 - share)), 0, 10), Up(FaosPain), Up(FaosSymptoms), Up(FaosAdl), Up(FaosSport), Up(FaosQol), Up(FaamAdl),
                Math.Clamp(Promis + (12 * share), 10, 90), Math.Clamp(Global * (1 - share), 0, 100));
        }
    }

    private static void Answer(Rows rows, Guid patientId, Joint joint, Side side, FollowUpVisit? visit, Guid? procedureId, DateOnly on,
        IReadOnlyList<InstrumentId> instruments, Scores s)
    {
        var at = on.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc);
        foreach (var instrument in instruments)
        {
            Dictionary<string, double>? scores = instrument switch
            {
                InstrumentId.NrsPain => new() { [SingleValueMeasures.Subscale] = s.Nrs },
                InstrumentId.Faos => new() { [Faos.Symptoms] = s.FaosSymptoms, [Faos.Pain] = s.FaosPain, [Faos.Adl] = s.FaosAdl, [Faos.SportRec] = s.FaosSport, [Faos.Qol] = s.FaosQol },
                InstrumentId.FaamAdl => new() { [Faam.AdlSubscale] = s.FaamAdl },
                InstrumentId.PromisPhysicalFunction => new() { [SingleValueMeasures.Subscale] = s.Promis },
                InstrumentId.PatientGlobalAssessment => new() { [SingleValueMeasures.Subscale] = s.Global },
                _ => null,
            };
            if (scores is null)
            {
                continue;
            }
            var response = new QuestionnaireResponse
            {
                PatientId = patientId, Instrument = instrument, Context = visit is null ? QuestionnaireContext.Baseline : QuestionnaireContext.FollowUp,
                Visit = visit?.Visit.ToString(), FollowUpVisitId = visit?.Id, Joint = joint, Side = side, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Patient,
                AnswersJson = "{}", ScoresJson = JsonSerializer.Serialize(scores), ScoringVersion = "synthetic", CompletedOn = on, UpdatedAt = at,
            };
            rows.Responses.Add(response);
            foreach (var (subscale, score) in scores)
            {
                rows.Scores.Add(new ScoreRow
                {
                    ResponseId = response.Id, PatientId = patientId, Instrument = instrument, Subscale = subscale, Score = score, Joint = joint, Side = side,
                    FollowUpVisitId = visit?.Id, Visit = visit?.Visit, ProcedureId = procedureId,
                    DaysFromIndex = visit is null ? null : on.DayNumber - visit.IndexDate.DayNumber,
                    InWindow = visit is null ? null : on >= visit.WindowStart && on <= visit.WindowEnd, CompletedOn = on, SubmittedAt = at,
                });
            }
        }
    }
}
