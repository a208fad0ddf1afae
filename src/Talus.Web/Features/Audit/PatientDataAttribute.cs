namespace Talus.Web.Features.Audit;

/// <summary>
/// Marks a page or endpoint that shows or changes patient data. The patient-data middleware then checks that the
/// signed-in user may see the patient named by the route value <c>patientId</c> (404 otherwise, so existence is
/// not revealed) and writes an audit entry with the outcome.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PatientDataAttribute(string resource) : Attribute
{
    public string Resource { get; } = resource;
    /// <summary>Overrides the action derived from the HTTP method (e.g. Search, Export).</summary>
    public Data.AuditAction Action { get => action ?? default; init => action = value; }

    /// <summary>The explicit action, or null to derive it from the HTTP method.</summary>
    public Data.AuditAction? ExplicitAction => action;

    private readonly Data.AuditAction? action;
}

public static class PatientDataEndpointExtensions
{
    public static TBuilder PatientData<TBuilder>(this TBuilder builder, string resource, Data.AuditAction? action = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(action is { } a ? new PatientDataAttribute(resource) { Action = a } : new PatientDataAttribute(resource));
}
