using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Outcomes;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The registry's outcome rows follow their sources in the same save, and the backfill rebuilds them.</summary>
[Collection(AppCollection.Name)]
public sealed class OutcomeRowsTests(TalusApp app)
{
    private static readonly ProgramVisit[] TimePoints = [ProgramVisit.V3, ProgramVisit.V4, ProgramVisit.V5, ProgramVisit.V6];

    private static string Key(OutcomeRow o) =>
        $"{o.ProcedureId}|{o.Visit}|{o.PatientId}|{o.WindowEnd}|{o.VisitCompleted}|{o.Status}|{o.Band}|{o.Product}|{o.Source}|{o.LocationId}|{o.OperatorId}|{o.Lot}|{o.NrsBaseline}|{o.NrsFollowUp}|{o.LastAnswerOn}";

    /// <summary>
    /// The most SQL commands one submitted follow-up answer may send: the answer, its score row and the audit, then the
    /// patient's procedures and their last answers (read once for both tables), the procedure's scores, baseline and
    /// visits, one statement writing its outcome rows, the surgeries and one statement writing the treated joints.
    /// </summary>
    private const int SubmitBudget = 12;

    [Fact]
    public async Task BackfillAsync_RowsDeleted_SameRowsAsWrittenOnSave()
    {
        var (before, after, visits) = await app.WithDbAsync(async db =>
        {
            var written = (await db.OutcomeRows.AsNoTracking().ToListAsync()).Select(Key).Order().ToList();
            var due = await db.FollowUpVisits.CountAsync(v => TimePoints.Contains(v.Visit));
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.OutcomeRows.ExecuteDeleteAsync();
            await OutcomeRows.BackfillAsync(db, CancellationToken.None);
            var rebuilt = (await db.OutcomeRows.AsNoTracking().ToListAsync()).Select(Key).Order().ToList();
            await tx.CommitAsync();
            return (written, rebuilt, due);
        });

        Assert.Equal(visits, before.Count);
        Assert.Contains(before, k => k.Contains($"|{OutcomeStatus.Responder}|", StringComparison.Ordinal));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task SaveChangesAsync_VisitMarkedLost_RowLostInSameSave()
    {
        var (marked, restored) = await app.WithDbAsync(async db =>
        {
            var visit = await db.FollowUpVisits.FirstAsync(v => v.Visit == ProgramVisit.V6 && v.Status == FollowUpStatus.Upcoming);
            var was = visit.Status;
            visit.Status = FollowUpStatus.LostToFollowUp;
            await db.SaveChangesAsync();
            var lost = await db.OutcomeRows.AsNoTracking().SingleAsync(o => o.ProcedureId == visit.ProcedureId && o.Visit == ProgramVisit.V6);
            visit.Status = was;
            await db.SaveChangesAsync();
            var back = await db.OutcomeRows.AsNoTracking().SingleAsync(o => o.ProcedureId == visit.ProcedureId && o.Visit == ProgramVisit.V6);
            return (lost.Status, back.Status);
        });

        Assert.Equal((OutcomeStatus.Lost, OutcomeStatus.Open), (marked, restored));
    }

    [Fact]
    public async Task SaveChangesAsync_FollowUpAnswerSubmitted_RewritesOnlyThatProceduresRowsInBoundedCommands()
    {
        var (answered, others, commands) = await app.WithDbAsync(async db =>
        {
            var visit = await db.FollowUpVisits.AsNoTracking()
                .Where(v => TimePoints.Contains(v.Visit) && db.OutcomeRows.Any(o => o.ProcedureId == v.ProcedureId)).OrderBy(v => v.TargetDate).FirstAsync();
            var patientId = visit.PatientId;
            await using var tx = await db.Database.BeginTransactionAsync();
            // A second treated procedure of the same patient with one registry visit: rows the answer must leave alone.
            var other = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == visit.ProcedureId);
            other.Id = Guid.CreateVersion7();
            var otherVisit = await db.FollowUpVisits.AsNoTracking().SingleAsync(v => v.Id == visit.Id);
            otherVisit.Id = Guid.CreateVersion7();
            otherVisit.ProcedureId = other.Id;
            db.AddRange(other, otherVisit);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            // Marks the patient's rows: a row the save rewrites loses the mark.
            await db.OutcomeRows.Where(o => o.PatientId == patientId).ExecuteUpdateAsync(u => u.SetProperty(o => o.NrsFollowUp, -1.0));
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var response = new QuestionnaireResponse
            {
                PatientId = patientId, Instrument = InstrumentId.NrsPain, Context = QuestionnaireContext.FollowUp, FollowUpVisitId = visit.Id,
                Joint = visit.Joint, Side = visit.Side, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Patient, AnswersJson = "{}",
                CompletedOn = visit.TargetDate, UpdatedAt = now,
            };
            db.QuestionnaireResponses.Add(response);
            await ScoreRows.AddAsync(db, response, new Dictionary<string, decimal?> { [SingleValueMeasures.Subscale] = 3m }, now, CancellationToken.None);
            List<string> sent;
            using (var counter = new CommandCounter(db))
            {
                await db.SaveChangesAsync();
                sent = counter.Commands;
            }
            var rows = await db.OutcomeRows.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync();
            return (rows.Where(o => o.ProcedureId == visit.ProcedureId).ToList(), rows.Where(o => o.ProcedureId != visit.ProcedureId).ToList(), sent);
        });

        Assert.NotEmpty(answered);
        Assert.All(answered, o => Assert.NotEqual(-1.0, o.NrsFollowUp));
        Assert.NotEmpty(others);
        Assert.All(others, o => Assert.Equal(-1.0, o.NrsFollowUp));
        Assert.True(commands.Count <= SubmitBudget, $"{commands.Count} commands, budget {SubmitBudget}:\n{string.Join("\n", commands)}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveChangesAsync_BaselineAnswer_RewritesOnlyProceduresOnOrAfterItsDay(bool beforeProcedures)
    {
        var (untouched, rewritten) = await app.WithDbAsync(async db =>
        {
            var patientId = await db.OutcomeRows.AsNoTracking().Select(o => o.PatientId).FirstAsync();
            var days = await db.Procedures.AsNoTracking().Where(p => p.PatientId == patientId).Select(p => p.PerformedOn).ToListAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.OutcomeRows.Where(o => o.PatientId == patientId).ExecuteUpdateAsync(u => u.SetProperty(o => o.NrsFollowUp, -1.0));
            // A baseline answer (no visit, no joint) on the first procedure's day counts for every procedure; one after the last counts for none.
            var on = beforeProcedures ? days.Min() : days.Max().AddDays(1);
            var response = new QuestionnaireResponse
            {
                PatientId = patientId, Instrument = InstrumentId.NrsPain, Context = QuestionnaireContext.Baseline, Status = RecordStatus.Submitted,
                EnteredBy = EnteredBy.Patient, AnswersJson = "{}", CompletedOn = on, UpdatedAt = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.QuestionnaireResponses.Add(response);
            await ScoreRows.AddAsync(db, response, new Dictionary<string, decimal?> { [SingleValueMeasures.Subscale] = 3m }, response.UpdatedAt, CancellationToken.None);
            await db.SaveChangesAsync();
            var rows = await db.OutcomeRows.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync();
            return (rows.Count(o => o.NrsFollowUp == -1.0), rows.Count(o => o.NrsFollowUp != -1.0));
        });

        Assert.Equal(beforeProcedures, untouched == 0);
        Assert.Equal(beforeProcedures, rewritten > 0);
    }

    /// <summary>Counts the commands one context sends (EF's diagnostic events, filtered to that context).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext context;
        private readonly List<IDisposable> subscriptions = [];

        public CommandCounter(DbContext context)
        {
            this.context = context;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        /// <summary>The commands sent, each with its time in milliseconds.</summary>
        public List<string> Commands { get; } = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData e && ReferenceEquals(e.Context, context))
            {
                Commands.Add($"{e.Duration.TotalMilliseconds:0.000} ms  {e.Command.CommandText.ReplaceLineEndings(" ")}");
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose() => subscriptions.ForEach(s => s.Dispose());
    }
}
