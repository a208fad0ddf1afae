namespace Talus.Clinical.Tests;

/// <summary>No Surprises Act GFE timing, content, re-issue and dispute rules (SPEC §7.2).</summary>
public class GoodFaithEstimateTests
{
    private static readonly GoodFaithEstimateSettings Settings = new();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static GfeDocument Complete() => new()
    {
        PatientName = "Ana Ruiz",
        PatientDateOfBirth = new(1968, 4, 2),
        PrimaryServiceDescription = "Bone-marrow concentrate injection into the right ankle",
        ScheduledServiceDate = new(2025, 3, 17),
        Items =
        [
            new("clinic", "20999", "Bone-marrow harvest and injection, right ankle", 450_000, 1, ["M19.071"]),
            new("clinic", "99204", "New patient visit", 25_000, 1, ["M19.071"]),
            new("imaging", "73610", "Ankle X-ray, 3 views", 15_000, 1, ["M19.071"]),
        ],
        Providers =
        [
            new("clinic", "Talus Foot & Ankle", "1234567893", "12-3456789", "CA", "100 Main St, Pasadena"),
            new("imaging", "Valley Imaging", "1987654321", "987654321", "CA", "5 Oak Ave, Pasadena"),
        ],
        SeparatelyScheduledItems = ["Follow-up visits at 2, 6 and 13 weeks"],
        AdditionalItemsDisclaimer = true,
        EstimateOnlyDisclaimer = true,
        DisputeRightsDisclaimer = true,
        NotAContractDisclaimer = true,
    };

    // SPEC §7.2 worked example: Wed 5 Mar 2025 for Mon 17 Mar 2025 → lead 8 → due Thu 6 Mar 2025.
    [Fact]
    public void AfterScheduling_SpecWorkedExample_DueNextBusinessDay()
    {
        var deadline = GoodFaithEstimate.AfterScheduling(new(2025, 3, 5), new(2025, 3, 17), Settings);

        Assert.True(deadline.Required);
        Assert.Equal(8, deadline.LeadBusinessDays);
        Assert.Equal(new DateOnly(2025, 3, 6), deadline.DueBy);
    }

    [Theory]
    [InlineData("2025-03-03", "2025-03-17", 10, true, "2025-03-06")]  // exactly 10 → 3 business days
    [InlineData("2025-03-03", "2025-03-14", 9, true, "2025-03-04")]   // 9 → 1 business day
    [InlineData("2025-03-05", "2025-03-10", 3, true, "2025-03-06")]   // exactly 3 → 1 business day
    [InlineData("2025-03-05", "2025-03-07", 2, false, null)]          // < 3 → none
    [InlineData("2025-06-30", "2025-07-14", 9, true, "2025-07-01")]   // Independence Day shortens the lead
    [InlineData("2025-11-21", "2025-12-08", 10, true, "2025-11-26")]  // Thanksgiving inside the lead
    public void AfterScheduling_Lead_DeadlineBand(string scheduled, string service, int lead, bool required, string? due)
    {
        var deadline = GoodFaithEstimate.AfterScheduling(D(scheduled), D(service), Settings);

        Assert.Equal(lead, deadline.LeadBusinessDays);
        Assert.Equal(required, deadline.Required);
        Assert.Equal(due is null ? null : D(due), deadline.DueBy);
    }

    [Fact]
    public void AfterRequest_FridayRequest_ThreeBusinessDays()
    {
        Assert.Equal(new DateOnly(2025, 3, 12), GoodFaithEstimate.AfterRequest(new(2025, 3, 7), Settings).DueBy);
    }

    [Fact]
    public void Validate_CompleteGfe_NothingMissing()
    {
        Assert.Empty(GoodFaithEstimate.Validate(Complete()));
    }

    [Fact]
    public void Validate_EmptyGfe_ListsAllTenElements()
    {
        var missing = GoodFaithEstimate.Validate(new GfeDocument());

        Assert.Equal(Enumerable.Range(1, 10), missing.Select(m => m.Number));
        Assert.All(missing, m => Assert.False(string.IsNullOrWhiteSpace(m.Element)));
    }

