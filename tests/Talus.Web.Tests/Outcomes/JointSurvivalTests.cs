using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Outcomes;
using Talus.Web.Shared;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The stored treated joints follow their sources in the same save, the migration's backfill writes the same rows, and the curves match the reference.</summary>
[Collection(AppCollection.Name)]
public sealed class JointSurvivalTests(TalusApp app)
{
    private static string Key(JointSurvival j) =>
        $"{j.PatientId}|{j.Joint}|{j.Side}|{j.IndexOn}|{j.Band}|{j.Product}|{j.Source}|{j.LocationId}|{j.OperatorId}|{j.Lot}|{j.RepeatOn}|{j.SurgeryOn}|{j.LastSeenOn}";

    [Fact]
    public async Task BackfillSql_RowsDeleted_SameRowsAsWrittenOnSaveAndComputed()
    {
        var (written, computed, backfilled, withEvent) = await app.WithDbAsync(async db =>
        {
            var stored = await db.JointSurvivals.AsNoTracking().ToListAsync();
            var saved = stored.Select(Key).Order().ToList();
            var patients = await db.Procedures.Select(p => p.PatientId).Distinct().ToListAsync();
            var fresh = (await JointSurvivals.ComputeAsync(db, patients, CancellationToken.None)).Select(Key).Order().ToList();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.JointSurvivals.ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync(JointSurvivals.BackfillSql);
            var rebuilt = (await db.JointSurvivals.AsNoTracking().ToListAsync()).Select(Key).Order().ToList();
            await tx.RollbackAsync();
            return (saved, fresh, rebuilt, stored.Count(j => j.RepeatOn != null) + stored.Count(j => j.SurgeryOn != null));
        });

        Assert.NotEmpty(written);
        Assert.True(withEvent > 0, "the demo cohort has repeat injections or surgeries");
        Assert.Equal(computed, written);
        Assert.Equal(computed, backfilled);
    }

    [Fact]
    public async Task SaveChangesAsync_RepeatSurgeryAndAnswerRecorded_JointUpdatedAndCurvesMatchReference()
    {
        var today = PracticeClock.Today(app.Clock);
        var (before, afterRepeat, afterSurgery, afterAnswer, sql, memory) = await app.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var joint = await db.JointSurvivals.AsNoTracking()
                .Where(j => j.RepeatOn == null && j.SurgeryOn == null && j.IndexOn < today.AddDays(-30)).OrderBy(j => j.IndexOn).FirstAsync();
            JointSurvival Now() => db.JointSurvivals.AsNoTracking().Single(j => j.PatientId == joint.PatientId && j.Joint == joint.Joint && j.Side == joint.Side);

            // A repeat injection: a second procedure on the same joint ten days after the index one.
            var first = await db.Procedures.AsNoTracking()
                .Where(p => p.PatientId == joint.PatientId && p.Joint == joint.Joint && p.Side == joint.Side).OrderBy(p => p.PerformedOn).FirstAsync();
            var repeat = first;
            repeat.Id = Guid.CreateVersion7();
            repeat.PerformedOn = joint.IndexOn.AddDays(10);
            repeat.AdverseEvents = [];
            db.Procedures.Add(repeat);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var repeated = Now();

            // Surgery on the same joint twenty days after the index day.
            db.Surgeries.Add(new SurgeryRecord
            {
                PatientId = joint.PatientId, Joint = joint.Joint, Side = joint.Side, PerformedOn = joint.IndexOn.AddDays(20), Kind = SurgeryKind.Arthrodesis,
                RecordedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var operated = Now();

            // A follow-up answer on the repeat procedure, later than anything seen: the censoring day moves to it.
            var answeredOn = today.AddDays(-1);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var response = new QuestionnaireResponse
            {
                PatientId = joint.PatientId, Instrument = InstrumentId.NrsPain, Context = QuestionnaireContext.FollowUp,
                Joint = joint.Joint, Side = joint.Side, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Patient, AnswersJson = "{}",
                CompletedOn = answeredOn, UpdatedAt = now,
            };
            db.QuestionnaireResponses.Add(response);
            db.ScoreRows.Add(new ScoreRow
            {
                ResponseId = response.Id, PatientId = joint.PatientId, Instrument = InstrumentId.NrsPain, Subscale = SingleValueMeasures.Subscale, Score = 3,
                Joint = joint.Joint, Side = joint.Side, ProcedureId = repeat.Id, CompletedOn = answeredOn, SubmittedAt = now,
            });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var answered = Now();

            var (report, _) = await RegistrySql.RunAsync(db, new RegistrySettings(), new McidSettings(), today, CancellationToken.None);
            var reference = BuildRegistry.From(await RegistryData.LoadAsync(db, today, CancellationToken.None), new RegistrySettings(), new McidSettings());
            await tx.RollbackAsync();
            return (joint, repeated, operated, answered, report, reference);
        });

        Assert.Equal(before.IndexOn.AddDays(10), afterRepeat.RepeatOn);
        Assert.Equal(before.IndexOn, afterRepeat.IndexOn);
        Assert.Equal(before.IndexOn.AddDays(20), afterSurgery.SurgeryOn);
        Assert.Equal(today.AddDays(-1), afterAnswer.LastSeenOn);
        Assert.Equal(JsonSerializer.Serialize(memory.TimeToRepeat), JsonSerializer.Serialize(sql.TimeToRepeat));
        Assert.Equal(JsonSerializer.Serialize(memory.TimeToSurgery), JsonSerializer.Serialize(sql.TimeToSurgery));
        Assert.Equal(JsonSerializer.Serialize(memory.AdverseEvents), JsonSerializer.Serialize(sql.AdverseEvents));
    }
}
