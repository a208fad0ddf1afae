using Talus.Clinical;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// The registry as the public page and the decision aid read it: computed at most every <see cref="MaxAge"/>, so an
/// anonymous page cannot make the server recompute the registry on every request. The staff dashboard computes fresh.
/// </summary>
public sealed class RegistryCache(IServiceScopeFactory scopes, PracticeSettings settings, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Snapshot? snapshot;

    public sealed record Snapshot(DateTimeOffset At, RegistryReport Report, IReadOnlyDictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes> Local);

    public async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (snapshot is { } s && now - s.At < MaxAge)
        {
            return s;
        }
        await gate.WaitAsync(ct);
        try
        {
            if (snapshot is { } again && now - again.At < MaxAge)
            {
                return again;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
            var registry = await settings.GetAsync<RegistrySettings>(ct);
            var mcid = await settings.GetAsync<McidSettings>(ct);
            var (report, local) = await RegistrySql.RunAsync(db, registry, mcid, PracticeClock.Today(clock), ct);
            snapshot = new Snapshot(now, report, local);
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => snapshot = null;

    public void Dispose() => gate.Dispose();

    /// <summary>The §5.3 product class of an injected product.</summary>
    public static ProductClass ClassOf(InjectionProduct product) => product switch
    {
        InjectionProduct.PlateletRichPlasma => ProductClass.Prp,
        InjectionProduct.Corticosteroid => ProductClass.Corticosteroid,
        InjectionProduct.HyaluronicAcid => ProductClass.HyaluronicAcid,
        _ => ProductClass.CellBased,
    };

    /// <summary>
    /// Completed local follow-ups per (product, band, time point): the NRS pain MCID against baseline (SPEC §5.3 Y(t)).
    /// Only joints with both a baseline and a follow-up NRS count; a lost patient adds nothing (decision 0009).
    /// </summary>
    public static Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes> LocalOutcomesOf(RegistryData data, McidSettings mcid)
    {
        var result = new Dictionary<(ProductClass, PriorBand, TimePoint), LocalOutcomes>();
        foreach (var p in data.Procedures)
        {
            PriorBand? band = p.Band switch
            {
                CandidacyBand.Favorable => PriorBand.Favorable,
                CandidacyBand.Guarded => PriorBand.Guarded,
                CandidacyBand.Unfavorable => PriorBand.Unfavorable,
                _ => null,
            };
            if (band is null || data.Baselines.GetValueOrDefault(p.Id)?.Nrs is not { } baseline)
            {
                continue;
            }
            foreach (var (visit, tp) in new[] { (ProgramVisit.V3, TimePoint.Month3), (ProgramVisit.V4, TimePoint.Month6), (ProgramVisit.V5, TimePoint.Month12) })
            {
                if (data.FollowUps.GetValueOrDefault((p.Id, visit))?.Nrs is not { } followUp)
                {
                    continue;
                }
                var key = (ClassOf(p.Product), band.Value, tp);
                var met = LocalEvidence.ReachedPainMcid((decimal)baseline, (decimal)followUp, mcid);
                var was = result.GetValueOrDefault(key, new LocalOutcomes(0, 0));
                result[key] = met ? was with { Successes = was.Successes + 1 } : was with { Failures = was.Failures + 1 };
            }
        }
        return result;
    }
}
