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

/// <summary>
/// On SQLite, one patient shown by the list or search of an <see cref="AuditEntry"/>. Append-only like the entry. The rows
/// are the record; which entries showed a patient is found through <see cref="AuditShownSearch"/>, not an index of them.
/// </summary>
public sealed class AuditPatientShown
{
    public long AuditEntryId { get; set; }
    public Guid PatientId { get; set; }
}

/// <summary>
/// On SQLite, the index from a patient to the entries whose list showed them: a contentless FTS5 table, one document per
/// entry (rowid = the entry's id) whose terms are its patients (<see cref="Token"/>). A B-tree on (patient, entry) put each
/// patient shown on its own leaf page, so a batch of searches dirtied a page per patient shown; FTS5 writes a batch's terms
/// as one new segment and merges segments as it goes, as PostgreSQL's GIN index does with its pending list.
/// docs/decisions/0009-registry-statistics.md (last addendum)
/// </summary>
public static class AuditShownSearch
{
    public const string Table = "AuditPatientsShownSearch";

    /// <summary>
    /// A patient as one term: 32 hex digits, which FTS5's default tokenizer keeps whole. AuditRows writes the documents
    /// with it; the migration that built the table from the stored rows formed the same in SQL (lower case, no hyphens).
    /// </summary>
    public static string Token(Guid patient) => patient.ToString("N");

    /// <summary>The FTS5 query for entries showing any of <paramref name="patients"/> (each term quoted).</summary>
    public static string Match(IEnumerable<Guid> patients) => string.Join(" OR ", patients.Select(p => "\"" + Token(p) + "\""));
}

/// <summary>A practice-configurable settings record (clinical thresholds etc.), stored as JSON by name.</summary>
public sealed class PracticeSetting
{
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
