using System.Text.Json;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Features.Outcomes;
using Talus.Web.Shared;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Outcomes;

/// <summary>The registry counted by the database gives the same numbers as the in-memory reference path.</summary>
[Collection(AppCollection.Name)]
public sealed class RegistrySqlTests(TalusApp app)
{
    [Fact]
    public async Task RunAsync_DemoCohort_SameReportAsInMemory()
    {
        var today = PracticeClock.Today(app.Clock);
        var (sql, local, memory, memoryLocal) = await app.WithDbAsync(async db =>
        {
            var (report, l) = await RegistrySql.RunAsync(db, new RegistrySettings(), new McidSettings(), today, CancellationToken.None);
            var data = await RegistryData.LoadAsync(db, today, CancellationToken.None);
            return (report, l, BuildRegistry.From(data, new RegistrySettings(), new McidSettings()), RegistryCache.LocalOutcomesOf(data, new McidSettings()));
        });

        // The demo cohort must exercise every part the comparison covers.
        Assert.True(memory.TimePoints.Sum(t => t.Overall.Rate.Counts.Responders) > 0);
        Assert.True(memory.TimePoints.Sum(t => t.Overall.Rate.Counts.NotAssessed) > 0);
        Assert.True(memory.TimeToRepeat.Events > 0 && memory.TimeToSurgery.Events > 0);
        Assert.Equal(JsonSerializer.Serialize(memory), JsonSerializer.Serialize(sql));
        Assert.Equal(memoryLocal.OrderBy(k => k.Key.ToString()).ToList(), local.OrderBy(k => k.Key.ToString()).ToList());
    }
}
