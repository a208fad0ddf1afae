using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.ClinicalRules;

namespace Talus.Web.Features.Settings;

public static class SettingsEndpoints
{
    /// <summary>A setting as the API shows it: the value in force, the SPEC default, and who changed it last.</summary>
    public sealed record SettingView(string Name, string Description, string Source, bool IsDefault, JsonObject Value, JsonObject Default,
        DateTime? UpdatedAt, string? UpdatedBy);

    public static IServiceCollection AddPracticeSettings(this IServiceCollection services) => services.AddSingleton<PracticeSettings>();

    public static void MapSettingsEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/api/settings").WithTags("Practice settings").RequireAuthorization(Auth.Policies.PracticeManage);

        admin.MapGet("/", async (ClinicDb db, PracticeSettings settings, CancellationToken ct) =>
            {
                var rows = await db.Settings.AsNoTracking().ToListAsync(ct);
                var views = new List<SettingView>();
                foreach (var d in PracticeSettings.All)
                {
                    views.Add(await ViewAsync(d, rows.FirstOrDefault(r => r.Name == d.Name), settings, ct));
                }
                return TypedResults.Ok(views);
            })
            .WithSummary("List every practice setting with its value in force and the SPEC default.")
            .WithDescription("Settings never saved are the SPEC defaults ([D]/[GK] values of domain/SPEC.md). Names: " + string.Join(", ", PracticeSettings.All.Select(d => d.Name)) + ".");

        admin.MapGet("/{name}", async Task<Results<Ok<SettingView>, NotFound>> (string name, ClinicDb db, PracticeSettings settings, CancellationToken ct) =>
                PracticeSettings.Find(name) is { } d
                    ? TypedResults.Ok(await ViewAsync(d, await db.Settings.AsNoTracking().FirstOrDefaultAsync(r => r.Name == d.Name, ct), settings, ct))
                    : TypedResults.NotFound())
            .WithSummary("Read one practice setting (value in force and SPEC default).")
            .WithDescription("`name` is the settings record, e.g. McidSettings or GoodFaithEstimateSettings (case-insensitive).");

        admin.MapPut("/{name}", async Task<Results<Ok<SettingView>, NotFound, ValidationProblem>> (string name, JsonObject? body, ClinicDb db,
                PracticeSettings settings, AuditContext who, TimeProvider clock, CancellationToken ct) =>
            {
                if (PracticeSettings.Find(name) is not { } d)
                {
                    return TypedResults.NotFound();
                }
                var outcome = await SaveSetting.RunAsync(d, body?.ToJsonString(), db, settings, who, clock, ct);
                if (!outcome.Saved)
                {
                    return TypedResults.ValidationProblem(outcome.Errors);
                }
                return TypedResults.Ok(await ViewAsync(d, await db.Settings.AsNoTracking().FirstOrDefaultAsync(r => r.Name == d.Name, ct), settings, ct));
            })
            .WithSummary("Change one practice setting; answers 400 naming the field when the value is not acceptable.")
            .WithDescription("""
                Send the settings record as JSON. Properties left out take the SPEC default; unknown properties, nulls,
                negative numbers and out-of-range thresholds are refused with 400 naming the field. The change is stored with
                who and when and written to the audit trail (Update, PracticeSetting, record id = the name).
                Example body for McidSettings: {"faosPain": 8, "nrsPainPoints": 2, "nrsPainRelative": 0.3}
                """)
            .Example(JsonNode.Parse("""{"faosPain": 8, "nrsPainPoints": 2, "nrsPainRelative": 0.3}"""));

        admin.MapDelete("/{name}", async Task<Results<Ok<SettingView>, NotFound>> (string name, ClinicDb db, PracticeSettings settings,
                AuditContext who, TimeProvider clock, CancellationToken ct) =>
            {
                if (PracticeSettings.Find(name) is not { } d)
                {
                    return TypedResults.NotFound();
                }
                await SaveSetting.ResetAsync(d, db, settings, who, clock, ct);
                return TypedResults.Ok(await ViewAsync(d, null, settings, ct));
            })
            .WithSummary("Reset one practice setting to the SPEC default (audited).")
            .WithDescription("Removes the practice's value; the rules use the SPEC default again. Written to the audit trail as an Update of PracticeSetting with outcome 'reset to default'.");
    }

    private static async Task<SettingView> ViewAsync(SettingDefinition d, PracticeSetting? row, PracticeSettings settings, CancellationToken ct)
    {
        var value = PracticeSettings.ToJson(d, await settings.GetAsync(d, ct));
        var spec = PracticeSettings.ToJson(d, d.Default());
        return new(d.Name, d.Description, d.Source, row is null, value, spec, row?.UpdatedAt, row?.UpdatedBy);
    }
}
