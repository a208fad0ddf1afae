using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>A provider or facility that bills price-book items at a location.</summary>
public sealed class BillingEntityInput
{
    [Required, Range(1, int.MaxValue), Display(Name = "Location")] public int? LocationId { get; set; }
    [Required, Display(Name = "Kind")] public BillingEntityKind? Kind { get; set; }
    [Required, StringLength(200, MinimumLength = 2), Display(Name = "Name")] public string Name { get; set; } = "";
    [Required, RegularExpression(@"^[0-9]{10}$", ErrorMessage = "The NPI has 10 digits."), Display(Name = "NPI")] public string Npi { get; set; } = "";
    [Required, RegularExpression(@"^[0-9]{2}-[0-9]{7}$", ErrorMessage = "The TIN is written 12-3456789."), Display(Name = "TIN")] public string Tin { get; set; } = "";
    [Required, StringLength(200, MinimumLength = 3), Display(Name = "Street address")] public string AddressLine { get; set; } = "";
    [Required, StringLength(100, MinimumLength = 2), Display(Name = "City")] public string City { get; set; } = "";
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "State: the two-letter code, e.g. CA."), Display(Name = "State")] public string State { get; set; } = "CA";
    [Required, RegularExpression(@"^[0-9]{5}(-[0-9]{4})?$", ErrorMessage = "ZIP code: 5 digits (or ZIP+4)."), Display(Name = "ZIP code")] public string PostalCode { get; set; } = "";
}

public static class BillingEntities
{
    /// <summary>
    /// The NPI check digit: Luhn over the constant prefix 80840 and the first nine digits (CMS NPI standard).
    /// </summary>
    public static bool IsValidNpi(string npi)
    {
        if (npi.Length != 10 || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }
        return CheckDigit(npi[..9]) == npi[9] - '0';
    }

    /// <summary>The tenth digit that makes a valid NPI of nine digits.</summary>
    public static int CheckDigit(string nineDigits)
    {
        var digits = "80840" + nineDigits;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            // Double every second digit from the right, counting the missing check digit as the rightmost.
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return (10 - (sum % 10)) % 10;
    }

    public static async Task<Outcome<BillingEntity>> SaveAsync(int? id, BillingEntityInput input, ClinicDb db, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (!IsValidNpi(input.Npi))
        {
            return Outcome.Invalid("npi", "This NPI's check digit is wrong: check the number.");
        }
        if (!await db.Locations.AnyAsync(l => l.Id == input.LocationId, ct))
        {
            return Outcome.Invalid("locationId", "No such location.");
        }
        var entity = id is { } existing ? await db.BillingEntities.FirstOrDefaultAsync(e => e.Id == existing, ct) : null;
        if (id is not null && entity is null)
        {
            return Outcome.NotFound("No such provider or facility.");
        }
        if (await db.BillingEntities.AnyAsync(e => e.LocationId == input.LocationId && e.Npi == input.Npi && e.Id != (id ?? 0), ct))
        {
            return Outcome.Conflict("This location already has a provider or facility with this NPI.");
        }
        if (entity is null)
        {
            db.BillingEntities.Add(entity = new BillingEntity { Name = "", Npi = "", Tin = "", AddressLine = "", City = "", PostalCode = "" });
        }
        entity.LocationId = input.LocationId!.Value;
        entity.Kind = input.Kind!.Value;
        entity.Name = input.Name.Trim();
        entity.Npi = input.Npi;
        entity.Tin = input.Tin;
        entity.AddressLine = input.AddressLine.Trim();
        entity.City = input.City.Trim();
        entity.State = input.State;
        entity.PostalCode = input.PostalCode;
        await db.SaveChangesAsync(ct);
        return entity;
    }
}
