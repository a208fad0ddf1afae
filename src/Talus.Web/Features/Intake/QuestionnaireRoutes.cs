using Talus.Clinical.Instruments;

namespace Talus.Web.Features.Intake;

public static class QuestionnaireRoutes
{
    /// <summary>The baseline instrument a route names, or null.</summary>
    public static InstrumentId? Parse(string? name) =>
        Enum.TryParse<InstrumentId>(name, ignoreCase: true, out var id) && Questionnaires.Baseline.Contains(id) ? id : null;

    public static Guid? PortalPatient(System.Security.Claims.ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Auth.TalusClaims.PatientId)?.Value, out var id) ? id : null;
}
