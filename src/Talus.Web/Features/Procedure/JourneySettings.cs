using System.Text.Json;
using System.Text.Json.Serialization;
using Talus.Clinical;
using Talus.Clinical.AfterCare;
using Talus.Web.Data;

namespace Talus.Web.Features.Procedure;

/// <summary>
/// The practice settings this part of the journey reads. Until the practice-settings service exists, regulation
/// settings come from the stored setting named "Regulation" (JSON of <see cref="RegulationSettings"/>) when present,
/// else the SPEC defaults; after-care uses the SPEC §4.7 defaults. Replace the bodies, not the callers.
/// </summary>
internal static class JourneySettings
{
    public const string RegulationKey = "Regulation";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<RegulationSettings> RegulationAsync(ClinicDb db, CancellationToken ct)
    {
        var stored = await db.Settings.FindAsync([RegulationKey], ct);
        return stored is null ? new RegulationSettings() : JsonSerializer.Deserialize<RegulationSettings>(stored.Json, Json) ?? new RegulationSettings();
    }

    public static string Serialize(RegulationSettings settings) => JsonSerializer.Serialize(settings, Json);

    public static AfterCareSettings AfterCare() => new();
}
