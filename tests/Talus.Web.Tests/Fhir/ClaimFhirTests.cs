// The FHIR model marks every element nullable; the assertions themselves fail on a missing element.
#nullable disable warnings
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Fhir;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Fhir;

/// <summary>Episode estimates as Claims with use=predetermination: lines, money in USD, access for billing staff and the patient.</summary>
[Collection(AppCollection.Name)]
public sealed class ClaimFhirTests(TalusApp app)
{
    [Fact]
    public async Task Claim_Estimate_PredeterminationWithLinesNetInUsd()
    {
        var estimate = await app.WithDbAsync(db => db.Estimates.AsNoTracking().Include(e => e.Lines).FirstAsync(e => e.Lines.Count > 1 && e.DiagnosisCodes != ""));
        using var client = app.ClientAs(Roles.Admin);
        var (status, resource, _) = await FhirCalls.GetAsync(client, $"/fhir/Claim/{estimate.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var claim = Assert.IsType<Claim>(resource);
        Assert.Equal(ClaimUseCode.Predetermination, claim.Use);
        Assert.Equal($"Patient/{estimate.PatientId}", claim.Patient.Reference);
        Assert.Equal(estimate.TotalCents / 100m, claim.Total.Value);
        Assert.Equal(Money.Currencies.USD, claim.Total.Currency);
        var lines = estimate.Lines.OrderBy(l => l.Order).ToList();
        Assert.Equal(lines.Select(l => l.ServiceCode), claim.Item.Select(i => i.ProductOrService.Coding.Single().Code));
        Assert.Equal(lines.Select(l => (decimal?)(l.UnitCents * l.Quantity / 100m)), claim.Item.Select(i => i.Net.Value));
        Assert.Equal(estimate.DiagnosisCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries), claim.Diagnosis.Select(d => ((CodeableConcept)d.Diagnosis).Coding.Single().Code));
        Assert.All(claim.Diagnosis, d => Assert.Equal(FhirSystems.Icd10Cm, ((CodeableConcept)d.Diagnosis).Coding.Single().System));
        Assert.Empty(R4Validator.Errors(claim));
    }

    [Fact]
    public async Task Claim_SearchEachParameter()
    {
        var estimate = await app.WithDbAsync(db => db.Estimates.AsNoTracking().FirstAsync(e => e.Status == Features.Billing.EstimateStatus.Presented || e.Status == Features.Billing.EstimateStatus.Accepted));
        var id = estimate.Id.ToString();
        var day = estimate.CreatedAt.ToString("yyyy-MM-dd");
        using var client = app.ClientAs(Roles.Admin);
        async Task<bool> Finds(string query) => (await FhirCalls.SearchAllAsync(client, $"/fhir/Claim?{query}")).Any(r => r.Id == id);
        Assert.True(await Finds($"patient={estimate.PatientId}&status=active&use=predetermination&created={day}"));
        Assert.False(await Finds($"patient={estimate.PatientId}&status=draft"));
        Assert.False(await Finds($"patient={estimate.PatientId}&use=claim"));
        Assert.False(await Finds($"patient={estimate.PatientId}&created=gt{day}"));
        Assert.True(await Finds($"patient={estimate.PatientId}&created=ge{day}"));
    }

    [Fact]
    public async Task Claim_ClinicianRefused_PatientOnlyOwn()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(clinician, "/fhir/Claim")).Status);
        var own = await app.DemoPatientAsync();
        var other = await app.WithDbAsync(db => db.Estimates.AsNoTracking().FirstAsync(e => e.PatientId != own.Id));
        using var patient = app.ClientAs(Roles.Patient);
        Assert.Equal(HttpStatusCode.Forbidden, (await FhirCalls.GetAsync(patient, $"/fhir/Claim?patient={other.PatientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FhirCalls.GetAsync(patient, $"/fhir/Claim/{other.Id}")).Status);
        Assert.All(await FhirCalls.SearchAllAsync(patient, "/fhir/Claim"), c => Assert.Equal($"Patient/{own.Id}", ((Claim)c).Patient.Reference));
    }
}