    [Theory]
    [InlineData("dob", 1, "date of birth")]
    [InlineData("description", 2, "primary service")]
    [InlineData("orphan", 3, "20999")]
    [InlineData("diagnosis", 4, "diagnosis code")]
    [InlineData("npi", 5, "NPI")]
    [InlineData("tin", 5, "TIN")]
    [InlineData("separate", 6, "none are anticipated")]
    [InlineData("additional", 7, "disclaimer")]
    [InlineData("estimate", 8, "disclaimer")]
    [InlineData("dispute", 9, "quality of care")]
    [InlineData("contract", 10, "does not require")]
    public void Validate_OneElementMissing_NamedByNumber(string gap, int number, string detail)
    {
        var c = Complete();
        var gfe = gap switch
        {
            "dob" => c with { PatientDateOfBirth = null },
            "description" => c with { PrimaryServiceDescription = " " },
            "orphan" => c with { Providers = [c.Providers[1]] },
            "diagnosis" => c with { Items = [c.Items[0] with { DiagnosisCodes = [] }, c.Items[1], c.Items[2]] },
            "npi" => c with { Providers = [c.Providers[0] with { Npi = "12345" }, c.Providers[1]] },
            "tin" => c with { Providers = [c.Providers[0] with { Tin = null }, c.Providers[1]] },
            "separate" => c with { SeparatelyScheduledItems = null },
            "additional" => c with { AdditionalItemsDisclaimer = false },
            "estimate" => c with { EstimateOnlyDisclaimer = false },
            "dispute" => c with { DisputeRightsDisclaimer = false },
            _ => c with { NotAContractDisclaimer = false },
        };

        var missing = Assert.Single(GoodFaithEstimate.Validate(gfe));

        Assert.Equal(number, missing.Number);
        Assert.Contains(detail, missing.Detail + missing.Element, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_NoSeparateSchedulingStatedAsNone_Accepted()
    {
        Assert.Empty(GoodFaithEstimate.Validate(Complete() with { SeparatelyScheduledItems = [] }));
    }

    // 45 CFR 149.620: ≥ $400 over expected, per provider, not across the packet.
    [Theory]
    [InlineData(39_999, 0, false)]
    [InlineData(40_000, 0, true)]
    [InlineData(30_000, 30_000, false)]  // $600 over in total, but no single provider reaches $400
    [InlineData(0, 40_000, true)]
    public void CheckDispute_ExcessPerProvider_EligibleAtFourHundred(long clinicExcess, long imagingExcess, bool eligible)
    {
        var gfe = Complete();
        ProviderAmount[] billed = [new("clinic", 475_000 + clinicExcess), new("imaging", 15_000 + imagingExcess)];

        var result = GoodFaithEstimate.CheckDispute(gfe, billed, new(2025, 4, 1), new(2025, 4, 15), Settings);

        Assert.Equal(eligible, result.Eligible);
        Assert.Equal(clinicExcess, result.Providers.Single(p => p.ProviderId == "clinic").ExcessCents);
    }

    [Theory]
    [InlineData("2025-07-30", true)]   // day 120
    [InlineData("2025-07-31", false)]  // day 121
    public void CheckDispute_InitiationWindow_120DaysFromInitialBill(string today, bool eligible)
    {
        ProviderAmount[] billed = [new("clinic", 600_000)];

        var result = GoodFaithEstimate.CheckDispute(Complete(), billed, new(2025, 4, 1), D(today), Settings);

        Assert.Equal(eligible, result.Eligible);
        Assert.Equal(new DateOnly(2025, 7, 30), result.InitiateBy);
        Assert.Equal(2_500, result.FeeCents);
        Assert.Contains("$25", result.FeeText);
    }

    [Fact]
    public void CheckDispute_ProviderNotOnGfe_WholeBillIsExcess()
    {
        var result = GoodFaithEstimate.CheckDispute(Complete(), [new("anesthesia", 45_000)], new(2025, 4, 1), new(2025, 4, 2), Settings);

        Assert.True(result.Eligible);
        Assert.Equal(45_000, result.Providers.Single(p => p.ProviderId == "anesthesia").ExcessCents);
    }

    [Theory]
    [InlineData("none", false, null)]
    [InlineData("charge", true, "GFE-RE-CHARGE")]
    [InlineData("recurrence", true, "GFE-RE-RECURRENCE")]
    [InlineData("item", true, "GFE-RE-ITEM")]
    [InlineData("provider", true, "GFE-RE-PROVIDER")]
    public void CheckReissue_ScopeChange_NewGfeOneBusinessDayBefore(string change, bool required, string? code)
    {
        var issued = Complete();
        var current = change switch
        {
            "charge" => issued with { Items = [issued.Items[0] with { UnitPriceCents = 500_000 }, issued.Items[1], issued.Items[2]] },
            "recurrence" => issued with { Items = [issued.Items[0], issued.Items[1] with { Quantity = 2 }, issued.Items[2]] },
            "item" => issued with { Items = [issued.Items[0], issued.Items[1]] },
            "provider" => issued with { Providers = [.. issued.Providers, new GfeProvider("anesthesia", "Gas Co", "1111111111", "111111111", "CA", "Pasadena")] },
            _ => issued with { },
        };

        var result = GoodFaithEstimate.CheckReissue(issued, current, new(2025, 3, 17), Settings);

        Assert.Equal(required, result.Required);
        Assert.Equal(required ? new DateOnly(2025, 3, 14) : null, result.IssueBy);
        if (code is not null)
        {
            Assert.Contains(result.Changes, r => r.Code == code);
        }
    }
}
