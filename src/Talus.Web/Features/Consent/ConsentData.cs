using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Consent;

public enum TemplateStatus { Draft, Active, Retired }

/// <summary>When a section of a template is part of a packet (SPEC §9.1 always; §9.2 conditional).</summary>
public enum SectionKind
{
    /// <summary>Always included (IC-01…IC-17 except IC-03, and practice additions).</summary>
    Core,
    /// <summary>IC-03, the California §684 notice: included for cell-based products (SPEC §6.4).</summary>
    CaliforniaNotice,
    /// <summary>21 CFR 50.25 elements and the Experimental Subject's Bill of Rights: research (IND) use only (SPEC §9.2).</summary>
    Research,
    /// <summary>Donor eligibility, lot and recall contact: allogeneic products only (SPEC §9.2).</summary>
    Allogeneic,
}

/// <summary>One section of consent text. Every section included in a packet needs the patient's initials.</summary>
public sealed record ConsentSectionText(string Id, string Title, string Text, SectionKind Kind);

/// <summary>
/// A version of the practice's consent text (Admin-managed). Never edited once saved: a change is a new version.
/// One version is active at a time; packets keep the version they were prepared from.
/// </summary>
public sealed class ConsentTemplate
{
    public int Id { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    /// <summary>The language the text is written in ("en" or "es"); one version per language is active (SPEC §9.1 IC-17).</summary>
    public string Language { get; set; } = "en";
    public TemplateStatus Status { get; set; }
    /// <summary>The sections as JSON (<see cref="ConsentSectionText"/>[]).</summary>
    public required string SectionsJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
}

public enum ConsentStatus { AwaitingSignature, Signed, Superseded }

/// <summary>
/// A consent packet: what the patient is asked to agree to, bound to the template version, the plan version, the
/// decision aid the patient saw and the estimate (when one exists). The section texts are frozen when the packet is
/// prepared, so the patient signs exactly what was shown. Only the status may change afterwards: to Signed (once),
/// or to Superseded when the plan, product or estimate changes (re-consent required).
/// </summary>
public sealed class ConsentPacket : IPatientRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Joint Joint { get; set; }
    public Side Side { get; set; }
    public Guid PlanId { get; set; }
    public int PlanVersion { get; set; }
    public InjectionProduct Product { get; set; }
    public TissueSource Source { get; set; }
    public string? IndNumber { get; set; }
    public int TemplateId { get; set; }
    public int TemplateVersion { get; set; }
    /// <summary>The language of the sections ("en" or "es"): the patient's preferred one when a template exists in it, else English.</summary>
    public string Language { get; set; } = "en";
    public Guid? DecisionAidRecordId { get; set; }
    public string? DecisionAidContentVersion { get; set; }
    /// <summary>The estimate the patient saw. Null: no estimate had been issued when the packet was prepared.</summary>
    public Guid? EstimateId { get; set; }
    public int? EstimateVersion { get; set; }
    public RegulatoryFlag Flag { get; set; }
    public CaliforniaNotice CaliforniaNotice { get; set; }
    public bool ResearchConsent { get; set; }
    /// <summary>The sections as shown to the patient (JSON <see cref="ConsentSectionText"/>[]).</summary>
    public required string SectionsJson { get; set; }
    /// <summary>The location whose time zone dates are shown in.</summary>
    public int? LocationId { get; set; }
    public ConsentStatus Status { get; set; }
    public DateTime PreparedAt { get; set; }
    public string? PreparedBy { get; set; }
    public DateTime? SignedAt { get; set; }
    public DateTime? SupersededAt { get; set; }
    public string? SupersededReason { get; set; }
    /// <summary>Optimistic concurrency: two people cannot sign or supersede the same packet at once.</summary>
    public Guid Concurrency { get; set; } = Ids.NewVersion();
}

public enum SignatureMethod { Drawn, TypedAndAgreed }

public enum SignedVia { Portal, ClinicTablet }

/// <summary>
/// The signed document, stored once and never changed (the database context refuses updates and deletes): the
/// signature, the HTML and PDF copies and the SHA-256 of each.
/// </summary>
public sealed class SignedConsent : IPatientRecord, IImmutableRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public Guid ConsentPacketId { get; set; }
    /// <summary>The language of the text signed ("en" or "es") and the template version it came from.</summary>
    public string Language { get; set; } = "en";
    public int TemplateVersion { get; set; }
    public DateTime SignedAt { get; set; }
    public required string SignedName { get; set; }
    /// <summary>Section id → the initials entered (JSON object).</summary>
    public required string InitialsJson { get; set; }
    /// <summary>The drawn signature: strokes of [x, y] points on a 600×200 canvas (JSON), or null when typed.</summary>
    public string? SignatureStrokesJson { get; set; }
    public SignatureMethod Method { get; set; }
    public SignedVia Via { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>The staff member who handed the clinic tablet to the patient, if any.</summary>
    public string? AssistedBy { get; set; }
    public required string TimeZone { get; set; }
    public required string Html { get; set; }
    public required byte[] Pdf { get; set; }
    public required string HtmlSha256 { get; set; }
    public required string PdfSha256 { get; set; }
}

public static class ConsentModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ConsentTemplate>(e =>
        {
            e.HasIndex(t => t.Version).IsUnique();
            e.Property(t => t.Language).HasMaxLength(8).HasDefaultValue("en");
            e.Property(t => t.SectionsJson).HasMaxLength(200_000);
        });
        b.Entity<ConsentPacket>(e =>
        {
            e.HasIndex(c => new { c.PatientId, c.PreparedAt });
            e.HasIndex(c => c.PlanId);
            e.Property(c => c.SectionsJson).HasMaxLength(200_000);
            e.Property(c => c.Language).HasMaxLength(8).HasDefaultValue("en");
            e.Property(c => c.SupersededReason).HasMaxLength(1000);
            e.Property(c => c.Concurrency).IsConcurrencyToken();
        });
        b.Entity<SignedConsent>(e =>
        {
            e.HasIndex(s => s.ConsentPacketId).IsUnique();
            e.HasIndex(s => s.PatientId);
            e.Property(s => s.InitialsJson).HasMaxLength(4000);
            e.Property(s => s.Language).HasMaxLength(8).HasDefaultValue("en");
            e.Property(s => s.SignatureStrokesJson).HasMaxLength(200_000);
            e.Property(s => s.Html).HasMaxLength(1_000_000);
            e.Property(s => s.HtmlSha256).HasMaxLength(64);
            e.Property(s => s.PdfSha256).HasMaxLength(64);
        });
    }
}
