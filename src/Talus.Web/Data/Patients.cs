namespace Talus.Web.Data;

public enum Sex { Female, Male, Other, Unknown }

/// <summary>Marks an entity that belongs to one patient's record: its writes are audited with that patient.</summary>
public interface IPatientRecord
{
    Guid PatientId { get; }
}

public sealed class Patient
{
    public Guid Id { get; set; } = Ids.NewV7();
    /// <summary>Medical record number, unique in the practice.</summary>
    public required string Mrn { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    /// <summary>Upper-case family name for case-insensitive search on both providers.</summary>
    public string FamilyNameKey { get; set; } = "";
    public string GivenNameKey { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    /// <summary>BCP-47 language the patient prefers for pages and messages ("en", "es").</summary>
    public string PreferredLanguage { get; set; } = "en";
    public int? PreferredLocationId { get; set; }
    public Location? PreferredLocation { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Optimistic concurrency token: a stale edit is refused, never silently overwritten.</summary>
    public Guid Version { get; set; } = Ids.NewVersion();

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>
    /// Above every key that starts with <paramref name="prefix"/>: the prefix and U+10FFFF, the last code point, whose
    /// UTF-8 bytes sort after any other (U+FFFF would not: a name may go on with a character beyond it, as some Chinese
    /// names do). A prefix search is the key range [prefix, KeyEnd(prefix)), which an index serves on both databases.
    /// </summary>
    public static string KeyEnd(string prefix) => prefix + Last;

    private static readonly string Last = char.ConvertFromUtf32(0x10FFFF);

    public void NormalizeKeys()
    {
        FamilyNameKey = FamilyName.Trim().ToUpperInvariant();
        GivenNameKey = GivenName.Trim().ToUpperInvariant();
    }
}
