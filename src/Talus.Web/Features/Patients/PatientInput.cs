using System.ComponentModel.DataAnnotations;
using Talus.Web.Data;

namespace Talus.Web.Features.Patients;

/// <summary>What staff enter to register or correct a patient; the same rules for the form and the REST API.</summary>
public sealed class PatientInput
{
    [Required, StringLength(100, MinimumLength = 1), Display(Name = "Given name")] public string GivenName { get; set; } = "";
    [Required, StringLength(100, MinimumLength = 1), Display(Name = "Family name")] public string FamilyName { get; set; } = "";
    [Required, PlausibleBirthDate, Display(Name = "Birth date")] public DateOnly? BirthDate { get; set; }
    [Required, Display(Name = "Sex")] public Sex? Sex { get; set; }
    [Phone, StringLength(30), Display(Name = "Phone")] public string? Phone { get; set => field = Blank(value); }
    [EmailAddress, StringLength(200), Display(Name = "Email")] public string? Email { get; set => field = Blank(value); }
    [StringLength(200), Display(Name = "Street address")] public string? AddressLine { get; set => field = Blank(value); }
    [StringLength(100), Display(Name = "City")] public string? City { get; set => field = Blank(value); }
    [StringLength(2, MinimumLength = 2), Display(Name = "State")] public string? State { get; set => field = Blank(value); }
    [RegularExpression(@"^\d{5}(-\d{4})?$", ErrorMessage = "Enter a 5-digit ZIP code."), Display(Name = "ZIP code")] public string? PostalCode { get; set => field = Blank(value); }
    [Required, RegularExpression("^(en|es)$", ErrorMessage = "Preferred language must be en (English) or es (Spanish).")]
    public string PreferredLanguage { get; set; } = "en";
    public int? PreferredLocationId { get; set; }

    public static PatientInput From(Patient p) => new()
    {
        GivenName = p.GivenName, FamilyName = p.FamilyName, BirthDate = p.BirthDate, Sex = p.Sex, Phone = p.Phone,
        Email = p.Email, AddressLine = p.AddressLine, City = p.City, State = p.State, PostalCode = p.PostalCode,
        PreferredLanguage = p.PreferredLanguage, PreferredLocationId = p.PreferredLocationId,
    };

    public void ApplyTo(Patient p)
    {
        p.GivenName = GivenName.Trim();
        p.FamilyName = FamilyName.Trim();
        p.BirthDate = BirthDate!.Value;
        p.Sex = Sex!.Value;
        p.Phone = Blank(Phone);
        p.Email = Blank(Email);
        p.AddressLine = Blank(AddressLine);
        p.City = Blank(City);
        p.State = Blank(State)?.ToUpperInvariant();
        p.PostalCode = Blank(PostalCode);
        p.PreferredLanguage = PreferredLanguage;
        p.PreferredLocationId = PreferredLocationId;
        p.NormalizeKeys();
    }

    /// <summary>An empty form field means "not given", not an invalid value.</summary>
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A birth date that is not in the future and not before 1900.</summary>
public sealed class PlausibleBirthDateAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not DateOnly date)
        {
            return ValidationResult.Success;
        }
        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = Talus.Web.Shared.PracticeClock.Today(clock);
        return date > today || date.Year < 1900
            ? new ValidationResult("Birth date must be a real date between 1900 and today.", [validationContext.MemberName!])
            : ValidationResult.Success;
    }
}
