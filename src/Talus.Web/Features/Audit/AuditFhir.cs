using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.Audit;

/// <summary>The audit trail as FHIR R4 AuditEvent, read-only, for the administrator (the AuditReview policy).</summary>
public static class AuditFhir
{
    public static readonly FhirType Type = new("AuditEvent", Auth.Policies.AuditReview,
        [
            new("patient", SearchParamType.Reference, "Patient/{id} whose record was accessed."),
            new("date", SearchParamType.Date, "When, with prefixes."),
        ],
        ReadAsync, SearchAsync, PatientData: false);

    public static AuditEvent ToFhir(this AuditEntry e)
    {
        var failed = e.Outcome is "denied" or "throttled" || (int.TryParse(e.Outcome, out var status) && status >= 400);
        var fhir = new AuditEvent
        {
            Id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
            Action = e.Action switch
            {
                AuditAction.Read or AuditAction.Export => AuditEvent.AuditEventAction.R,
                AuditAction.Create => AuditEvent.AuditEventAction.C,
                AuditAction.Update => AuditEvent.AuditEventAction.U,
                AuditAction.Delete => AuditEvent.AuditEventAction.D,
                _ => AuditEvent.AuditEventAction.E,
            },
            Recorded = new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
            Outcome = failed ? (int.TryParse(e.Outcome, out var s) && s >= 500 ? AuditEvent.AuditEventOutcome.N8 : AuditEvent.AuditEventOutcome.N4) : AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = e.Outcome,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = new ResourceReference { Display = e.UserName ?? "anonymous", Identifier = e.UserId is null ? null : new Identifier("urn:talus:user", e.UserId) },
                    Role = string.IsNullOrEmpty(e.Role) ? [] : [new CodeableConcept { Text = e.Role }],
                    Requestor = true,
                    Network = e.IpAddress is null ? null : new AuditEvent.NetworkComponent { Address = e.IpAddress, Type = AuditEvent.AuditEventAgentNetworkType.N2 },
                },
            ],
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "Talus" } },
        };
        // One entity per patient of the entry (a list that showed several names each); none: the record kind alone.
        var patients = SearchAudit.PatientsOf(e).ToList();
        foreach (var p in patients.Count == 0 ? [(Guid?)null] : patients.Select(p => (Guid?)p))
        {
            fhir.Entity.Add(new AuditEvent.EntityComponent
            {
                What = p is { } id ? new ResourceReference($"Patient/{id}") : null,
                Name = e.Resource,
                Description = e.Endpoint,
            });
        }
        if (e.Action == AuditAction.Search)
        {
            fhir.Subtype = [new Coding("http://hl7.org/fhir/restful-interaction", "search-type", "search type")];
        }
        return fhir;
    }

    private static async Task<FhirFound?> ReadAsync(FhirRequest request, string id)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || await request.Db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Id == n, request.Ct) is not { } e)
        {
            return null;
        }
        await SearchAudit.WithPatientsShownAsync([e], request.Db, request.Ct);
        return new FhirFound(e.ToFhir(), null);
    }

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var rows = request.Db.AuditEntries.AsNoTracking();
        if (query.Ids is { } ids)
        {
            var n = ids.Select(i => long.TryParse(i, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1).ToList();
            rows = rows.Where(a => n.Contains(a.Id));
        }
        if (query.Patient is { } p)
        {
            rows = rows.Showing(request.Db, [p]);
        }
        rows = query.WhereInstants(rows, "date", a => a.At);
        var page = await query.Page(rows, a => a.At, a => a.Id).ToListAsync(request.Ct);
        await SearchAudit.WithPatientsShownAsync(page, request.Db, request.Ct);
        return FhirPage.From(page, query, a => query.CursorOf(a.At, a.Id), a => new FhirFound(a.ToFhir(), null));
    }
}
