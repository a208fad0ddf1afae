using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Consent;

public sealed class TemplateSectionInput
{
    [Required, RegularExpression(@"^[A-Z]{2,3}-[A-Z0-9]{2,4}$", ErrorMessage = "Section id like IC-01, RS-01 or CA-BOR.")]
    public string Id { get; set; } = "";
    [Required, StringLength(200, MinimumLength = 2)] public string Title { get; set; } = "";
    [Required, StringLength(8000, MinimumLength = 3)] public string Text { get; set; } = "";
}

public sealed class TemplateInput
{
    [Required, StringLength(200, MinimumLength = 3), Display(Name = "Title")] public string Title { get; set; } = "";
    /// <summary>The language the sections are written in: "en" or "es" (one active version per language); English when left out.</summary>
    [RegularExpression("^(en|es)$", ErrorMessage = "Language is en (English) or es (Spanish).")]
    public string Language { get => language; set => language = value ?? "en"; }
    private string language = "en";
    /// <summary>
    /// The sections in order. A form post without rows (or JSON null) is an empty list, so it is answered with the
    /// "sections" message rather than failing while the page renders.
    /// </summary>
    [Required, MinLength(1, ErrorMessage = "A template needs its sections.")]
    public List<TemplateSectionInput> Sections { get => sections; set => sections = value ?? []; }
    private List<TemplateSectionInput> sections = [];
    /// <summary>Make this version the active one at once (the previous active version is retired).</summary>
    public bool Activate { get; set; }

    public static TemplateInput From(ConsentTemplate t) => new()
    {
        Title = t.Title,
        Language = t.Language,
        Sections = [.. ManageConsentTemplates.SectionsOf(t).Select(s => new TemplateSectionInput { Id = s.Id, Title = s.Title, Text = s.Text })],
    };
}

public sealed record TemplateView(int Id, int Version, string Title, string Language, TemplateStatus Status, DateTime CreatedAt, string? CreatedBy,
    DateTime? ActivatedAt, DateTime? RetiredAt, IReadOnlyList<ConsentSectionText> Sections)
{
    public static TemplateView From(ConsentTemplate t) =>
        new(t.Id, t.Version, t.Title, t.Language, t.Status, t.CreatedAt, t.CreatedBy, t.ActivatedAt, t.RetiredAt, ManageConsentTemplates.SectionsOf(t));
}

/// <summary>
/// Consent templates are versions: saved once, never edited; activating one retires the previous active one of the
/// same language (an English and a Spanish version are active side by side).
/// </summary>
public static class ManageConsentTemplates
{
    public static IReadOnlyList<ConsentSectionText> SectionsOf(ConsentTemplate t) =>
        JsonSerializer.Deserialize<ConsentSectionText[]>(t.SectionsJson) ?? [];

    public static Dictionary<string, string[]> Check(TemplateInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = input.Sections.Select(s => s.Id).ToList();
        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors["sections"] = [$"Each section id appears once; repeated: {string.Join(", ", duplicates)}."];
        }
        var missing = ConsentTexts.RequiredIds.Concat(ConsentTexts.RequiredResearchIds).Except(ids).ToList();
        if (missing.Count > 0)
        {
            errors["sections"] = [.. errors.GetValueOrDefault("sections", []), $"Missing required sections (SPEC §9.1, §9.2): {string.Join(", ", missing)}."];
        }
        var notice = input.Sections.FindIndex(s => s.Id == ConsentTexts.CaliforniaNoticeId);
        if (notice >= 0 && input.Sections[notice].Text.Trim() != ProductClassification.CaliforniaNoticeText)
        {
            errors[$"sections[{notice}].text"] = ["IC-03 must be the California §684 notice word for word (SPEC §6.4)."];
        }
        return errors;
    }

    public static async Task<Outcome<ConsentTemplate>> CreateAsync(TemplateInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var errors = Check(input);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var sections = input.Sections.Select(s => new ConsentSectionText(s.Id, s.Title.Trim(), s.Text.Trim(), ConsentTexts.KindOf(s.Id))).ToArray();
        var template = new ConsentTemplate
        {
            Version = (await db.ConsentTemplates.MaxAsync(t => (int?)t.Version, ct) ?? 0) + 1,
            Title = input.Title.Trim(), Language = input.Language, Status = TemplateStatus.Draft, SectionsJson = JsonSerializer.Serialize(sections),
            CreatedAt = now, CreatedBy = by,
        };
        db.ConsentTemplates.Add(template);
        if (input.Activate)
        {
            await RetireActiveAsync(db, input.Language, now, ct);
            template.Status = TemplateStatus.Active;
            template.ActivatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return template;
    }

    public static async Task<Outcome<ConsentTemplate>> ActivateAsync(int id, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var template = await db.ConsentTemplates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return Outcome.NotFound();
        }
        if (template.Status == TemplateStatus.Active)
        {
            return template;
        }
        if (template.Status == TemplateStatus.Retired)
        {
            return Outcome.Refused($"Version {template.Version} was retired; save it again as a new version to use it.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await RetireActiveAsync(db, template.Language, now, ct);
        template.Status = TemplateStatus.Active;
        template.ActivatedAt = now;
        await db.SaveChangesAsync(ct);
        return template;
    }

    private static async Task RetireActiveAsync(ClinicDb db, string language, DateTime now, CancellationToken ct)
    {
        foreach (var active in await db.ConsentTemplates.Where(t => t.Status == TemplateStatus.Active && t.Language == language).ToListAsync(ct))
        {
            active.Status = TemplateStatus.Retired;
            active.RetiredAt = now;
        }
    }
}
