using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Consent;

/// <summary>What the patient enters to sign: initials per section, full name, "I agree", and optionally a drawn signature.</summary>
public sealed class SignConsentInput
{
    [Required, StringLength(200, MinimumLength = 2), Display(Name = "Full name")] public string FullName { get; set; } = "";
    /// <summary>Section id → initials, for every section of the packet.</summary>
    public Dictionary<string, string?> Initials { get; set; } = [];
    /// <summary>Must be true: the patient ticks "I agree" (also the accessible alternative to drawing).</summary>
    public bool Agree { get; set; }
    /// <summary>Drawn signature: strokes of [x, y] points on a 600×200 canvas (y downwards). Optional.</summary>
    public double[][][]? SignatureStrokes { get; set; }
}

/// <summary>
/// Signs a waiting packet: checks every initial, the name and the agreement, then stores the signed HTML and PDF with
/// their SHA-256 once (immutable) and marks the packet Signed. A signed or superseded packet cannot be signed again.
/// </summary>
public static partial class SignConsent
{
    private const int MaxStrokes = 200, MaxPoints = 10_000;

    public static async Task<Outcome<SignedConsent>> RunAsync(Guid patientId, Guid consentId, SignConsentInput input, SignedVia via,
        string? ipAddress, string? assistedBy, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var packet = await db.ConsentPackets.FirstOrDefaultAsync(c => c.Id == consentId && c.PatientId == patientId, ct);
        if (packet is null)
        {
            return Outcome.NotFound();
        }
        if (packet.Status == ConsentStatus.Signed)
        {
            return Outcome.Refused("This consent is already signed. A signed consent cannot be changed; a change to the plan or estimate needs a new consent.");
        }
        if (packet.Status == ConsentStatus.Superseded)
        {
            return Outcome.Refused($"This consent was superseded ({packet.SupersededReason}) and can no longer be signed.");
        }

        var sections = ConsentDocument.Sections(packet);
        var errors = Check(input, sections.Select(s => s.Id), out var strokes);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, ct);
        var zone = packet.LocationId is { } loc
            ? await db.Locations.Where(l => l.Id == loc).Select(l => l.TimeZone).FirstOrDefaultAsync(ct)
            : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var initials = sections.ToDictionary(s => s.Id, s => input.Initials[s.Id]!.Trim().ToUpperInvariant());
        var facts = new SignatureFacts(input.FullName.Trim(), initials, strokes,
            strokes.Count > 0 ? SignatureMethod.Drawn : SignatureMethod.TypedAndAgreed, via, now, zone ?? Talus.Web.Shared.PracticeClock.PracticeZone, ipAddress, assistedBy);
        var html = ConsentDocument.Html(packet, patient, facts);
        var pdf = ConsentDocument.Pdf(packet, patient, facts);
        var signed = new SignedConsent
        {
            PatientId = patientId, ConsentPacketId = packet.Id, Language = packet.Language, TemplateVersion = packet.TemplateVersion, SignedAt = now, SignedName = facts.SignedName,
            InitialsJson = JsonSerializer.Serialize(initials),
            SignatureStrokesJson = strokes.Count > 0 ? JsonSerializer.Serialize(input.SignatureStrokes) : null,
            Method = facts.Method, Via = via, IpAddress = ipAddress, AssistedBy = assistedBy, TimeZone = facts.TimeZone,
            Html = html, Pdf = pdf, HtmlSha256 = ConsentDocument.Sha256(html), PdfSha256 = ConsentDocument.Sha256(pdf),
        };
        packet.Status = ConsentStatus.Signed;
        packet.SignedAt = now;
        packet.Concurrency = Guid.NewGuid();
        db.SignedConsents.Add(signed);
        await db.SaveChangesAsync(ct);
        return signed;
    }

    public static Dictionary<string, string[]> Check(SignConsentInput input, IEnumerable<string> sectionIds,
        out List<IReadOnlyList<(double X, double Y)>> strokes)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var id in sectionIds)
        {
            var value = input.Initials.GetValueOrDefault(id)?.Trim();
            if (string.IsNullOrEmpty(value) || !InitialsPattern().IsMatch(value))
            {
                errors[$"initials[{id}]"] = [$"Enter your initials for section {id} (1 to 4 letters)."];
            }
        }
        if (string.IsNullOrWhiteSpace(input.FullName) || input.FullName.Trim().Length < 2)
        {
            errors["fullName"] = ["Type your full name."];
        }
        if (!input.Agree)
        {
            errors["agree"] = ["Tick \"I agree\" to sign."];
        }

        strokes = [];
        if (input.SignatureStrokes is { } raw)
        {
            if (raw.Length > MaxStrokes || raw.Sum(s => s?.Length ?? 0) > MaxPoints)
            {
                errors["signatureStrokes"] = ["The drawn signature is too large."];
                return errors;
            }
            foreach (var stroke in raw)
            {
                if (stroke is null || stroke.Any(p => p is null || p.Length != 2 || !double.IsFinite(p[0]) || !double.IsFinite(p[1])
                    || p[0] < 0 || p[0] > ConsentDocument.CanvasWidth || p[1] < 0 || p[1] > ConsentDocument.CanvasHeight))
                {
                    errors["signatureStrokes"] = ["Each signature point is [x, y] inside the 600 × 200 signing box."];
                    return errors;
                }
                if (stroke.Length > 0)
                {
                    strokes.Add([.. stroke.Select(p => (p[0], p[1]))]);
                }
            }
        }
        return errors;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z.\-']{0,5}$")]
    private static partial Regex InitialsPattern();
}
