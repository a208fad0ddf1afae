using Microsoft.AspNetCore.Http.HttpResults;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Features.ClinicalRules;
using Talus.Web.Shared;

namespace Talus.Web.Features.Instruments;

public static class InstrumentEndpoints
{
    public static void MapInstrumentEndpoints(this WebApplication app)
    {
        var read = app.MapGroup("/api/instrument-wording").WithTags("Instrument wording").RequireAuthorization(Auth.Policies.PracticeRead);
        var manage = app.MapGroup("/api/instrument-wording").WithTags("Instrument wording").RequireAuthorization(Auth.Policies.PracticeManage);

        read.MapGet("/", async (ClinicDb db, CancellationToken ct) => TypedResults.Ok(await OfficialWordings.ListAsync(db, ct)))
            .WithSummary("Which official instrument wordings are loaded, per language, with their source and who loaded them.");

        read.MapGet("/{instrument}/{language}", async Task<Results<Ok<OfficialWording>, NotFound>> (InstrumentId instrument, string language, ClinicDb db, CancellationToken ct) =>
                await OfficialWordings.FindAsync(instrument, language, db, ct) is { } w ? TypedResults.Ok(w) : TypedResults.NotFound())
            .WithSummary("The official wording of one instrument in one language (404 when none is loaded).")
            .WithDescription("`instrument` is Faos, FaamAdl, FaamSports, NrsPain, PatientGlobalAssessment …; `language` is en or es.");

        manage.MapPut("/", async (OfficialWordingInput? input, ClinicDb db, AuditContext who, TimeProvider clock, CancellationToken ct) =>
                (await OfficialWordings.ImportAsync(input, db, who, clock, ct)).ToHttp(s => TypedResults.Ok(s)))
            .Produces<OfficialWordingSummary>().ProducesValidationProblem()
            .WithSummary("Load the official wording of an instrument in one language, as the practice received it with its licence.")
            .WithDescription("""
                The file is checked whole against the instrument definition: every item key once, none unknown, the same
                number of items, and for every item words for exactly the answer values of the definition (and the
                "not applicable" words where the item allows it). A mismatch answers 400 naming the item (items[3].anchors)
                and nothing is stored. A new import replaces the earlier wording of that instrument and language. Written
                to the audit trail (Create or Update, OfficialInstrumentWording, record id "Faos/es").
                """)
            .Example(Example());
    }

    /// <summary>A fitting example computed from the definition itself, so it cannot drift (words are placeholders).</summary>
    private static OfficialWordingInput Example()
    {
        var d = InstrumentScoring.DefinitionOf(InstrumentId.NrsPain)!;
        return new()
        {
            Instrument = d.Id, Language = "es", Source = "Official form name and version, as licensed",
            Instructions = "The official instructions.",
            Items = [.. d.Items.Select(i => new OfficialItemInput
            {
                Key = i.Key, Text = "The official question.",
                Anchors = [.. i.Anchors.Select(a => new OfficialAnchorInput { Value = a.Value, Text = "Official words for " + a.Value })],
            })],
        };
    }
}
