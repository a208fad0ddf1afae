using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Documents;
using Talus.Web.Features.Plan;

namespace Talus.Web.Features.Consent;

/// <summary>What a signed document shows besides the packet: who signed, how, when and where from.</summary>
public sealed record SignatureFacts(
    string SignedName, IReadOnlyDictionary<string, string> Initials, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Strokes,
    SignatureMethod Method, SignedVia Via, DateTime SignedAt, string TimeZone, string? IpAddress, string? AssistedBy);

/// <summary>Renders a signed consent packet as a standalone HTML page and as a PDF, from the same content.</summary>
public static class ConsentDocument
{
    public const double CanvasWidth = 600, CanvasHeight = 200;

    public static IReadOnlyList<ConsentSectionText> Sections(ConsentPacket packet) =>
        JsonSerializer.Deserialize<ConsentSectionText[]>(packet.SectionsJson) ?? [];

    /// <summary>The facts the packet binds together, as label/value pairs (shown before signing and in the document).</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(ConsentPacket packet, Patient patient) =>
    [
        ("Patient", $"{patient.FullName} · MRN {patient.Mrn} · born {patient.BirthDate:yyyy-MM-dd}"),
        ("Treatment", $"{PlanText.Product(packet.Product)} ({packet.Source.ToString().ToLowerInvariant()}), {PlanText.JointSide(packet.Joint, packet.Side).ToLowerInvariant()}"),
        ("Regulatory status", $"{PlanText.Flag(packet.Flag)}{(packet.IndNumber is null ? "" : $" · IND {packet.IndNumber}")}{(packet.ResearchConsent ? " · research consent" : "")}"),
        ("Treatment plan", $"version {packet.PlanVersion} ({packet.PlanId})"),
        ("Consent text", $"template version {packet.TemplateVersion}"),
        ("Decision aid shown", packet.DecisionAidRecordId is null ? "none recorded" : $"{packet.DecisionAidContentVersion} ({packet.DecisionAidRecordId})"),
        ("Cost estimate", packet.EstimateId is null ? "No estimate issued yet" : $"estimate {packet.EstimateId}, version {packet.EstimateVersion}"),
        ("Consent id", packet.Id.ToString()),
    ];

    public static string Html(ConsentPacket packet, Patient patient, SignatureFacts sig)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Consent ")
            .Append(E(packet.Id.ToString())).Append("</title><style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;line-height:1.45;color:#1b2a33}")
            .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#55666f}dd{margin:0}")
            .Append("section{border-top:1px solid #d5dde2;padding:.5rem 0}.notice{font-weight:700;border:2px solid #1b2a33;padding:.75rem}.initials{color:#0b5e6b}</style></head><body>");
        h.Append("<h1>Informed consent: regenerative injection</h1><dl>");
        foreach (var (label, value) in Facts(packet, patient))
        {
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
        h.Append("</dl>");
        foreach (var s in Sections(packet))
        {
            h.Append("<section id=\"").Append(E(s.Id)).Append("\"><h2>").Append(E(s.Id)).Append(' ').Append(E(s.Title)).Append("</h2><p")
                .Append(s.Kind == SectionKind.CaliforniaNotice ? " class=\"notice\"" : "").Append('>').Append(E(s.Text)).Append("</p>")
                .Append("<p class=\"initials\">Initialled: ").Append(E(sig.Initials.GetValueOrDefault(s.Id, "—"))).Append("</p></section>");
        }
        h.Append("<h2>Signature</h2><dl>");
        foreach (var (label, value) in SignatureLines(sig))
        {
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
        h.Append("</dl>");
        if (sig.Strokes.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Drawn signature\" viewBox=\"0 0 {CanvasWidth} {CanvasHeight}\" width=\"300\" height=\"100\" style=\"border:1px solid #8a9aa3\">");
            foreach (var stroke in sig.Strokes)
            {
                h.Append("<polyline fill=\"none\" stroke=\"#1b2a33\" stroke-width=\"3\" stroke-linecap=\"round\" points=\"")
                    .AppendJoin(' ', stroke.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}"))).Append("\"/>");
            }
            h.Append("</svg>");
        }
        h.Append("</body></html>");
        return h.ToString();
    }

    public static byte[] Pdf(ConsentPacket packet, Patient patient, SignatureFacts sig)
    {
        using var pdf = new DocumentBuilder("Informed consent", $"Talus consent {packet.Id} · template v{packet.TemplateVersion} · plan v{packet.PlanVersion}");
        pdf.Title("Informed consent: regenerative injection");
        foreach (var (label, value) in Facts(packet, patient))
        {
            pdf.Text($"{label}: {value}", 9.5);
        }
        foreach (var s in Sections(packet))
        {
            pdf.Rule();
            pdf.Text($"{s.Id}  {s.Title}", 11, bold: true);
            pdf.Text(s.Text, 10, bold: s.Kind == SectionKind.CaliforniaNotice);
            pdf.Text($"Initialled: {sig.Initials.GetValueOrDefault(s.Id, "—")}", 9.5, indent: 12);
        }
        pdf.Rule();
        pdf.Text("Signature", 12, bold: true);
        foreach (var (label, value) in SignatureLines(sig))
        {
            pdf.Text($"{label}: {value}", 10);
        }
        if (sig.Strokes.Count > 0)
        {
            pdf.Gap(4);
            pdf.Strokes(sig.Strokes, CanvasWidth, CanvasHeight, 240, 80);
        }
        return pdf.ToArray();
    }

    private static IEnumerable<(string, string)> SignatureLines(SignatureFacts sig)
    {
        yield return ("Signed by", sig.SignedName);
        yield return ("Signed at", $"{Talus.Web.Shared.PracticeClock.Format(sig.SignedAt, sig.TimeZone)} ({sig.SignedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)");
        yield return ("How", sig.Method == SignatureMethod.Drawn ? "drawn signature and typed full name; \"I agree\" ticked" : "typed full name and \"I agree\" ticked");
        yield return ("Where", sig.Via == SignedVia.Portal ? "patient portal" : $"clinic tablet{(sig.AssistedBy is null ? "" : $", handed over by {sig.AssistedBy}")}");
        yield return ("IP address", sig.IpAddress ?? "not known");
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}
