using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Settings;
using Talus.Web.Shared;

namespace Talus.Web.Features.Consent;

public sealed record SignatureView(DateTime SignedAt, string SignedName, SignatureMethod Method, SignedVia Via, string? IpAddress,
    string? AssistedBy, string TimeZone, string Language, int TemplateVersion, string HtmlSha256, string PdfSha256);

public sealed record ConsentView(Guid Id, Joint Joint, Side Side, Guid PlanId, int PlanVersion, InjectionProduct Product, TissueSource Source,
    string? IndNumber, int TemplateVersion, string Language, Guid? DecisionAidRecordId, string? DecisionAidContentVersion, Guid? EstimateId, int? EstimateVersion,
    string EstimateText, RegulatoryFlag Flag, CaliforniaNotice CaliforniaNotice, bool ResearchConsent, ConsentStatus Status, DateTime PreparedAt,
    string? PreparedBy, DateTime? SupersededAt, string? SupersededReason, IReadOnlyList<ConsentSectionText> Sections, SignatureView? Signature)
{
    public static ConsentView From(ConsentPacket c, SignedConsent? s) => new(c.Id, c.Joint, c.Side, c.PlanId, c.PlanVersion, c.Product, c.Source,
        c.IndNumber, c.TemplateVersion, c.Language, c.DecisionAidRecordId, c.DecisionAidContentVersion, c.EstimateId, c.EstimateVersion,
        c.EstimateId is null ? "No estimate issued yet" : $"Estimate {c.EstimateId} version {c.EstimateVersion}",
        c.Flag, c.CaliforniaNotice, c.ResearchConsent, c.Status, c.PreparedAt, c.PreparedBy, c.SupersededAt, c.SupersededReason,
        ConsentDocument.Sections(c),
        s is null ? null : new(s.SignedAt, s.SignedName, s.Method, s.Via, s.IpAddress, s.AssistedBy, s.TimeZone, s.Language, s.TemplateVersion, s.HtmlSha256, s.PdfSha256));
}

public static class ConsentEndpoints
{
    public static void MapConsentEndpoints(this WebApplication app)
    {
        var templates = app.MapGroup("/api/consent-templates").WithTags("Consent templates")
            .RequireAuthorization(Auth.Policies.PracticeManage);

        templates.MapGet("/", async (ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.ConsentTemplates.AsNoTracking().OrderByDescending(t => t.Version).ToListAsync(ct)).Select(TemplateView.From).ToList()))
            .WithSummary("All consent template versions, newest first, with their status (Draft, Active, Retired) and sections.");
        templates.MapGet("/{id:int}", async (int id, ClinicDb db, CancellationToken ct) =>
                await db.ConsentTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
                    ? Results.Ok(TemplateView.From(t)) : Results.NotFound())
            .WithSummary("One consent template version.");
        templates.MapPost("/", async (TemplateInput input, ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await ManageConsentTemplates.CreateAsync(input, PlanEndpoints.Who(user), db, clock, ct))
                    .ToHttp(t => TypedResults.Created($"/api/consent-templates/{t.Id}", TemplateView.From(t))))
            .WithSummary("Save a new template version. It must contain IC-01…IC-17 (SPEC §9.1) and the research elements RS-01…RS-09 and CA-BOR (§9.2); " +
                "IC-03 must be the California §684 notice word for word. activate=true makes it the active version.");
        templates.MapPost("/{id:int}/activate", async (int id, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await ManageConsentTemplates.ActivateAsync(id, db, clock, ct)).ToHttp(t => TypedResults.Ok(TemplateView.From(t))))
            .WithSummary("Make a draft version the active one; the previously active version is retired. Packets keep the version they were prepared from.");

        var group = app.MapGroup("/api/patients/{patientId:guid}/consents").WithTags("Consent")
            .RequireAuthorization(Auth.Policies.ChartRead);

