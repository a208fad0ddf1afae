using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Intake;
using Talus.Web.Features.Patients;

using Talus.Web.Shared;

namespace Talus.Web.Features.Consultations;

/// <summary>A visitor asks for a consultation (no account). Checks the location before writing anything.</summary>
public static class SubmitConsultationRequest
{
    public static async Task<Outcome<ConsultationRequest>> RunAsync(ConsultationRequestInput input, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (input.PreferredLocationId is { } loc && !await db.Locations.AnyAsync(l => l.Id == loc && l.IsActive, ct))
        {
            return Outcome.Invalid("preferredLocationId", "Please choose one of our locations.");
        }
        var request = new ConsultationRequest
        {
            GivenName = input.GivenName.Trim(),
            FamilyName = input.FamilyName.Trim(),
            BirthDate = input.BirthDate,
            Phone = Blank(input.Phone),
            Email = Blank(input.Email),
            PreferredLocationId = input.PreferredLocationId,
            Joint = input.Joint,
            Side = input.Side,
            Question = Blank(input.Question),
            PreferredLanguage = input.PreferredLanguage,
            ConsentToContact = input.ConsentToContact,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            Status = ConsultationRequestStatus.New,
        };
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return request;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The requests a staff user may see: Admin all; front desk those for its locations or with no location chosen.</summary>
public static class ListConsultationRequests
{
    public static IQueryable<ConsultationRequest> Visible(ClaimsPrincipal user, ClinicDb db)
    {
        var all = db.Set<ConsultationRequest>().Include(r => r.PreferredLocation);
        if (user.IsInRole(Roles.Admin))
        {
            return all;
        }
        if (user.IsInRole(Roles.FrontDesk))
        {
            var locations = TalusClaims.Locations(user);
            return all.Where(r => r.PreferredLocationId == null || locations.Contains(r.PreferredLocationId.Value));
        }
        return all.Where(_ => false);
    }

    /// <summary>Open requests oldest first (the longest waiting on top), then the latest closed ones.</summary>
    public static async Task<List<ConsultationRequest>> RunAsync(ClaimsPrincipal user, ClinicDb db, bool includeClosed, CancellationToken ct)
    {
        var visible = Visible(user, db).AsNoTracking();
        var open = await visible.Where(r => r.Status == ConsultationRequestStatus.New).OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        if (includeClosed)
        {
            open.AddRange(await visible.Where(r => r.Status != ConsultationRequestStatus.New)
                .OrderByDescending(r => r.HandledAt).Take(50).ToListAsync(ct));
        }
        return open;
    }

    public static Task<int> CountOpenAsync(ClaimsPrincipal user, ClinicDb db, CancellationToken ct) =>
        Visible(user, db).CountAsync(r => r.Status == ConsultationRequestStatus.New, ct);

    /// <summary>How long a request has waited, in words a desk reads at a glance.</summary>
    public static string Age(DateTime receivedAt, DateTime now)
    {
        var age = now - receivedAt;
        return age.TotalMinutes < 60 ? $"{Math.Max(0, (int)age.TotalMinutes)} min"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }
}

/// <summary>Closes a request as handled or not reachable, with a note and who did it.</summary>
public static class HandleConsultationRequest
{
    public static async Task<Outcome<ConsultationRequest>> RunAsync(Guid id, HandleRequestInput input, ClaimsPrincipal user, ClinicDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var request = await ListConsultationRequests.Visible(user, db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome.NotFound();
        }
        if (input.Outcome is not (ConsultationRequestStatus.Handled or ConsultationRequestStatus.NotReachable))
        {
            return Outcome.Invalid("outcome", "Choose Handled or NotReachable.");
        }
        if (input.Outcome == ConsultationRequestStatus.NotReachable && string.IsNullOrWhiteSpace(input.Note))
        {
            return Outcome.Invalid("note", "Say how you tried to reach the person.");
        }
        request.Status = input.Outcome.Value;
        request.HandledNote = SubmitConsultationRequest.Blank(input.Note);
        request.HandledAt = clock.GetUtcNow().UtcDateTime;
        request.HandledBy = user.FindFirstValue("name") ?? user.Identity?.Name;
        request.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return request;
    }
}

/// <summary>
/// Registers the person who asked as a patient, or links the existing patient with the same name and birth date
/// (so one person never gets two charts).
/// </summary>
public static class RegisterFromRequest
{
    public sealed record Registered(Guid PatientId, string Mrn, bool Matched);

    public static async Task<Outcome<Registered>> RunAsync(Guid id, RegisterFromRequestInput input, ClaimsPrincipal user, ClinicDb db,
        TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var request = await ListConsultationRequests.Visible(user, db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return Outcome.NotFound();
        }
        if (request.PatientId is { } already)
        {
            var mrn = await db.Patients.Where(p => p.Id == already).Select(p => p.Mrn).FirstAsync(ct);
            return new Registered(already, mrn, true);
        }
        var family = request.FamilyName.ToUpperInvariant();
        var given = request.GivenName.ToUpperInvariant();
        var birth = input.BirthDate!.Value;
        var match = await db.Patients.FirstOrDefaultAsync(p => p.FamilyNameKey == family && p.GivenNameKey == given && p.BirthDate == birth, ct);
        Patient patient;
        if (match is not null)
        {
            patient = match;
        }
        else
        {
            var registered = await SavePatient.RegisterAsync(new PatientInput
            {
                GivenName = request.GivenName, FamilyName = request.FamilyName, BirthDate = birth, Sex = input.Sex,
                Phone = request.Phone, Email = request.Email, PreferredLanguage = request.PreferredLanguage,
                PreferredLocationId = request.PreferredLocationId,
            }, db, clock, ct);
            if (registered.Value is not { } created)
            {
                return Outcome.FailureOf(registered);
            }
            patient = created;
        }
        if (db.Entry(request).State == EntityState.Detached)
        {
            // A retried registration cleared the change tracker.
            db.Attach(request);
        }
        request.PatientId = patient.Id;
        request.BirthDate ??= birth;
        request.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return new Registered(patient.Id, patient.Mrn, match is not null);
    }
}
