using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Registry;
using Talus.Clinical.Repeat;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Settings;

/// <summary>One practice setting: its stored name, record type and what it governs.</summary>
public sealed record SettingDefinition(string Name, Type Type, string Description, string Source)
{
    public object Default() => Activator.CreateInstance(Type)!;
}

/// <summary>
/// The practice's configurable thresholds, one <c>PracticeSetting</c> row per settings record (name → JSON).
/// A setting never saved is the SPEC default (the record's initialisers). Values are cached in memory and the
/// cache entry is dropped when the setting is saved or reset (<see cref="SaveSetting"/>); other instances behind the
/// load balancer read the saved value within <see cref="MaxAge"/>.
/// </summary>
public sealed class PracticeSettings(IServiceScopeFactory scopes, ILogger<PracticeSettings> log)
{
    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        new(nameof(CandidacySettings), typeof(CandidacySettings), "Candidacy thresholds: inclusion, laboratory limits, washouts (the grade bands are the GradeBandSettings).", "SPEC §2.1–§2.5"),
        new(nameof(GradeBandSettings), typeof(GradeBandSettings), "Where each grading system's Favorable / Guarded / Unfavorable bands start.", "SPEC §1.6"),
        new(nameof(InstrumentSettings), typeof(InstrumentSettings), "FAOS missing-item rule, PROMIS T-score range, MOXFQ licence.", "SPEC §3.1, §3.3, §3.6"),
        new(nameof(McidSettings), typeof(McidSettings), "Minimal clinically important differences per measure.", "SPEC §3.4, §3.7"),
        new(nameof(FollowUpSettings), typeof(FollowUpSettings), "Follow-up visit template: target days, windows, instruments and tasks.", "SPEC §4.2"),
        new(nameof(RepeatInjectionSettings), typeof(RepeatInjectionSettings), "Repeat-injection intervals and yearly caps.", "SPEC §4.6"),
        new(nameof(AfterCareSettings), typeof(AfterCareSettings), "After-care durations.", "SPEC §2.4, §4.7"),
        new(nameof(ExpectedOutcomeSettings), typeof(ExpectedOutcomeSettings), "Expected-outcome model: prior table, prior sample size, interval, covariates.", "SPEC §5.3"),
        new(nameof(RegulationSettings), typeof(RegulationSettings), "Regulatory choices recorded for counsel: micro-fragmented adipose flag, sign-off, California notice policy.", "SPEC §6.2–§6.4"),
        new(nameof(MarketingClaimSettings), typeof(MarketingClaimSettings), "Terms the marketing-claims check looks for.", "SPEC §6.3"),
        new(nameof(GoodFaithEstimateSettings), typeof(GoodFaithEstimateSettings), "Good Faith Estimate deadlines, dispute threshold and fee, practice closure days.", "SPEC §7.2"),
        new(nameof(ProcedureCodingSettings), typeof(ProcedureCodingSettings), "CPT joint size class per joint (payer policy).", "SPEC §1.5, §8.2"),
        new(nameof(RegistrySettings), typeof(RegistrySettings), "Outcomes registry: small-cell suppression threshold, confidence level, research-export date shift and restricted ZIP areas.", "Issue 10 (threshold 5, cf. CMS Cell Size Suppression Policy); 45 CFR 164.514(b)(2)"),
        new(nameof(FollowUp.FollowUpContactSettings), typeof(FollowUp.FollowUpContactSettings), "Follow-up questionnaires: reminder days after the invitation, when overdue visits reach the call list, how long a link works.", "Practice default (reminders at 3 and 7 days, call 2 days later, links 14 days)"),
        new(nameof(Education.PracticeIdentity), typeof(Education.PracticeIdentity), "The practice's name, logo and contact on every patient-facing page.", "Practice's own (no SPEC default)"),
        new(nameof(Fhir.FhirSettings), typeof(Fhir.FhirSettings), "FHIR API: the base address of the practice's identifier and code systems (MRN, local codes).", "SPEC §8.3 (local CodeSystem per practice)"),
        new(nameof(Scheduling.PortalBookingRules), typeof(Scheduling.PortalBookingRules), "Portal self-service: notice before booking, moving or cancelling online, and how far ahead patients may book.", "Practice default (24 h notice, 90 days ahead)"),
        new(nameof(Billing.BillingSettings), typeof(Billing.BillingSettings), "Payment options (pay-in-full discount, deposit, instalment plans) and the visit counts an episode estimate uses.", "Practice choice; SPEC §4.2, §7.1"),
        new(nameof(Fhir.FhirWriteSettings), typeof(Fhir.FhirWriteSettings), "FHIR writes: the most entries a transaction or batch Bundle may hold.", "Practice default (1,000 entries)"),
        new(nameof(BulkExport.BulkExportSettings), typeof(BulkExport.BulkExportSettings), "FHIR bulk export: how many hours the files of a finished export stay available.", "Practice default (24 h; the Bulk Data IG leaves it to the server)"),
    ];

    /// <summary>How settings are written and shown: camelCase, enum names, indented.</summary>
    public static readonly JsonSerializerOptions Json = Options(strict: false);

    /// <summary>How an edit is read: unknown properties and nulls are refused, so a typo is never silently ignored.</summary>
    public static readonly JsonSerializerOptions StrictJson = Options(strict: true);

    /// <summary>How long a cached value is used before it is read again (a save on another instance shows after this).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ShortLivedCache<string, object> cache = new(MaxAge, 1_000);

    public static SettingDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The practice's value of a settings record, or the SPEC default when none is stored.</summary>
    public async Task<T> GetAsync<T>(CancellationToken ct = default) where T : class =>
        (T)await GetAsync(Find(typeof(T).Name) ?? throw new ArgumentException($"{typeof(T).Name} is not a practice setting."), ct);

    public async Task<object> GetAsync(SettingDefinition definition, CancellationToken ct = default) =>
        await cache.GetOrLoadAsync(definition.Name, (_, c) => LoadAsync(definition, c), ct);

    private async Task<object> LoadAsync(SettingDefinition definition, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDb>();
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == definition.Name, ct);
        var value = row is null ? definition.Default() : Read(definition, row.Json);
        if (definition.Type == typeof(CandidacySettings))
        {
            // One source for the bands: the GradeBandSettings (CandidacySettings.Bands is not edited on its own).
            value = (CandidacySettings)value with { Bands = await GetAsync<GradeBandSettings>(ct) };
        }
        return value;
    }

    /// <summary>
    /// Adds or updates the practice's row for a settings record (the one row every reader reads); the caller saves and
    /// then calls <see cref="Invalidate"/>. The admin API (<see cref="SaveSetting"/>) and the demo data both write through here.
    /// </summary>
    public static async Task<PracticeSetting> StageAsync(ClinicDb db, SettingDefinition definition, object value, string? by, DateTime nowUtc, CancellationToken ct)
    {
        var stored = ToJson(definition, value).ToJsonString(Json);
        var row = await db.Settings.FindAsync([definition.Name], ct);
        if (row is null)
        {
            db.Settings.Add(row = new PracticeSetting { Name = definition.Name, Json = stored });
        }
        row.Json = stored;
        row.UpdatedAt = nowUtc;
        row.UpdatedBy = by;
        return row;
    }

    /// <summary>
    /// Drops every cached value after a save (saves are rare; a value built from another, as the candidacy bands are from
    /// the grade bands, is dropped with it, and a read that began before the save is not kept).
    /// </summary>
    public void Invalidate() => cache.Invalidate();

    /// <summary>The JSON shown and edited for a value (CandidacySettings without its bands).</summary>
    public static JsonObject ToJson(SettingDefinition definition, object value)
    {
        var node = JsonSerializer.SerializeToNode(value, definition.Type, Json)!.AsObject();
        if (definition.Type == typeof(CandidacySettings))
        {
            node.Remove("bands");
        }
        return node;
    }

    private object Read(SettingDefinition definition, string json)
    {
        try
        {
            // Lenient on read: a property added to the record since the value was saved takes its default,
            // a property since removed is ignored.
            return JsonSerializer.Deserialize(json, definition.Type, Json) ?? definition.Default();
        }
        catch (JsonException ex)
        {
            log.LogError(ex, "Stored practice setting {Name} cannot be read; using the SPEC default until it is saved again", definition.Name);
            return definition.Default();
        }
    }

    private static JsonSerializerOptions Options(bool strict)
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // An edit names exactly one choice ("A, B" is not a value); stored values keep the lenient reading.
            Converters = { strict ? new StrictEnumConverter() : new JsonStringEnumConverter(allowIntegerValues: false) },
        };
        if (strict)
        {
            o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.RespectNullableAnnotations = true;
            o.RespectRequiredConstructorParameters = true;
        }
        return o;
    }
}
