using System.Text.Json;
using Talus.Clinical.ExpectedOutcome;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Clinical.Outcomes;
using Talus.Clinical.Repeat;

namespace Talus.Clinical.Tests;

/// <summary>The REST API exposes these records directly, so they must round-trip through System.Text.Json.</summary>
public class JsonShapeTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions WebWithEnumNames = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Web), Web)!;

    [Fact]
    public void KeyedInstrumentResponse_FromJson_ScoresLikeObject()
    {
        var json = """{"instrument":"Faos","answers":{"P1":2,"P2":2,"P3":2,"P4":2,"P5":2}}""";

        var response = JsonSerializer.Deserialize<KeyedInstrumentResponse>(json, WebWithEnumNames)!;

        Assert.Equal(50m, InstrumentScoring.Score(response, new InstrumentSettings()).ScoreOf(Faos.Pain));
    }

    [Fact]
    public void Inputs_RoundTrip_KeepValues()
    {
        var request = new RepeatCellInjectionRequest(Joint.Ankle, Side.Left, [new DateOnly(2025, 1, 1)], ResponseCategory.LossOfResponse, false, true, new DateOnly(2025, 1, 1));
        var back = RoundTrip(request);
        Assert.Equal(request.PriorCellInjectionDates, back.PriorCellInjectionDates);
        Assert.Equal(request with { PriorCellInjectionDates = back.PriorCellInjectionDates }, back);

        var settings = RoundTrip(new ExpectedOutcomeSettings());
        Assert.Equal(new ExpectedOutcomeSettings().Priors, settings.Priors);

        var schedule = RoundTrip(new FollowUpSettings());
        Assert.Equal(7, schedule.Visits.Length);
        Assert.Equal(new FollowUpSettings().Visits[4].WindowEndDay, schedule.Visits[4].WindowEndDay);
    }

    [Fact]
    public void ScoringResult_Serializes_WithErrorsNamingFields()
    {
        var result = Faos.Score(new int?[3]);

        var json = JsonSerializer.Serialize(result, Web);

        Assert.Contains("\"field\":\"answers\"", json, StringComparison.Ordinal);
        Assert.Contains("\"isValid\":false", json, StringComparison.Ordinal);
    }
}
