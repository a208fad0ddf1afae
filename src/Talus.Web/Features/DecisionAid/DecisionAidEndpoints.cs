using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;

namespace Talus.Web.Features.DecisionAid;

public static class DecisionAidEndpoints
{
    public static void MapDecisionAid(this WebApplication app)
    {
        var read = app.MapGroup("/api/patients/{patientId:guid}/decision-aid").WithTags("Decision aid")
            .RequireAuthorization(Auth.Policies.ChartRead);
        var write = app.MapGroup("/api/patients/{patientId:guid}/decision-aid").WithTags("Decision aid")
            .RequireAuthorization(Auth.Policies.ClinicalRecord);

        read.MapGet("/", async Task<Results<Ok<DecisionAidView>, ValidationProblem>> (
                Guid patientId, Joint? joint, Side? side, ClinicDb db, Settings.PracticeSettings settings, IStringLocalizer<PatientText> t, CancellationToken ct) =>
            {
                var target = await Target(patientId, joint, side, db, ct);
                return target is { } js
                    ? TypedResults.Ok(await BuildDecisionAid.RunAsync(patientId, js.Item1, js.Item2, db, settings, t, ct))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["joint"] = ["Name the joint and side: the record has no target joint yet."] });
            })
            .PatientData("DecisionAid")
            .WithSummary("The options side by side for the patient's joint: expected benefit (SPEC §5.3, no number where no prior exists), visits, downtime, restrictions, typical cost, risks and regulatory status.");

        read.MapGet("/records", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await BuildDecisionAid.RecordsAsync(patientId, db, ct)))
            .PatientData("DecisionAidRecord")
            .WithSummary("Every decision aid shown to the patient, newest first, with the content version and the options as shown.");

        write.MapPost("/records", async Task<Results<Created<DecisionAidRecordView>, ValidationProblem>> (
                Guid patientId, MarkShownRequest request, ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings, TimeProvider clock, IStringLocalizer<PatientText> t, CancellationToken ct) =>
            {
                if (request.ChosenOption is { Length: > 0 } chosen && !BuildDecisionAid.OptionKeys.Contains(chosen.Trim()))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [nameof(MarkShownRequest.ChosenOption)] = ["Choose one of: " + string.Join(", ", BuildDecisionAid.OptionKeys) + "."],
                    });
                }
                var target = await Target(patientId, request.Joint, request.Side, db, ct);
                if (target is not { } js)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [nameof(MarkShownRequest.Joint)] = ["Name the joint and side: the record has no target joint yet."] });
                }
                var aid = await BuildDecisionAid.RunAsync(patientId, js.Item1, js.Item2, db, settings, t, ct);
                var record = await BuildDecisionAid.MarkShownAsync(patientId, aid, request.ChosenOption, user.Identity?.Name, db, clock, ct);
                return TypedResults.Created($"/api/patients/{patientId}/decision-aid/records", record);
            })
            .PatientData("DecisionAidRecord")
            .WithSummary("Record that the decision aid was shown to the patient (content version and options as shown), with the option the patient leans towards.");
    }

    private static async Task<(Joint, Side)?> Target(Guid patientId, Joint? joint, Side? side, ClinicDb db, CancellationToken ct) =>
        joint is { } j && side is { } s ? (j, s) : await BuildDecisionAid.DefaultJointAsync(patientId, db, ct);
}
