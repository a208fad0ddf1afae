using Talus.Web.Features.Auth;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Audit;
using Talus.Web.Shared;

namespace Talus.Web.Features.Consent;

/// <summary>How the written copy of the §684 notice reached the patient.</summary>
public enum NoticeDelivery
{
    InPerson,
    Portal,
}

/// <summary>
/// A record that the written copy of the Cal. B&amp;P §684 notice was given to the patient (SPEC §6.4 (B): in writing
/// before the initial therapy): who gave it, when, how, and the text given. Written once, never changed.
/// </summary>
public sealed class CaliforniaNoticeCopy : IPatientRecord, IImmutableRecord
{
    public Guid Id { get; set; } = Ids.NewV7();
    public Guid PatientId { get; set; }
    public int? LocationId { get; set; }
    public NoticeDelivery Method { get; set; }
    public DateTime GivenAt { get; set; }
    /// <summary>The staff member who gave it (display name) and their staff id.</summary>
    public required string GivenBy { get; set; }
    public int? GivenByStaffId { get; set; }
    /// <summary>The notice text as given, so the record shows what the patient received even if the text changes.</summary>
    public required string NoticeText { get; set; }
    public DateTime RecordedAt { get; set; }

    public static void Configure(ModelBuilder b) => b.Entity<CaliforniaNoticeCopy>(e =>
    {
        e.HasIndex(c => new { c.PatientId, c.GivenAt });
        e.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Location>().WithMany().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.NoticeText).HasMaxLength(2000);
    });
}

public sealed record NoticeCopyInput
{
    [Required]
    public NoticeDelivery? Method { get; init; }

    /// <summary>Where it was given (in person); defaults to the patient's preferred location.</summary>
    public int? LocationId { get; init; }

    /// <summary>When it was given; now when omitted. Never in the future.</summary>
    public DateTimeOffset? GivenAt { get; init; }
}

public sealed record NoticeCopyView(Guid Id, NoticeDelivery Method, int? LocationId, string? LocationName, DateTime GivenAt, string GivenAtLocal,
    string GivenBy, string NoticeText, DateTime RecordedAt)
{
    public static NoticeCopyView From(CaliforniaNoticeCopy c, Location? location) => new(c.Id, c.Method, c.LocationId, location?.Name,
        c.GivenAt, Talus.Web.Shared.PracticeClock.Format(c.GivenAt, location?.TimeZone), c.GivenBy, c.NoticeText, c.RecordedAt);
}

/// <summary>Records that the written copy of the §684 notice was given (SPEC §6.4); the write is audited by the save interceptor.</summary>
public static class RecordNoticeCopy
{
    public static async Task<Outcome<CaliforniaNoticeCopy>> RunAsync(Guid patientId, NoticeCopyInput input, string? who, int? staffId,
        ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        if (input.GivenAt is { } at && (at > now.AddMinutes(5) || at.Year < 2000))
        {
            return Outcome.Invalid("givenAt", "The time the notice was given cannot be in the future (or before 2000).");
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.PreferredLocationId }).FirstOrDefaultAsync(ct);
        if (patient is null)
        {
            return Outcome.NotFound("No patient with this id.");
        }

        var locationId = input.LocationId ?? patient.PreferredLocationId;
        if (input.LocationId is { } asked && !await db.Locations.AnyAsync(l => l.Id == asked, ct))
        {
            return Outcome.Invalid("locationId", "No location with this id.");
        }

        var copy = new CaliforniaNoticeCopy
        {
            PatientId = patientId, LocationId = locationId, Method = input.Method!.Value, GivenAt = (input.GivenAt ?? now).UtcDateTime,
            GivenBy = string.IsNullOrWhiteSpace(who) ? "unknown" : who, GivenByStaffId = staffId,
            NoticeText = ProductClassification.CaliforniaNoticeText, RecordedAt = now.UtcDateTime,
        };
        db.CaliforniaNoticeCopies.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    public static async Task<List<NoticeCopyView>> ListAsync(Guid patientId, ClinicDb db, CancellationToken ct)
    {
        var copies = await db.CaliforniaNoticeCopies.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.GivenAt).ToListAsync(ct);
        var ids = copies.Where(c => c.LocationId != null).Select(c => c.LocationId!.Value).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        return [.. copies.Select(c => NoticeCopyView.From(c, c.LocationId is { } id ? locations.GetValueOrDefault(id) : null))];
    }

    public static string Label(NoticeDelivery method) => method == NoticeDelivery.Portal ? "through the patient portal" : "in person";
}

public static class NoticeCopyEndpoints
{
    public static void MapNoticeCopyEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}/california-notice-copies").WithTags("Consents")
            .RequireAuthorization(Policies.ChartRead);

        group.MapGet("/", async (Guid patientId, ClinicDb db, CancellationToken ct) => TypedResults.Ok(await RecordNoticeCopy.ListAsync(patientId, db, ct)))
            .PatientData("CaliforniaNoticeCopy")
            .WithSummary("When the written copy of the California §684 stem-cell notice was given to the patient: who, when (UTC and the location's local time), how, and the text given.");

        group.MapPost("/", async (Guid patientId, NoticeCopyInput input, System.Security.Claims.ClaimsPrincipal user, ClinicDb db, TimeProvider clock, CancellationToken ct) =>
                (await RecordNoticeCopy.RunAsync(patientId, input, Plan.PlanEndpoints.Who(user), StaffIdOf(user), db, clock, ct)).ToHttp(c =>
                    TypedResults.Created($"/api/patients/{patientId}/california-notice-copies", NoticeCopyView.From(c, null))))
            .RequireAuthorization(Policies.ConsentCollect)
            .PatientData("CaliforniaNoticeCopy")
            .WithSummary("Record that the written copy of the §684 notice was given (SPEC §6.4 (B): in writing before the initial therapy).")
            .WithDescription("`method`: InPerson or Portal (required). `locationId` defaults to the patient's preferred location; `givenAt` to now and never in the future. " +
                "The giver is the signed-in staff member; the stored text is the verbatim notice. Records cannot be changed or deleted.");
    }

    public static int? StaffIdOf(System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(Auth.TalusClaims.StaffId)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
