// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>The after-care and follow-up plans of a procedure as CarePlans.</summary>
[Collection(AppCollection.Name)]
public sealed class CarePlanFhirTests(TalusApp app)
{
    private const string Base = "https://talus.example.org/fhir";

    [Fact]
    public async Task CarePlan_FollowUp_VisitsWithWindowsAndStatus()
    {
        var visits = await app.WithDbAsync(db => db.FollowUpVisits.AsNoTracking()
            .Where(v => v.ProcedureId == db.FollowUpVisits.Select(x => x.ProcedureId).First()).OrderBy(v => v.TargetDate).ToListAsync());
        var procedureId = visits[0].ProcedureId;
        using var client = app.ClientAs(Roles.Admin);
        var plan = await FhirCalls.ReadAsync<CarePlan>(client, $"/fhir/CarePlan/follow-up-{procedureId}");
        Assert.Equal($"Patient/{visits[0].PatientId}", plan.Subject.Reference);
        Assert.Contains(plan.Category, c => c.Coding[0].Code == "assess-plan");
        Assert.Contains(plan.Category, c => c.Coding[0].System == $"{Base}/CodeSystem/care-plan" && c.Coding[0].Code == "follow-up");
        Assert.Equal(visits.Count, plan.Activity.Count);
        for (var i = 0; i < visits.Count; i++)
        {
            var detail = plan.Activity[i].Detail;
            Assert.Equal(visits[i].Visit.ToString(), detail.Code.Coding[0].Code);
            Assert.Equal(visits[i].WindowStart.ToString("yyyy-MM-dd"), ((Period)detail.Scheduled).Start); // SPEC §4.2 window
            Assert.Equal(visits[i].WindowEnd.ToString("yyyy-MM-dd"), ((Period)detail.Scheduled).End);
            Assert.Equal(FollowUpFhir.StatusOf(visits[i].Status), detail.Status);
        }
        var pending = visits.Any(v => v.Status is FollowUpStatus.Upcoming or FollowUpStatus.Open);
        Assert.Equal(pending ? RequestStatus.Active : RequestStatus.Completed, plan.Status);
    }

    [Fact]
    public async Task CarePlan_AfterCare_InstructionsAsActivitiesFromProcedureDay()
    {
        var procedure = await app.WithDbAsync(db => db.Procedures.AsNoTracking().FirstAsync());
        // Demo procedures are at several locations: the administrator sees them all.
        using var client = app.ClientAs(Roles.Admin);
        var plan = await FhirCalls.ReadAsync<CarePlan>(client, $"/fhir/CarePlan/after-care-{procedure.Id}");
        var instructions = Features.Procedure.RecordProcedure.AfterCareOf(procedure);
        Assert.NotEmpty(instructions);
        Assert.Equal(instructions.Select(i => i.Code), plan.Activity.Select(a => a.Detail.Code.Coding[0].Code));
        Assert.Equal(instructions.Select(i => i.Start.ToString("yyyy-MM-dd")), plan.Activity.Select(a => ((Period)a.Detail.Scheduled).Start));
        Assert.Equal(procedure.PerformedOn.ToString("yyyy-MM-dd"), plan.Period.Start);
    }

    [Fact]
    public async Task CarePlan_SearchEachParameter_AndPagesWithBothPlansOfAProcedure()
    {
        var procedure = await app.WithDbAsync(db => db.Procedures.AsNoTracking().FirstAsync(p => db.FollowUpVisits.Any(v => v.ProcedureId == p.Id)));
        var day = procedure.PerformedOn.ToString("yyyy-MM-dd");
        using var client = app.ClientAs(Roles.Admin);
        async Task<List<string>> Ids(string query) => [.. (await FhirCalls.SearchAllAsync(client, $"/fhir/CarePlan?{query}")).Select(r => r.Id)];
        var both = await Ids($"patient={procedure.PatientId}&date={day}");
        Assert.Contains($"after-care-{procedure.Id}", both);
        Assert.Contains($"follow-up-{procedure.Id}", both);
        Assert.Equal([$"follow-up-{procedure.Id}"], (await Ids($"subject=Patient/{procedure.PatientId}&category=follow-up&date={day}")).Where(i => i.EndsWith(procedure.Id.ToString())));
        Assert.Equal([$"after-care-{procedure.Id}"], (await Ids($"patient={procedure.PatientId}&category={Base}/CodeSystem/care-plan|after-care&date={day}")).Where(i => i.EndsWith(procedure.Id.ToString())));
        Assert.DoesNotContain($"after-care-{procedure.Id}", await Ids($"patient={procedure.PatientId}&date=gt{day}"));
        Assert.DoesNotContain($"after-care-{procedure.Id}", await Ids($"patient={procedure.PatientId}&status=completed"));
        Assert.Contains($"after-care-{procedure.Id}", await Ids($"patient={procedure.PatientId}&status=active"));
        var plans = await FhirCalls.SearchAllAsync(client, "/fhir/CarePlan?status=completed&_count=100");
        Assert.All(plans.Cast<CarePlan>(), p => Assert.Equal(RequestStatus.Completed, p.Status));
        // Paging one plan at a time walks both plans of every procedure exactly once.
        var all = await Ids("_count=100&_sort=-date");
        var paged = await Ids("_count=1&_sort=-date");
        Assert.True(all.Count > 3);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task CarePlan_OtherPatient_403()
    {
        var own = await app.DemoPatientAsync();
        var other = await app.WithDbAsync(db => db.Procedures.AsNoTracking().FirstAsync(p => p.PatientId != own.Id));
        using var client = app.ClientAs(Roles.Patient);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(client, $"/fhir/CarePlan?patient={other.PatientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(client, $"/fhir/CarePlan/after-care-{other.Id}")).Status);
    }
}
