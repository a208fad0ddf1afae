using System.ComponentModel.DataAnnotations;
using Talus.Web.Data;

namespace Talus.Web.Features.Admin;

public sealed class LocationInput
{
    [Required, StringLength(100, MinimumLength = 2)] public string Name { get; set; } = "";
    [Required, StringLength(200)] public string AddressLine { get; set; } = "";
    [Required, StringLength(100)] public string City { get; set; } = "";
    [Required, StringLength(2, MinimumLength = 2)] public string State { get; set; } = "CA";
    [Required, RegularExpression(@"^\d{5}(-\d{4})?$", ErrorMessage = "Enter a 5-digit ZIP code.")] public string PostalCode { get; set; } = "";
    [Required, Phone] public string Phone { get; set; } = "";
    [Required, TimeZoneId] public string TimeZone { get; set; } = "America/Los_Angeles";
    /// <summary>Required in JSON (a [Required] field must be sent): left out, an update would reactivate the location.</summary>
    [Required] public bool IsActive { get; set; } = true;

    public static LocationInput From(Location l) => new()
    {
        Name = l.Name, AddressLine = l.AddressLine, City = l.City, State = l.State, PostalCode = l.PostalCode,
        Phone = l.Phone, TimeZone = l.TimeZone, IsActive = l.IsActive,
    };

    public void ApplyTo(Location l)
    {
        l.Name = Name.Trim();
        l.AddressLine = AddressLine.Trim();
        l.City = City.Trim();
        l.State = State.Trim().ToUpperInvariant();
        l.PostalCode = PostalCode.Trim();
        l.Phone = Phone.Trim();
        l.TimeZone = TimeZone;
        l.IsActive = IsActive;
    }
}

/// <summary>An IANA time zone id that NodaTime knows.</summary>
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string id && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is null
            ? new ValidationResult($"Unknown time zone '{id}'. Use an IANA id such as America/Los_Angeles.", [validationContext.MemberName!])
            : ValidationResult.Success;
}

public sealed record DayHours(DayOfWeek Day, TimeOnly? Opens, TimeOnly? Closes);

public sealed class ClosureInput
{
    [Required] public DateOnly? Date { get; set; }
    [Required, StringLength(200, MinimumLength = 2)] public string Reason { get; set; } = "";
}

public sealed class ResourceInput
{
    [Required, StringLength(100, MinimumLength = 2)] public string Name { get; set; } = "";
    /// <summary>A RoomKind for rooms or an EquipmentKind for equipment.</summary>
    [Required] public string Kind { get; set; } = "";
    /// <summary>Required in JSON (a [Required] field must be sent): left out, a rename would silently retire or revive the resource.</summary>
    [Required] public bool IsActive { get; set; } = true;
}

public sealed class StaffInput
{
    [Required, StringLength(100, MinimumLength = 2)] public string DisplayName { get; set; } = "";
    [Required, EmailAddress] public string Email { get; set; } = "";
    [StringLength(40)] public string? Credentials { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    [RegularExpression(@"^\d{10}$", ErrorMessage = "An NPI has 10 digits.")] public string? Npi { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }
    [Required, RegularExpression("^(FrontDesk|Clinician|Billing|Admin|Outcomes)$", ErrorMessage = "Role must be FrontDesk, Clinician, Billing, Admin or Outcomes.")]
    public string? Role { get; set; }
    public int[] LocationIds { get; set; } = [];
    /// <summary>Required in JSON (a [Required] field must be sent): left out, an update would silently reactivate a deactivated member.</summary>
    [Required] public bool IsActive { get; set; } = true;
}
