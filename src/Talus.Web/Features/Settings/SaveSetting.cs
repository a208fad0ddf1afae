using System.Text.Json;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.Settings;

/// <summary>
/// An administrator changes or resets one practice setting. The JSON is read strictly (unknown properties and
/// nulls refused; properties left out take the SPEC default), checked, stored with who and when, and audited in
/// the same SaveChanges: settings are not patient data, so the save interceptor does not audit them.
/// </summary>
public static class SaveSetting
{
    public const string AuditResource = "PracticeSetting";

    public sealed record Outcome(object? Value, Dictionary<string, string[]> Errors)
    {
        public bool Saved => Errors.Count == 0;
    }

    /// <summary>Parses and checks a setting's JSON without saving: the value, or errors keyed by JSON path.</summary>
    public static Outcome Parse(SettingDefinition definition, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new(null, new() { ["body"] = ["Give the setting as a JSON object."] });
        }
        if (json.Length > 20_000)
        {
            return new(null, new() { ["body"] = ["The setting is longer than 20,000 characters."] });
        }
        object? value;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, new() { ["body"] = ["The setting must be a JSON object { ... }."] });
            }
            if (definition.Type == typeof(Clinical.CandidacySettings) && doc.RootElement.TryGetProperty("bands", out _))
            {
                return new(null, new() { ["bands"] = ["The grade bands are edited in GradeBandSettings."] });
            }
            value = JsonSerializer.Deserialize(json, definition.Type, PracticeSettings.StrictJson);
        }
        catch (JsonException ex)
        {
            return new(null, Describe(ex));
        }
        if (value is null)
        {
            return new(null, new() { ["body"] = ["The setting must be a JSON object { ... }."] });
        }
        var errors = SettingsChecks.Check(value);
        return errors.Count > 0 ? new(null, errors) : new(value, errors);
    }

    public static async Task<Outcome> RunAsync(SettingDefinition definition, string? json, ClinicDb db, PracticeSettings settings,
        AuditContext who, TimeProvider clock, CancellationToken ct)
    {
        var parsed = Parse(definition, json);
        if (!parsed.Saved)
        {
            return parsed;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = who.Entry(AuditAction.Update, AuditResource, null, definition.Name, "ok", now);
        await PracticeSettings.StageAsync(db, definition, parsed.Value!, audit.UserName, now, ct);
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        settings.Invalidate();
        return new(await settings.GetAsync(definition, ct), []);
    }

    /// <summary>Back to the SPEC default: the stored row is removed, and the reset is audited.</summary>
    public static async Task ResetAsync(SettingDefinition definition, ClinicDb db, PracticeSettings settings, AuditContext who, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Settings.FindAsync([definition.Name], ct) is { } row)
        {
            db.Settings.Remove(row);
        }
        db.AuditEntries.Add(who.Entry(AuditAction.Update, AuditResource, null, definition.Name, "reset to default", now));
        await db.SaveChangesAsync(ct);
        settings.Invalidate();
    }

    private static Dictionary<string, string[]> Describe(JsonException ex)
    {
        var errors = StrictJson.Describe(ex);
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal) && ex.Path is { } path)
        {
            var name = path.TrimStart('$', '.');
            return new() { [name.Length == 0 ? "body" : name] = [$"'{name}' is not a property of this setting (check the spelling)."] };
        }
        if (ex.LineNumber is { } line && errors.ContainsKey("body"))
        {
            errors["body"] = [$"The JSON is not valid near line {line + 1}, position {ex.BytePositionInLine + 1}: check quotes, commas and brackets."];
        }
        return errors;
    }
}
