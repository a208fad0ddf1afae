using System.Globalization;

namespace Talus.Clinical.Registry;

/// <summary>The 18 identifiers of the HIPAA Safe Harbor method, in the order of 45 CFR 164.514(b)(2)(i)(A)–(R).</summary>
public enum SafeHarborIdentifier
{
    Names,
    GeographicSubdivisionsSmallerThanState,
    DatesExceptYearAndAgesOver89,
    TelephoneNumbers,
    FaxNumbers,
    EmailAddresses,
    SocialSecurityNumbers,
    MedicalRecordNumbers,
    HealthPlanBeneficiaryNumbers,
    AccountNumbers,
    CertificateOrLicenseNumbers,
    VehicleIdentifiers,
    DeviceIdentifiersAndSerialNumbers,
    WebUrls,
    IpAddresses,
    BiometricIdentifiers,
    FullFacePhotographs,
    OtherUniqueIdentifyingNumbers,
}

/// <summary>
/// De-identification helpers for the research export (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)). The export keeps none of
/// the 18 identifiers; its patient code is random per export, not derived from any identifier (45 CFR 164.514(c)).
/// </summary>
public static class SafeHarbor
{
    /// <summary>Ages over 89 are aggregated into one category "90+" (45 CFR 164.514(b)(2)(i)(C)).</summary>
    public static string AgeGroup(int ageYears)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ageYears);
        return ageYears > 89 ? "90+" : ageYears.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whole years of age on a date (birthday not yet reached that year = one less).</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        return on < birthDate.AddYears(age) ? age - 1 : age;
    }

    /// <summary>
    /// The initial three digits of a ZIP code, or "000" when that 3-digit area has 20,000 people or fewer (the restricted
    /// list) or the ZIP is not a US ZIP (45 CFR 164.514(b)(2)(i)(B)).
    /// </summary>
    public static string Zip3(string? zip, RegistrySettings settings)
    {
        if (zip is null || zip.Length < 5 || zip.AsSpan(0, 5).ContainsAnyExceptInRange('0', '9'))
        {
            return "000";
        }

        var prefix = zip[..3];
        return settings.RestrictedZip3.Contains(prefix) ? "000" : prefix;
    }

    /// <summary>A per-patient date offset: a whole number of days in ±1..max, never 0, drawn from the caller's random source.</summary>
    public static int NewOffset(Random random, RegistrySettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.DateShiftMaxDays, 1);
        var days = random.Next(1, settings.DateShiftMaxDays + 1);
        return random.Next(2) == 0 ? -days : days;
    }

    /// <summary>A date moved by the patient's offset: intervals between one patient's dates are kept, the calendar dates are not.</summary>
    public static DateOnly Shift(DateOnly date, int offsetDays) => date.AddDays(offsetDays);
}
