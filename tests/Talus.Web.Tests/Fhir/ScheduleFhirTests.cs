// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>Schedules per provider and location, and Slots: free from the slot search, busy from appointments, in bounded windows.</summary>
[Collection(AppCollection.Name)]
public sealed class ScheduleFhirTests(TalusApp app)
{
    private const string Base = "https://talus.example.org/fhir";

    private async Task<(string Code, int Provider)> ProviderTypeAsync() =>
        await app.WithDbAsync(async db => (
            (await db.AppointmentTypes.AsNoTracking().OrderBy(t => t.Id).FirstAsync(t => t.IsActive && t.NeedsProvider)).Code,
            await db.Staff.AsNoTracking().Where(s => s.Role == Roles.Clinician && s.IsActive).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync()));

    private static string Window(DateTime from, int days) => $"start=ge{from:yyyy-MM-dd}&start=lt{from.AddDays(days):yyyy-MM-dd}";

    [Fact]
    public async Task Schedule_Provider_ActorsAndSearch()
    {
        var (code, provider) = await ProviderTypeAsync();
        using var client = app.ClientAs(Roles.Patient);
        var schedule = await FhirCalls.ReadAsync<Schedule>(client, $"/fhir/Schedule/p{provider}");
        Assert.Equal($"Practitioner/{provider}", schedule.Actor[0].Reference);
        Assert.Contains(schedule.Actor, a => a.Reference?.StartsWith("Location/") == true);
        Assert.Contains(schedule.ServiceType, s => s.Coding[0].System == $"{Base}/CodeSystem/appointment-type" && s.Coding[0].Code == code);
        Assert.Equal(new[] { $"p{provider}" }, (await FhirCalls.SearchAllAsync(client, $"/fhir/Schedule?actor=Practitioner/{provider}")).Select(s => s.Id));
        var active = await FhirCalls.SearchAllAsync(client, "/fhir/Schedule?active=true&_count=1");
        Assert.Contains(active, s => s.Id.StartsWith('l'));
        Assert.All(active.Cast<Schedule>(), s => Assert.True(s.Active));
    }

    [Fact]
    public async Task Slot_FreeOfOneType_InWindowPagedAndReadable()
    {
        var (code, provider) = await ProviderTypeAsync();
        var from = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);
        using var client = app.ClientAs(Roles.FrontDesk);
        var url = $"/fhir/Slot?service-type={code}&status=free&{Window(from, 7)}";
        var all = await FhirCalls.SearchAllAsync(client, url + "&_count=100");
        Assert.True(all.Count > 5, $"{all.Count} free slots");
        Assert.All(all.Cast<Slot>(), s =>
        {
            Assert.Equal(Slot.SlotStatus.Free, s.Status);
            Assert.Equal(code, s.ServiceType.Single().Coding[0].Code);
            Assert.InRange(s.Start.Value.UtcDateTime, from, from.AddDays(7));
        });
        var starts = all.Cast<Slot>().Select(s => s.Start.Value).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.Equal(all.Select(s => s.Id), (await FhirCalls.SearchAllAsync(client, url + "&_count=3")).Select(s => s.Id));
        var one = (Slot)all[0];
        var read = await FhirCalls.ReadAsync<Slot>(client, $"/fhir/Slot/{one.Id}");
        Assert.Equal(one.Start, read.Start);
        var mine = await FhirCalls.SearchAllAsync(client, $"{url}&schedule=Schedule/p{provider}&_count=100");
        Assert.All(mine.Cast<Slot>(), s => Assert.Equal($"Schedule/p{provider}", s.Schedule.Reference));
    }

    [Fact]
    public async Task Slot_BookedAppointment_BusyOnItsSchedule()
    {
        var appt = await app.WithDbAsync(db => db.Appointments.AsNoTracking().Include(a => a.Type)
            .FirstAsync(a => a.Status == Features.Scheduling.AppointmentStatus.Booked && a.ProviderId != null));
        using var client = app.ClientAs(Roles.Admin);
        var from = appt.Start.Date;
        var busy = await FhirCalls.SearchAllAsync(client, $"/fhir/Slot?status=busy&schedule=Schedule/p{appt.ProviderId}&{Window(from, 1)}&_count=100");
        var slot = (Slot)Assert.Single(busy, s => s.Id == $"busy-{appt.Id}");
        Assert.Equal(Slot.SlotStatus.Busy, slot.Status);
        Assert.Equal(appt.Start, slot.Start.Value.UtcDateTime);
        Assert.DoesNotContain(await FhirCalls.SearchAllAsync(client, $"/fhir/Slot?status=free&service-type={appt.Type?.Code ?? "x"}&{Window(from, 1)}&_count=100"), s => s.Id == slot.Id);
    }

    [Theory]
    [InlineData("/fhir/Slot?status=busy")]
    [InlineData("/fhir/Slot?status=busy&start=ge2026-11-25")]
    [InlineData("/fhir/Slot?status=busy&start=ge2026-11-25&start=lt2027-01-25")]
    [InlineData("/fhir/Slot?status=busy&start=ge2026-11-25&start=lt2026-11-20")]
    [InlineData("/fhir/Slot?status=free&start=ge2026-11-25&start=lt2026-11-30")]
    [InlineData("/fhir/Slot?start=ne2026-11-25")]
    public async Task Slot_UnboundedOrTooWideOrFreeWithoutType_400(string url)
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        var (status, resource, _) = await FhirCalls.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.IsType<OperationOutcome>(resource);
    }
}
