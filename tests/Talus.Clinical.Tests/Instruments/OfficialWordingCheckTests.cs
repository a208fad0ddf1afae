using Talus.Clinical.Instruments;

namespace Talus.Clinical.Tests.Instruments;

/// <summary>The official wording must fit the definition exactly (SPEC §3.1: scores are only valid on the official form).</summary>
public class OfficialWordingCheckTests
{
    /// <summary>A wording that fits: every item, in order, with words for every answer value of its definition.</summary>
    public static OfficialWording Fitting(InstrumentDefinition d) => new(d.Id, "es", "Official form v1 (licence 2026)", "Instructions",
        [.. d.Items.Select(i => new OfficialItem(i.Key, "Official " + i.Key, [.. i.Anchors.Select(a => new OfficialAnchor(a.Value, "Words " + a.Value))],
            i.AllowsNotApplicable ? "N/A words" : null))]);

    [Theory]
    [InlineData(InstrumentId.Faos)]
    [InlineData(InstrumentId.FaamAdl)]
    [InlineData(InstrumentId.FaamSports)]
    [InlineData(InstrumentId.NrsPain)]
    public void Check_EveryItemAndAnchor_IsAccepted(InstrumentId id)
    {
        var d = InstrumentScoring.DefinitionOf(id)!;

        Assert.Empty(OfficialWordingCheck.Check(d, Fitting(d)));
    }

    [Fact]
    public void Check_ItemMissing_NamesTheItemAndTheCount()
    {
        var d = Faos.Definition;
        var w = Fitting(d) with { Items = [.. Fitting(d).Items.Where(i => i.Key != "P3")] };

        var errors = OfficialWordingCheck.Check(d, w);

        Assert.Contains(errors, e => e.Field == "items" && e.Message.Contains("42 items; the file has 41"));
        Assert.Contains(errors, e => e.Field == "items" && e.Message == "Item P3 is missing.");
    }

    [Fact]
    public void Check_UnknownKey_IsRefusedAtItsPath()
    {
        var d = Faos.Definition;
        var items = Fitting(d).Items.ToList();
        items[0] = items[0] with { Key = "X1" };

        var errors = OfficialWordingCheck.Check(d, Fitting(d) with { Items = items });

        Assert.Contains(errors, e => e.Field == "items[0].key" && e.Message.Contains("X1 is not an item"));
        Assert.Contains(errors, e => e.Message == "Item S1 is missing.");
    }

    [Fact]
    public void Check_ItemTwice_IsRefused()
    {
        var d = Faos.Definition;
        var items = Fitting(d).Items.ToList();
        items.Add(items[0]);

        var errors = OfficialWordingCheck.Check(d, Fitting(d) with { Items = items });

        Assert.Contains(errors, e => e.Field == "items[42].key" && e.Message == "Item S1 appears twice.");
        Assert.Contains(errors, e => e.Field == "items" && e.Message.Contains("the file has 43"));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, "the file has 0, 1, 2, 3")]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5 }, "the file has 0, 1, 2, 3, 4, 5")]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, "the file has 1, 2, 3, 4, 5")]
    [InlineData(new int[0], "the file has none")]
    public void Check_AnchorsDifferFromTheDefinition_AreRefused(int[] values, string expected)
    {
        var d = Faos.Definition;
        var items = Fitting(d).Items.ToList();
        items[7] = items[7] with { Anchors = [.. values.Select(v => new OfficialAnchor(v, "w"))] };

        var error = Assert.Single(OfficialWordingCheck.Check(d, Fitting(d) with { Items = items }));

        Assert.Equal("items[7].anchors", error.Field);
        Assert.Contains("P1 must have the answers 0, 1, 2, 3, 4; " + expected, error.Message);
    }

    [Fact]
    public void Check_EmptyTexts_AreRefusedAtTheirPaths()
    {
        var d = Faos.Definition;
        var items = Fitting(d).Items.ToList();
        items[1] = items[1] with { Text = " ", Anchors = [.. items[1].Anchors.Select((a, i) => i == 2 ? a with { Text = "" } : a)] };

        var errors = OfficialWordingCheck.Check(d, Fitting(d) with { Items = items, Source = "" });

        Assert.Equal(["source", "items[1].text", "items[1].anchors[2].text"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Check_NotApplicable_OnlyWhereTheDefinitionAllowsIt()
    {
        var faam = InstrumentScoring.DefinitionOf(InstrumentId.FaamAdl)!;
        var faamItems = Fitting(faam).Items.ToList();
        faamItems[0] = faamItems[0] with { NotApplicableText = null };
        var faos = Faos.Definition;
        var faosItems = Fitting(faos).Items.ToList();
        faosItems[0] = faosItems[0] with { NotApplicableText = "N/A" };

        Assert.Equal("items[0].notApplicableText", Assert.Single(OfficialWordingCheck.Check(faam, Fitting(faam) with { Items = faamItems })).Field);
        Assert.Equal("items[0].notApplicableText", Assert.Single(OfficialWordingCheck.Check(faos, Fitting(faos) with { Items = faosItems })).Field);
    }

    [Fact]
    public void Check_WordingOfAnotherInstrument_IsRefused()
    {
        var d = Faos.Definition;

        var errors = OfficialWordingCheck.Check(d, Fitting(d) with { Instrument = InstrumentId.FaamAdl });

        Assert.Equal("instrument", Assert.Single(errors).Field);
    }
}
