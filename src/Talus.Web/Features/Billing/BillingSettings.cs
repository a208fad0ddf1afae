namespace Talus.Web.Features.Billing;

/// <summary>
/// The practice's payment options and what an episode estimate counts by default. SPEC §7 gives no discount or
/// deposit: those are practice choices; the visit counts follow SPEC §4.2 and §7.1.
/// </summary>
public sealed class BillingSettings
{
    /// <summary>Pay in full before the procedure: percent off the patient responsibility (practice choice; SPEC gives none).</summary>
    public decimal PayInFullDiscountPercent { get; set; } = 5m;
    /// <summary>Deposit asked when booking, percent of the patient responsibility (practice choice; SPEC gives none).</summary>
    public decimal DepositPercent { get; set; } = 20m;
    /// <summary>Monthly instalment plans offered (practice choice).</summary>
    public int[] InstalmentCounts { get; set; } = [3, 6, 12];
    // SPEC §4.2 [D]: visits V1–V5 fall within the 12-month episode (V6 at two years is scheduled separately)
    public int FollowUpVisits { get; set; } = 5;
    // SPEC §4.2 [D]: weight-bearing radiographs at V5 (12 months)
    public int FollowUpImaging { get; set; } = 1;
    // SPEC §7.1 [GK]: a PT course is 6–12 visits
    public int PhysicalTherapyVisits { get; set; } = 8;

    /// <summary>The rule's range violations (JSON names), for the settings check.</summary>
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (PayInFullDiscountPercent is < 0 or > 50)
        {
            errors["payInFullDiscountPercent"] = ["The pay-in-full discount must be between 0 and 50 percent."];
        }
        if (DepositPercent is < 0 or > 100)
        {
            errors["depositPercent"] = ["The deposit must be between 0 and 100 percent."];
        }
        if (InstalmentCounts.Length == 0 || InstalmentCounts.Any(n => n is < 2 or > 60) || InstalmentCounts.Distinct().Count() != InstalmentCounts.Length)
        {
            errors["instalmentCounts"] = ["Offer at least one instalment plan; each between 2 and 60 payments, no repeats."];
        }
        if (FollowUpVisits is < 0 or > 20)
        {
            errors["followUpVisits"] = ["Follow-up visits must be between 0 and 20."];
        }
        if (FollowUpImaging is < 0 or > 10)
        {
            errors["followUpImaging"] = ["Follow-up imaging must be between 0 and 10."];
        }
        if (PhysicalTherapyVisits is < 1 or > 40)
        {
            errors["physicalTherapyVisits"] = ["Physical therapy visits must be between 1 and 40."];
        }
        return errors;
    }
}
