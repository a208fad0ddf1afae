using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Intake;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// Synthetic follow-up for the demo procedures: each patient gets a response level (responder, partial, none, worse,
/// in roughly the proportions of the SPEC §5.3 priors), and every visit whose window has opened is answered, late or
/// not at all with growing probability over time, by moving the patient's baseline answers towards the best answer.
/// Answers go through the normal submission, so score rows, window marks and visit completion are the real ones.
/// </summary>
public static class FollowUpDemoData
{
    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        // Patients in record-number order (ids are partly random): the same seed then gives the same follow-up.
        var mrnOf = await db.Patients.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Mrn, ct);
        var visits = (await db.FollowUpVisits.AsNoTracking().Where(v => v.WindowStart <= today).ToListAsync(ct))
            .OrderBy(v => mrnOf[v.PatientId], StringComparer.Ordinal).ThenBy(v => v.TargetDate).ThenBy(v => v.Visit).ToList();
        var baselines = (await db.QuestionnaireResponses.AsNoTracking()
                .Where(q => q.Context == QuestionnaireContext.Baseline && q.Status == RecordStatus.Submitted).ToListAsync(ct))
            .GroupBy(q => (q.PatientId, q.Instrument)).ToDictionary(g => g.Key, g => Questionnaires.AnswersOf(g.OrderByDescending(q => q.UpdatedAt).First()));
        var droppedAt = new List<FollowUpVisit>();
        foreach (var patient in visits.GroupBy(v => v.PatientId))
        {
            // Share of the way from the baseline answers to the best answers at full effect.
            var effect = random.NextDouble() switch { < 0.45 => 0.6, < 0.70 => 0.3, < 0.92 => 0.05, _ => -0.2 };
            var dropOut = random.NextDouble() < 0.15 ? random.Next(2, 7) : int.MaxValue;
            var number = 0;
            foreach (var v in patient)
            {
                number++;
                var stillOpen = v.WindowEnd >= today;
                if (number == dropOut && !stillOpen)
                {
                    droppedAt.Add(v);
                }
                if (number >= dropOut || random.NextDouble() < 0.08 || (stillOpen && random.NextDouble() < 0.5))
                {
                    continue;
                }
                // Mostly near the target, sometimes a few days after the window closed (kept and marked).
                var day = random.NextDouble() < 0.06 ? v.WindowEnd.AddDays(random.Next(1, 10)) : v.TargetDate.AddDays(random.Next(-3, 4));
                if (day > today)
                {
                    continue;
                }
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero);
                var ramp = v.Visit switch
                {
                    Talus.Clinical.FollowUp.ProgramVisit.SafetyCall => 0.1,
                    Talus.Clinical.FollowUp.ProgramVisit.V1 => 0.3,
                    Talus.Clinical.FollowUp.ProgramVisit.V2 => 0.6,
                    Talus.Clinical.FollowUp.ProgramVisit.V3 => 0.9,
                    Talus.Clinical.FollowUp.ProgramVisit.V4 => 1.0,
                    Talus.Clinical.FollowUp.ProgramVisit.V5 => 0.85,
                    _ => 0.7,
                };
                foreach (var id in ScoreRows.Answerable(v))
                {
                    var definition = Questionnaires.Definition(id);
                    var start = baselines.GetValueOrDefault((v.PatientId, id)) ?? Typical(definition, random);
                    var answers = definition.Items.ToDictionary(i => i.Key, i => Move(definition, start.GetValueOrDefault(i.Key), effect * ramp, random));
                    await SaveQuestionnaire.StartAsync(v.PatientId, new QuestionnaireInput { Instrument = id, FollowUpVisitId = v.Id, Answers = answers },
                        random.NextDouble() < 0.8 ? EnteredBy.Patient : EnteredBy.Staff, submit: true, db, new Fixed(at), ct);
                }
            }
        }
        await FollowUpEscalation.UpdateStatusesAsync(db, now.UtcDateTime, today, ct);
        await db.SaveChangesAsync(ct);
        // Staff recorded why most drop-outs stopped answering: that visit and the later ones are lost with the reason.
        foreach (var v in droppedAt.Where(_ => random.NextDouble() < 0.7))
        {
            var reason = random.Next(3) switch { 0 => LostReason.Unreachable, 1 => LostReason.Moved, _ => LostReason.Declined };
            var later = (await db.FollowUpVisits.Where(o => o.ProcedureId == v.ProcedureId && o.Status != FollowUpStatus.Completed).ToListAsync(ct))
                .Where(o => o.Visit >= v.Visit);
            foreach (var o in later)
            {
                (o.Status, o.LostReason, o.LostAt, o.LostRecordedBy) = (FollowUpStatus.LostToFollowUp, reason, now.UtcDateTime, "Front desk");
            }
        }
        await db.SaveChangesAsync(ct);
        await ScoreRows.BackfillAsync(db, ct);
    }

    /// <summary>Plausible baseline answers of a patient with moderate ankle or foot OA.</summary>
    internal static Dictionary<string, int?> Typical(InstrumentDefinition d, Random random) =>
        d.Items.ToDictionary(i => i.Key, _ => (int?)(d.HigherAnswerIsWorse
            ? d.MinimumAnswer + (int)Math.Round((d.MaximumAnswer - d.MinimumAnswer) * (0.45 + (random.NextDouble() * 0.25)))
            : d.MinimumAnswer + (int)Math.Round((d.MaximumAnswer - d.MinimumAnswer) * (0.3 + (random.NextDouble() * 0.25)))));

    private static int? Move(InstrumentDefinition d, int? from, double share, Random random)
    {
        if (from is not { } f || f < d.MinimumAnswer)
        {
            return from;
        }
        var best = d.HigherAnswerIsWorse ? d.MinimumAnswer : d.MaximumAnswer;
        var noise = (random.NextDouble() - 0.5) * (d.MaximumAnswer - d.MinimumAnswer) * 0.12;
        var moved = f + ((best - f) * share) + noise;
        return (int)Math.Clamp(Math.Round(moved), d.MinimumAnswer, d.MaximumAnswer);
    }

    private sealed class Fixed(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
