using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Journey;

/// <summary>Builds a patient's record for evaluation, candidacy and decision-aid tests through the API (intake via the database).</summary>
internal static class JourneyRecord
{
    public static DateOnly Today(TalusApp app) => DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);

    public static async Task<Guid> NewPatientAsync(HttpClient client, string family, string birthDate = "1965-03-10")
    {
        var response = await client.PostAsJsonAsync("/api/patients", new { givenName = "Test", familyName = family, birthDate, sex = "Female", preferredLanguage = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A complete submitted intake for the right ankle; an IA steroid in that ankle <paramref name="steroidDaysAgo"/> days ago if given.</summary>
    public static Task AddIntakeAsync(TalusApp app, Guid patientId, int? steroidDaysAgo = null, Joint joint = Joint.Ankle, int? nsaidDaysAgo = null) => app.WithDbAsync(async db =>
    {
        var today = Today(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var intake = new Intake
        {
            PatientId = patientId, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Staff, TargetJoint = joint, TargetSide = Side.Right,
            SymptomDurationMonths = 24, ConservativeCareMonths = 9, PainNrsAverage = 5, PainNrsWorst = 7, Smoking = SmokingStatus.Never,
            HeightCm = 165m, WeightKg = 68m, Diabetic = false, KnownCoagulopathy = false, PlateletDysfunction = false, InflammatoryArthritis = false,
            ActiveMalignancy = false, HematologicOrBoneMalignancy = false, MalignancyHistory = false, PregnantOrBreastfeeding = false,
            CanCompleteFollowUp = true, StartedAt = now, UpdatedAt = now, SubmittedAt = now,
        };
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.PhysicalTherapy, StartedOn = today.AddMonths(-9), LastOn = today.AddMonths(-2) });
        intake.PriorTreatments.Add(new PriorTreatment { PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.Bracing, StartedOn = today.AddMonths(-8) });
        if (steroidDaysAgo is { } days)
        {
            intake.PriorTreatments.Add(new PriorTreatment
            {
                PatientId = patientId, IntakeId = intake.Id, Kind = PriorTreatmentKind.CorticosteroidInjection, Joint = joint, Side = Side.Right,
                StartedOn = today.AddDays(-days), LastOn = today.AddDays(-days),
            });
        }
        if (nsaidDaysAgo is { } nsaid)
        {
            intake.Medications.Add(new MedicationEntry { PatientId = patientId, IntakeId = intake.Id, Name = "Ibuprofen", Class = MedicationClass.Nsaid, LastDoseOn = today.AddDays(-nsaid) });
        }
        db.Intakes.Add(intake);
        await db.SaveChangesAsync();
        return 0;
    });

    public static async Task AddExamAsync(HttpClient client, TalusApp app, Guid patientId, Joint joint = Joint.Ankle, int nrs = 6, bool infection = false)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patientId}/evaluations", new
        {
            examinedOn = Today(app), joint = joint.ToString(), side = "Right", malalignmentDegrees = 3, instability = false, mechanicalSymptoms = false,
            infectionAtSite = infection, hemodynamicInstability = false, canGiveInformedConsent = true, painNrs = nrs,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task AddKlAsync(HttpClient client, TalusApp app, Guid patientId, int kl, Joint joint = Joint.Ankle)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patientId}/imaging", new
        {
            modality = "WeightBearingRadiograph", performedOn = Today(app), joint = joint.ToString(), side = "Right",
            grades = new[] { new { system = "KellgrenLawrence", value = kl.ToString(), reader = "Dr. Test" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The SPEC §2.5 panel, all within range.</summary>
    public static async Task AddNormalLabsAsync(HttpClient client, TalusApp app, Guid patientId)
    {
        foreach (var (loinc, value) in new[] { ("718-7", 13.5m), ("777-3", 240m), ("6690-2", 6.1m), ("2160-0", 0.9m), ("1742-6", 22m), ("1920-8", 25m), ("6301-6", 1.0m) })
        {
            var response = await client.PostAsJsonAsync($"/api/patients/{patientId}/labs", new { loinc, value, collectedOn = Today(app).AddDays(-1) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    /// <summary>A patient with a complete record for the right ankle.</summary>
    public static async Task<Guid> CompletePatientAsync(HttpClient client, TalusApp app, string family, int kl, int? steroidDaysAgo = null,
        int? nsaidDaysAgo = null, bool infection = false)
    {
        var id = await NewPatientAsync(client, family);
        await AddIntakeAsync(app, id, steroidDaysAgo, nsaidDaysAgo: nsaidDaysAgo);
        await AddExamAsync(client, app, id, infection: infection);
        await AddKlAsync(client, app, id, kl);
        await AddNormalLabsAsync(client, app, id);
        return id;
    }
}
