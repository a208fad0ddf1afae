using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Documents;
using Talus.Web.Shared;

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

    /// <summary>
    /// The facts the packet binds together, as label/value pairs, in the current UI culture (the document is built inside
    /// <see cref="PatientText.In{T}"/> with the packet's language): labels from the patient text resources, dates via PatientFormat.
    /// </summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(ConsentPacket packet, Patient patient) =>
    [
        (Say("ConsentDoc_Patient"), Say("ConsentDoc_PatientLine", patient.FullName, patient.Mrn, PatientFormat.Date(patient.BirthDate))),
        (Say("ConsentDoc_Treatment"), $"{Say($"Product_{packet.Product}")}, {Say("JointSide", Say($"Side_{packet.Side}"), Say($"Joint_{packet.Joint}"))}"),
        (Say("ConsentDoc_Regulatory"), $"{Say($"ConsentDoc_Flag_{packet.Flag}")}{(packet.IndNumber is null ? "" : $" · IND {packet.IndNumber}")}{(packet.ResearchConsent ? $" · {Say("ConsentDoc_Research")}" : "")}"),
        (Say("ConsentDoc_Plan"), Say("ConsentDoc_PlanLine", packet.PlanVersion, packet.PlanId)),
        (Say("ConsentDoc_Text"), Say("ConsentDoc_TextLine", packet.TemplateVersion, Say("ConsentDoc_LanguageName"))),
        (Say("ConsentDoc_DecisionAid"), packet.DecisionAidRecordId is null ? Say("ConsentDoc_DecisionAidNone") : $"{packet.DecisionAidContentVersion} ({packet.DecisionAidRecordId})"),
        (Say("ConsentDoc_Estimate"), packet.EstimateId is null ? Say("ConsentDoc_EstimateNone") : Say("ConsentDoc_EstimateLine", packet.EstimateId, packet.EstimateVersion!)),
        (Say("ConsentDoc_Id"), packet.Id.ToString()),
    ];

    /// <summary>The signed document as a standalone HTML page, in the packet's language.</summary>
    public static string Html(ConsentPacket packet, Patient patient, SignatureFacts sig) => PatientText.In(packet.Language, _ =>
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"").Append(packet.Language == "es" ? "es" : "en").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(Say("ConsentDoc_Title"))).Append(' ').Append(E(packet.Id.ToString())).Append("</title><style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;line-height:1.45;color:#1b2a33}")
            .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#55666f}dd{margin:0}")
            .Append("section{border-top:1px solid #d5dde2;padding:.5rem 0}.notice{font-weight:700;border:2px solid #1b2a33;padding:.75rem}.initials{color:#0b5e6b}</style></head><body>");
        h.Append("<h1>").Append(E(Say("ConsentDoc_Title"))).Append("</h1><dl>");
        foreach (var (label, value) in Facts(packet, patient))
        {
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
        h.Append("</dl>");
        foreach (var s in Sections(packet))
        {
            var englishNotice = s.Kind == SectionKind.CaliforniaNotice && packet.Language != "en";
            h.Append("<section id=\"").Append(E(s.Id)).Append("\"><h2>").Append(E(s.Id)).Append(' ').Append(E(s.Title)).Append("</h2><p")
                .Append(s.Kind == SectionKind.CaliforniaNotice ? " class=\"notice\"" : "").Append(englishNotice ? " lang=\"en\"" : "").Append('>').Append(E(s.Text)).Append("</p>");
            if (englishNotice)
            {
                h.Append("<p>").Append(E(Say("ConsentDoc_NoticeExplained"))).Append("</p>");
            }
            h.Append("<p class=\"initials\">").Append(E(Say("ConsentDoc_Initialled", sig.Initials.GetValueOrDefault(s.Id, "—")))).Append("</p></section>");
        }
        h.Append("<h2>").Append(E(Say("ConsentDoc_Signature"))).Append("</h2><dl>");
        foreach (var (label, value) in SignatureLines(sig))
        {
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
        h.Append("</dl>");
        if (sig.Strokes.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(Say("ConsentDoc_DrawnSignature"))}\" viewBox=\"0 0 {CanvasWidth} {CanvasHeight}\" width=\"300\" height=\"100\" style=\"border:1px solid #8a9aa3\">");
            foreach (var stroke in sig.Strokes)
            {
                h.Append("<polyline fill=\"none\" stroke=\"#1b2a33\" stroke-width=\"3\" stroke-linecap=\"round\" points=\"")
                    .AppendJoin(' ', stroke.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}"))).Append("\"/>");
            }
            h.Append("</svg>");
        }
        h.Append("</body></html>");
        return h.ToString();
    });

    /// <summary>The signed document as a PDF, in the packet's language.</summary>
    public static byte[] Pdf(ConsentPacket packet, Patient patient, SignatureFacts sig) => PatientText.In(packet.Language, _ =>
    {
        using var pdf = new DocumentBuilder(Say("ConsentDoc_Title"), $"Talus consent {packet.Id} · template v{packet.TemplateVersion} ({packet.Language}) · plan v{packet.PlanVersion}");
        pdf.Title(Say("ConsentDoc_Title"));
        foreach (var (label, value) in Facts(packet, patient))
        {
            pdf.Text($"{label}: {value}", 9.5);
        }
        foreach (var s in Sections(packet))
        {
            pdf.Rule();
            pdf.Text($"{s.Id}  {s.Title}", 11, bold: true);
            pdf.Text(s.Text, 10, bold: s.Kind == SectionKind.CaliforniaNotice);
            if (s.Kind == SectionKind.CaliforniaNotice && packet.Language != "en")
            {
                pdf.Text(Say("ConsentDoc_NoticeExplained"), 10);
            }
            pdf.Text(Say("ConsentDoc_Initialled", sig.Initials.GetValueOrDefault(s.Id, "—")), 9.5, indent: 12);
        }
        pdf.Rule();
        pdf.Text(Say("ConsentDoc_Signature"), 12, bold: true);
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
    });

    private static IEnumerable<(string, string)> SignatureLines(SignatureFacts sig)
    {
        yield return (Say("ConsentDoc_SignedBy"), sig.SignedName);
        yield return (Say("ConsentDoc_SignedAt"), Say("ConsentDoc_SignedAtLine", PatientFormat.DateTime(PracticeClock.Local(sig.SignedAt, sig.TimeZone)),
            sig.SignedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        yield return (Say("ConsentDoc_How"), Say(sig.Method == SignatureMethod.Drawn ? "ConsentDoc_HowDrawn" : "ConsentDoc_HowTyped"));
        yield return (Say("ConsentDoc_Where"), sig.Via == SignedVia.Portal ? Say("ConsentDoc_WherePortal")
            : sig.AssistedBy is null ? Say("ConsentDoc_WhereTablet") : Say("ConsentDoc_WhereTabletBy", sig.AssistedBy));
        yield return (Say("ConsentDoc_Ip"), sig.IpAddress ?? Say("ConsentDoc_IpUnknown"));
    }

    private static string Say(string key, params object[] args) => PatientText.Say(key, args);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}