        group.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
            {
                var packets = await db.ConsentPackets.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(ct);
                var signatures = await db.SignedConsents.AsNoTracking().Where(s => s.PatientId == patientId)
                    .Select(s => new { s.ConsentPacketId, s.SignedAt, s.SignedName, s.Method, s.Via, s.IpAddress, s.AssistedBy, s.TimeZone, s.Language, s.TemplateVersion, s.HtmlSha256, s.PdfSha256 })
                    .ToDictionaryAsync(s => s.ConsentPacketId, ct);
                return TypedResults.Ok(packets.OrderByDescending(c => c.PreparedAt).Select(c => ConsentView.From(c, null) with
                {
                    Signature = signatures.GetValueOrDefault(c.Id) is { } s ? new(s.SignedAt, s.SignedName, s.Method, s.Via, s.IpAddress, s.AssistedBy, s.TimeZone, s.Language, s.TemplateVersion, s.HtmlSha256, s.PdfSha256) : null,
                }).ToList());
            })
            .PatientData("Consent")
            .WithSummary("The patient's consent packets, newest first: status (AwaitingSignature, Signed, Superseded), what each binds, and the signature with the SHA-256 of the stored HTML and PDF.");

        group.MapGet("/{consentId:guid}", async (Guid patientId, Guid consentId, ClinicDb db, CancellationToken ct) =>
                await db.ConsentPackets.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId && c.PatientId == patientId, ct) is { } c
                    ? Results.Ok(ConsentView.From(c, await db.SignedConsents.AsNoTracking().FirstOrDefaultAsync(s => s.ConsentPacketId == c.Id, ct)))
                    : Results.NotFound())
            .PatientData("Consent")
            .WithSummary("One consent packet with its sections as shown to the patient.");

        group.MapPost("/", async (Guid patientId, PrepareConsentInput input, ClaimsPrincipal user, ClinicDb db, PracticeSettings settings, TimeProvider clock,
                CancellationToken ct) =>
                (await PrepareConsent.RunAsync(patientId, input, PlanEndpoints.Who(user), db, settings, clock, ct))
                    .ToHttp(c => TypedResults.Created($"/api/patients/{patientId}/consents/{c.Id}", ConsentView.From(c, null))))
            .RequireAuthorization(Auth.Policies.ConsentCollect)
            .PatientData("Consent")
            .WithSummary("Prepare the consent packet for the current plan version (or return the one already waiting or signed). " +
                "RED products are refused (409 with reasons); the §684 notice is included for cell products and the research elements for RESEARCH_ONLY.");

        group.MapPost("/{consentId:guid}/signature", async (Guid patientId, Guid consentId, SignConsentInput input, ClaimsPrincipal user, HttpContext http,
                ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await SignConsent.RunAsync(patientId, consentId, input, SignedVia.ClinicTablet, http.Connection.RemoteIpAddress?.ToString(),
                    PlanEndpoints.Who(user), db, clock, ct))
                    .ToHttp(s => TypedResults.Created($"/api/patients/{patientId}/consents/{consentId}",
                        new SignatureView(s.SignedAt, s.SignedName, s.Method, s.Via, s.IpAddress, s.AssistedBy, s.TimeZone, s.Language, s.TemplateVersion, s.HtmlSha256, s.PdfSha256))))
            .RequireAuthorization(Auth.Policies.ConsentCollect)
            .PatientData("Consent")
            .WithSummary("The patient signs on a clinic tablet: initials for every section, full name, agree=true, optional drawn strokes. " +
                "Stores the HTML and PDF once with their SHA-256; a signed or superseded packet answers 409. There is no endpoint to change a signed packet.");

        group.MapGet("/{consentId:guid}/pdf", async (Guid patientId, Guid consentId, ClinicDb db, CancellationToken ct) =>
                await db.SignedConsents.AsNoTracking().FirstOrDefaultAsync(s => s.ConsentPacketId == consentId && s.PatientId == patientId, ct) is { } s
                    ? Results.File(s.Pdf, "application/pdf", $"consent-{consentId}.pdf")
                    : Results.NotFound())
            .PatientData("Consent", AuditAction.Export)
            .WithSummary("The signed consent as stored (PDF).");

        group.MapGet("/{consentId:guid}/html", async (Guid patientId, Guid consentId, ClinicDb db, CancellationToken ct) =>
                await db.SignedConsents.AsNoTracking().FirstOrDefaultAsync(s => s.ConsentPacketId == consentId && s.PatientId == patientId, ct) is { } s
                    ? Auth.ResponseSecurity.StoredHtml(s.Html)
                    : Results.NotFound())
            .PatientData("Consent", AuditAction.Export)
            .WithSummary("The signed consent as stored (HTML).");

        app.MapGet("/api/portal/consents/{consentId:guid}/pdf", async (Guid consentId, ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
                Guid.TryParse(user.FindFirstValue(TalusClaims.PatientId), out var own)
                && await db.SignedConsents.AsNoTracking().FirstOrDefaultAsync(s => s.ConsentPacketId == consentId && s.PatientId == own, ct) is { } s
                    ? Results.File(s.Pdf, "application/pdf", $"consent-{consentId}.pdf")
                    : Results.NotFound())
            .WithTags("Portal")
            .RequireAuthorization(Auth.Policies.Portal)
            .PatientData("Consent", AuditAction.Export)
            .WithSummary("The signed-in patient's own signed consent (PDF); any other consent answers 404.");
    }
}
