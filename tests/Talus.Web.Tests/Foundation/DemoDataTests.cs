using System.Net;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Procedure;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

public sealed class DemoDataTests
{
    /// <summary>
    /// 8 pm in Irvine is already tomorrow in UTC: every date the demo practice computes must be the clinic's date.
    /// (The shared test app runs at 8 am Pacific, which would hide such a mistake.)
    /// </summary>
    [Fact]
    public async Task DemoPractice_SeededOnACaliforniaEvening_StartsAndCoversTheJourney()
    {
        await using var app = new TalusApp(new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero));
        using var client = app.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var counts = await app.WithDbAsync(async db => new
        {
            Patients = await db.Patients.CountAsync(),
            Intakes = await db.Intakes.CountAsync(),
            Evaluations = await db.Evaluations.CountAsync(),
            Assessments = await db.CandidacyAssessments.CountAsync(),
            Procedures = await db.Set<Talus.Web.Features.Procedure.ProcedureRecord>().CountAsync(),
        });
        Assert.True(counts.Patients >= 200, $"{counts.Patients} patients");
        Assert.True(counts.Intakes > 0 && counts.Evaluations > 0 && counts.Assessments > 0 && counts.Procedures > 0, counts.ToString());
    }

    /// <summary>
    /// <c>--seed-patients</c> writes journeys with their past appointments: each procedure and each answered follow-up
    /// has its appointment at the procedure's location on its day, nothing is written for today or later, and a
    /// synthetic patient's chart shows them.
    /// </summary>
    [Fact]
    public async Task SyntheticJourneys_CarryTheirPastAppointments()
    {
        await using var app = new TalusApp();
        var today = Talus.Web.Shared.PracticeClock.Today(app.Clock);
        var demo = await app.WithDbAsync(async db =>
        {
            var before = await db.Patients.Select(p => p.Id).ToListAsync();
            await SyntheticJourneys.SeedAsync(db, app.Clock, 300, new Random(7), CancellationToken.None);
            return before.ToHashSet();
        });
        var seen = await app.WithDbAsync(async db =>
        {
            var synthetic = (await db.Patients.Select(p => p.Id).ToListAsync()).Where(id => !demo.Contains(id)).ToList();
            var appointments = await db.Appointments.AsNoTracking().Where(a => synthetic.Contains(a.PatientId))
                .Select(a => new { a.PatientId, a.LocationId, a.Start, a.End, a.Status, a.EpisodeStep, Type = a.Type!.Code, a.ProviderId }).ToListAsync();
            var procedures = await db.Set<ProcedureRecord>().AsNoTracking().Where(p => synthetic.Contains(p.PatientId))
                .Select(p => new { p.PatientId, p.LocationId, p.PerformedOn }).ToListAsync();
            var answered = await db.FollowUpVisits.AsNoTracking().Where(v => synthetic.Contains(v.PatientId) && v.Status == FollowUpStatus.Completed)
                .Select(v => new { v.PatientId, v.LocationId, v.CompletedAt }).ToListAsync();
            return (Appointments: appointments, Procedures: procedures, Answered: answered, Patients: synthetic.Count);
        });

        var zone = NodaTime.DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        DateOnly LocalDay(DateTime utc) => Availability.ToLocal(zone, utc).Date.ToDateOnly();
        Assert.Equal(300, seen.Patients);
        Assert.True(seen.Appointments.Count > seen.Patients * 2, $"{seen.Appointments.Count} appointments for {seen.Patients} patients");
        Assert.All(seen.Appointments, a => Assert.True(LocalDay(a.Start) < today && a.End > a.Start, $"{a.Start:O} is not a past day"));
        Assert.Contains(seen.Appointments, a => a.Status == AppointmentStatus.NoShow);
        Assert.All(seen.Appointments.Where(a => a.Type is AppointmentTypeCodes.Imaging), a => Assert.Null(a.ProviderId));
        Assert.All(seen.Procedures.Where(p => p.PerformedOn < today), p => Assert.Contains(seen.Appointments, a =>
            a.PatientId == p.PatientId && a.Type == AppointmentTypeCodes.Procedure && a.LocationId == p.LocationId && LocalDay(a.Start) == p.PerformedOn
            && a.Status == AppointmentStatus.Completed));
        Assert.NotEmpty(seen.Answered);
        Assert.All(seen.Answered.Where(v => DateOnly.FromDateTime(v.CompletedAt!.Value) < today), v => Assert.Contains(seen.Appointments, a =>
            a.PatientId == v.PatientId && a.LocationId == v.LocationId && LocalDay(a.Start) == DateOnly.FromDateTime(v.CompletedAt!.Value)
            && a.Status == AppointmentStatus.Completed && a.EpisodeStep is not null));

        var visible = await app.PatientsVisibleToAsync(DemoData.SignIns.Single(s => s.Role == Roles.Clinician).Email);
        var treated = seen.Procedures.First(p => p.PerformedOn < today.AddDays(-30) && visible.Contains(p.PatientId));
        using var clinician = app.ClientAs(Roles.Clinician);
        var chart = await clinician.GetAsync($"/patients/{treated.PatientId}");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Contains("Procedure", await chart.Content.ReadAsStringAsync());
    }
}
