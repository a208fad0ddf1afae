using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Consultations;

public enum ConsultationRequestStatus { New, Handled, NotReachable }

/// <summary>Which side hurts, as a visitor tells it (a patient record always names one side; SPEC §0).</summary>
public enum RequestedSide { Right, Left, Both, NotSure }

/// <summary>
/// A visitor's request for a consultation, sent from the public education pages without an account. It holds personal
/// data, so it is read only by front-desk staff and every read is audited like patient data.
/// </summary>
public sealed class ConsultationRequest
{
    public Guid Id { get; set; } = Ids.NewV7();
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public int? PreferredLocationId { get; set; }
    public Location? PreferredLocation { get; set; }
    public Joint? Joint { get; set; }
    public RequestedSide? Side { get; set; }
    public string? Question { get; set; }
    public string PreferredLanguage { get; set; } = "en";
    public bool ConsentToContact { get; set; }
    public DateTime ReceivedAt { get; set; }
    public ConsultationRequestStatus Status { get; set; }
    public string? HandledNote { get; set; }
    public DateTime? HandledAt { get; set; }
    public string? HandledBy { get; set; }
    /// <summary>The patient record the front desk registered (or matched) for this request.</summary>
    public Guid? PatientId { get; set; }
    public Guid Version { get; set; } = Ids.NewVersion();

    public string FullName => $"{GivenName} {FamilyName}";
}

public static class ConsultationModel
{
    public static void Configure(ModelBuilder b) => b.Entity<ConsultationRequest>(e =>
    {
        e.HasIndex(r => new { r.Status, r.ReceivedAt });
        e.Property(r => r.Question).HasMaxLength(2000);
        e.Property(r => r.HandledNote).HasMaxLength(2000);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne(r => r.PreferredLocation).WithMany().HasForeignKey(r => r.PreferredLocationId);
        e.Ignore(r => r.FullName);
    });
}

/// <summary>What a visitor sends; the same rules for the public form and <c>POST /api/consultation-requests</c>.</summary>
public sealed class ConsultationRequestInput : IValidatableObject
{
    [Required(ErrorMessage = "Please tell us your first name."), StringLength(100, ErrorMessage = "First name is too long (100 letters at most).")]
    public string GivenName { get; set; } = "";

    [Required(ErrorMessage = "Please tell us your last name."), StringLength(100, ErrorMessage = "Last name is too long (100 letters at most).")]
    public string FamilyName { get; set; } = "";

    [Patients.PlausibleBirthDate]
    public DateOnly? BirthDate { get; set; }

    [Phone(ErrorMessage = "Please enter a phone number we can call, like (949) 555-0123."), StringLength(30)]
    public string? Phone { get => phone; set => phone = string.IsNullOrWhiteSpace(value) ? null : value; }

    [EmailAddress(ErrorMessage = "Please enter an email address like name@example.com."), StringLength(200)]
    public string? Email { get => email; set => email = string.IsNullOrWhiteSpace(value) ? null : value; }

    // An empty box means "not given", not an invalid value.
    private string? phone;
    private string? email;

    public int? PreferredLocationId { get; set; }

    public Joint? Joint { get; set; }

    public RequestedSide? Side { get; set; }

    [StringLength(2000, ErrorMessage = "Please keep your question under 2,000 characters.")]
    public string? Question { get; set; }

    [Required, RegularExpression("^(en|es)$", ErrorMessage = "Preferred language must be en (English) or es (Spanish).")]
    public string PreferredLanguage { get; set; } = "en";

    public bool ConsentToContact { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email))
        {
            yield return new ValidationResult("Please give a phone number or an email address so we can reach you.", [nameof(Phone)]);
        }
        if (!ConsentToContact)
        {
            yield return new ValidationResult("Please tick the box so we may contact you about your request.", [nameof(ConsentToContact)]);
        }
    }
}

/// <summary>How a request ended: reached and handled, or not reachable, with a note.</summary>
public sealed class HandleRequestInput
{
    [Required(ErrorMessage = "Choose handled or not reachable.")]
    public ConsultationRequestStatus? Outcome { get; set; }

    [StringLength(2000)]
    public string? Note { get; set; }
}

/// <summary>What the front desk adds to a request to register the person as a patient.</summary>
public sealed class RegisterFromRequestInput
{
    [Required(ErrorMessage = "Birth date is needed to register a patient."), Patients.PlausibleBirthDate]
    public DateOnly? BirthDate { get; set; }

    [Required(ErrorMessage = "Sex is needed to register a patient.")]
    public Sex? Sex { get; set; }
}

public sealed record ConsultationRequestView(
    Guid Id, string GivenName, string FamilyName, DateOnly? BirthDate, string? Phone, string? Email, int? PreferredLocationId,
    string? PreferredLocation, Joint? Joint, RequestedSide? Side, string? Question, string PreferredLanguage, bool ConsentToContact,
    DateTime ReceivedAt, ConsultationRequestStatus Status, string? HandledNote, DateTime? HandledAt, string? HandledBy, Guid? PatientId, Guid Version)
{
    public static ConsultationRequestView From(ConsultationRequest r) => new(
        r.Id, r.GivenName, r.FamilyName, r.BirthDate, r.Phone, r.Email, r.PreferredLocationId, r.PreferredLocation?.Name, r.Joint, r.Side,
        r.Question, r.PreferredLanguage, r.ConsentToContact, r.ReceivedAt, r.Status, r.HandledNote, r.HandledAt, r.HandledBy, r.PatientId, r.Version);
}

/// <summary>The public answer to a request: only its id and when it arrived, never the data sent back.</summary>
public sealed record ConsultationRequestReceipt(Guid Id, DateTime ReceivedAt);
