using Microsoft.EntityFrameworkCore;
using Talus.Clinical.FollowUp;
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
        $"{o.ProcedureId}|{o.Visit}|{o.PatientId}|{o.WindowEnd}|{o.VisitCompleted}|{o.Status}|{o.Band}|{o.Product}|{o.Source}|{o.LocationId}|{o.OperatorId}|{o.Lot}|{o.NrsBaseline}|{o.NrsFollowUp}";

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
}
