using System.ComponentModel.DataAnnotations;

namespace Talus.Web.Features.Education;

/// <summary>
/// How the practice presents itself on every patient-facing page: its name, logo and contact. A practice setting,
/// read and written only through <see cref="Settings.PracticeSettings"/>; the administrator edits it at /admin/practice-identity.
/// The logo is an address only (https:// or a path on this site), never uploaded markup, so it cannot carry script.
/// </summary>
public sealed class PracticeIdentity
{
    [Required, StringLength(80, MinimumLength = 2)] public string Name { get; set; } = "Foot & Ankle Arthritis Program";
    [StringLength(120)] public string? Tagline { get; set; }
    [StringLength(30)] public string? Phone { get; set; }
    [StringLength(120)] public string? Email { get; set; }
    [StringLength(200)] public string? Website { get; set; }
    /// <summary>The logo's address: https://… or /… on this site; none shows the name only.</summary>
    [StringLength(400)] public string? LogoUrl { get; set; }

    /// <summary>The record's problems by JSON name, for the settings check.</summary>
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var r in results)
        {
            foreach (var m in r.MemberNames)
            {
                errors[Shared.InputCheck.Camel(m)] = [r.ErrorMessage ?? "Not valid."];
            }
        }
        if (!string.IsNullOrEmpty(LogoUrl) && !IsSafeAddress(LogoUrl))
        {
            errors["logoUrl"] = ["The logo must be an https:// address or a path on this site (/…)."];
        }
        if (!string.IsNullOrEmpty(Website) && !(Uri.TryCreate(Website, UriKind.Absolute, out var w) && w.Scheme is "https" or "http"))
        {
            errors["website"] = ["The website must be an http:// or https:// address."];
        }
        if (!string.IsNullOrEmpty(Email) && !new EmailAddressAttribute().IsValid(Email))
        {
            errors["email"] = ["Give an email address like info@example.com."];
        }
        if (!string.IsNullOrEmpty(Phone) && Phone.Any(c => !(char.IsDigit(c) || c is ' ' or '(' or ')' or '-' or '+' or '.')))
        {
            errors["phone"] = ["A phone number has digits, spaces, ( ) - + and . only."];
        }
        return errors;
    }

    /// <summary>An https address, or a path on this site (not "//host", which leaves the site).</summary>
    public static bool IsSafeAddress(string url) =>
        (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == "https")
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal));

    /// <summary>The phone as a tel: link target (digits and +).</summary>
    public static string TelOf(string phone) => "tel:" + new string([.. phone.Where(c => char.IsDigit(c) || c == '+')]);
}
