using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Instruments;

/// <summary>The official text of one instrument in one language, as loaded by the practice (one row per instrument and language).</summary>
public sealed class OfficialInstrumentWording
{
    public Guid Id { get; set; }
    public InstrumentId Instrument { get; set; }
    public required string Language { get; set; }
    public required string Source { get; set; }
    /// <summary>The instructions and items (<see cref="OfficialWording"/> without instrument and language) as JSON.</summary>
    public required string Json { get; set; }
    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
}

/// <summary>An official wording as sent to the import: the file the practice gets with its licence.</summary>
public sealed class OfficialWordingInput
{
    [Required] public InstrumentId? Instrument { get; set; }
    /// <summary>"en" or "es".</summary>
    [Required, RegularExpression("^(en|es)$", ErrorMessage = "The language must be en or es.")] public string? Language { get; set; }
    /// <summary>The official form and its version, e.g. "FAOS Spanish version, koos.nu, 2024".</summary>
    [Required, StringLength(300)] public string? Source { get; set; }
    [StringLength(OfficialWordingCheck.MaxTextLength)] public string? Instructions { get; set; }
    [Required, MaxLength(200)] public List<OfficialItemInput>? Items { get; set; }
}

public sealed class OfficialItemInput
{
    [Required, StringLength(40)] public string? Key { get; set; }
    [Required, StringLength(OfficialWordingCheck.MaxTextLength)] public string? Text { get; set; }
    [Required, MaxLength(20)] public List<OfficialAnchorInput>? Anchors { get; set; }
    [StringLength(300)] public string? NotApplicableText { get; set; }
}

public sealed class OfficialAnchorInput
{
    [Required, Range(-1000, 1000)] public int? Value { get; set; }
    [Required, StringLength(300)] public string? Text { get; set; }
}

/// <summary>What is loaded: instrument, language, the official form it came from, and who loaded it when.</summary>
public sealed record OfficialWordingSummary(InstrumentId Instrument, string Language, string Source, int Items, DateTime ImportedAt, string? ImportedBy);

/// <summary>
/// Loads and reads the official wording of the instruments (SPEC §3.1, §3.8: validated instruments are never
/// home-translated; scores are only valid on the official form). An import is checked whole against the instrument
/// definition, replaces the earlier wording of that instrument and language, and is audited in the same save.
/// </summary>
public static class OfficialWordings
{
    public const string AuditResource = "OfficialInstrumentWording";

    private sealed record Stored(string? Instructions, IReadOnlyList<OfficialItem> Items);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Outcome<OfficialWordingSummary>> ImportAsync(OfficialWordingInput? input, ClinicDb db, AuditContext who, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var wording = ToWording(input!);
        var definition = InstrumentScoring.DefinitionOf(wording.Instrument);
        if (definition is null)
        {
            return Outcome.Invalid("instrument", $"{wording.Instrument} has no form in Talus.");
        }
        var problems = OfficialWordingCheck.Check(definition, wording);
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.OfficialWordings.FirstOrDefaultAsync(w => w.Instrument == wording.Instrument && w.Language == wording.Language, ct);
        var audit = who.Entry(row is null ? AuditAction.Create : AuditAction.Update, AuditResource, null, $"{wording.Instrument}/{wording.Language}", "ok", now);
        if (row is null)
        {
            db.OfficialWordings.Add(row = new OfficialInstrumentWording { Id = Guid.NewGuid(), Instrument = wording.Instrument, Language = wording.Language, Source = "", Json = "" });
        }
        row.Source = wording.Source.Trim();
        row.Json = JsonSerializer.Serialize(new Stored(wording.Instructions, wording.Items), Json);
        row.ImportedAt = now;
        row.ImportedBy = audit.UserName;
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
        return Summary(row, wording.Items.Count);
    }

    /// <summary>Every loaded wording, by instrument then language.</summary>
    public static async Task<List<OfficialWordingSummary>> ListAsync(ClinicDb db, CancellationToken ct) =>
        [.. (await db.OfficialWordings.AsNoTracking().ToListAsync(ct))
            .OrderBy(w => w.Instrument).ThenBy(w => w.Language)
            .Select(w => Summary(w, Read(w).Items.Count))];

    /// <summary>The official wording of an instrument in a language, or null when none is loaded.</summary>
    public static async Task<OfficialWording?> FindAsync(InstrumentId instrument, string language, ClinicDb db, CancellationToken ct) =>
        await db.OfficialWordings.AsNoTracking().FirstOrDefaultAsync(w => w.Instrument == instrument && w.Language == language, ct) is { } row
            ? Read(row)
            : null;

    /// <summary>The languages the official wording of an instrument is loaded in.</summary>
    public static Task<List<string>> LanguagesAsync(InstrumentId instrument, ClinicDb db, CancellationToken ct) =>
        db.OfficialWordings.AsNoTracking().Where(w => w.Instrument == instrument).OrderBy(w => w.Language).Select(w => w.Language).ToListAsync(ct);

    private static OfficialWording Read(OfficialInstrumentWording row)
    {
        var stored = JsonSerializer.Deserialize<Stored>(row.Json, Json)!;
        return new OfficialWording(row.Instrument, row.Language, row.Source, stored.Instructions, stored.Items);
    }

    private static OfficialWordingSummary Summary(OfficialInstrumentWording row, int items) =>
        new(row.Instrument, row.Language, row.Source, items, row.ImportedAt, row.ImportedBy);

    private static OfficialWording ToWording(OfficialWordingInput input) => new(
        input.Instrument!.Value,
        input.Language!,
        input.Source!,
        string.IsNullOrWhiteSpace(input.Instructions) ? null : input.Instructions.Trim(),
        [.. input.Items!.Select(i => new OfficialItem(i.Key?.Trim() ?? "", i.Text?.Trim() ?? "",
            [.. (i.Anchors ?? []).Select(a => new OfficialAnchor(a.Value ?? 0, a.Text?.Trim() ?? ""))],
            string.IsNullOrWhiteSpace(i.NotApplicableText) ? null : i.NotApplicableText.Trim()))]);
}

/// <summary>Reads the file the practice received (JSON, the shape of <see cref="OfficialWordingInput"/>) for the admin page.</summary>
public static class OfficialWordingFile
{
    public const int MaxLength = 200_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static Outcome<OfficialWordingInput> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Outcome.Invalid("file", "Choose the wording file (JSON) or paste its text.");
        }
        if (text.Length > MaxLength)
        {
            return Outcome.Invalid("file", $"The file is longer than {MaxLength:N0} characters.");
        }
        try
        {
            return JsonSerializer.Deserialize<OfficialWordingInput>(text, Json) is { } input
                ? input
                : Outcome.Invalid("file", "The file must be a JSON object { \"instrument\": …, \"language\": …, \"items\": [...] }.");
        }
        catch (JsonException ex)
        {
            return Outcome.Invalid("file", $"The file is not the expected JSON ({ex.Path ?? "start"}, line {(ex.LineNumber ?? 0) + 1}).");
        }
    }
}
