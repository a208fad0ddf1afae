namespace Talus.Web.Data;

public enum AuditAction { Read, Search, Create, Update, Delete, Export, SignIn, SignInFailed, SignOut }

/// <summary>
/// One access to patient data. Written by the audit middleware (reads, requests) and the save interceptor
/// (writes, in the same transaction as the write). Never updated or deleted: the database refuses it too.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public AuditAction Action { get; set; }
    public Guid? PatientId { get; set; }
    /// <summary>What kind of record: "Patient", "Chart", an entity name.</summary>
    public required string Resource { get; set; }
    public string? RecordId { get; set; }
    /// <summary>Route pattern (never the raw URL with a query string), e.g. "GET /api/patients/{patientId}".</summary>
    public string? Endpoint { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>HTTP status or "ok"/"denied".</summary>
    public required string Outcome { get; set; }

    /// <summary>
    /// The patients a list or search showed, when it showed more than one (<see cref="PatientId"/> is then null): one
    /// entry per request. PostgreSQL stores them in this entry's own <c>uuid[]</c> column (a GIN index finds a patient's
    /// entries); SQLite in <see cref="AuditPatientShown"/> rows, which <c>SearchAudit.WithPatientsShownAsync</c> loads.
    /// docs/decisions/0009-registry-statistics.md (the per-patient search rows, and their last addendum)
    /// </summary>
    public Guid[]? PatientsShown { get; set; }
}

/// <summary>On SQLite, one patient shown by the list or search of an <see cref="AuditEntry"/>. Append-only like the entry.</summary>
public sealed class AuditPatientShown
{
    public long AuditEntryId { get; set; }
    public Guid PatientId { get; set; }
}

/// <summary>A practice-configurable settings record (clinical thresholds etc.), stored as JSON by name.</summary>
public sealed class PracticeSetting
{
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
