using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

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
                Guid patientId, Joint? joint, Side? side, HttpContext http, ClinicDb db, Settings.PracticeSettings settings, IStringLocalizer<PatientText> t, Outcomes.RegistryCache registry, CancellationToken ct) =>
            {
                // Query values are parsed by Enum.TryParse, which also takes "999" or "Left,Right": one name only.
                if ((NotOneName<Joint>(http.Request, "joint") ?? NotOneName<Side>(http.Request, "side")) is { } field)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Not one of the choices."] });
                }
                var target = await Target(patientId, joint, side, db, ct);
                return target is { } js
                    ? TypedResults.Ok(await BuildDecisionAid.RunAsync(patientId, js.Item1, js.Item2, db, settings, t, registry, ct))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["joint"] = ["Name the joint and side: the record has no target joint yet."] });
            })
            .PatientData("DecisionAid")
            .WithSummary("The options side by side for the patient's joint: expected benefit (SPEC §5.3, no number where no prior exists), visits, downtime, restrictions, typical cost, risks and regulatory status.");

        read.MapGet("/records", async (Guid patientId, ClinicDb db, CancellationToken ct) =>
                TypedResults.Ok(await BuildDecisionAid.RecordsAsync(patientId, db, ct)))
            .PatientData("DecisionAidRecord")
            .WithSummary("Every decision aid shown to the patient, newest first, with the content version and the options as shown.");

        write.MapPost("/records", async (Guid patientId, MarkShownRequest request, ClaimsPrincipal user, ClinicDb db, Settings.PracticeSettings settings,
                TimeProvider clock, IStringLocalizer<PatientText> t, Outcomes.RegistryCache registry, CancellationToken ct) =>
                (await BuildDecisionAid.MarkShownAsync(patientId, request, user.Identity?.Name, db, settings, t, clock, registry, ct))
                    .ToHttp(record => TypedResults.Created($"/api/patients/{patientId}/decision-aid/records", record)))
            .Produces<DecisionAidRecordView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .PatientData("DecisionAidRecord")
            .WithSummary("Record that the decision aid was shown to the patient (content version and options as shown), with the option the patient leans towards (one of the options shown, or none).");
    }

    /// <summary>The name of a query parameter given but not exactly one name of <typeparamref name="T"/>, else null.</summary>
    private static string? NotOneName<T>(HttpRequest request, string name) where T : struct, Enum =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0
            && (values.Count > 1 || !StrictEnumConverter.Names(typeof(T)).ContainsKey(values[0] ?? "")) ? name : null;

    private static async Task<(Joint, Side)?> Target(Guid patientId, Joint? joint, Side? side, ClinicDb db, CancellationToken ct) =>
        joint is { } j && side is { } s ? (j, s) : await BuildDecisionAid.DefaultJointAsync(patientId, db, ct);
}
