using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

public sealed class DemoDataTests
{
    /// <summary>
    /// 8 pm in Irvine is already tomorrow in UTC: every date the demo practice computes must be the clinic's date.
    /// (The shared test app runs at 8 am Pacific, which would hide such a mistake.)
    /// </summary>
    [Fact]
    public async Task DemoPractice_SeededOnACaliforniaEvening_StartsAndCoversTheJourney()
    {
        await using var app = new TalusApp(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
        using var client = app.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var counts = await app.WithDbAsync(async db => new
        {
            Patients = await db.Patients.CountAsync(),
            Intakes = await db.Intakes.CountAsync(),
            Evaluations = await db.Evaluations.CountAsync(),
            Assessments = await db.CandidacyAssessments.CountAsync(),
            Procedures = await db.Set<Talus.Web.Features.Procedure.ProcedureRecord>().CountAsync(),
        });
        Assert.True(counts.Patients >= 200, $"{counts.Patients} patients");
        Assert.True(counts.Intakes > 0 && counts.Evaluations > 0 && counts.Assessments > 0 && counts.Procedures > 0, counts.ToString());
    }
}
