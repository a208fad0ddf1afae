using System.Text.Json;
using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Billing;

/// <summary>One item of a GFE: service code, description, quantity and expected charge in cents.</summary>
public sealed record GfeItem(string Description, string ServiceCode, string? Modifier, int Quantity, long UnitCents, long TotalCents);

/// <summary>The items one provider or facility is expected to bill, with who it is and where (SPEC §7.2 elements 3–5).</summary>
public sealed record GfeProviderGroup(string Name, string Npi, string Tin, string AddressLine, string City, string State, string PostalCode,
    IReadOnlyList<GfeItem> Items, long TotalCents)
{
    public string Location => $"{AddressLine}, {City}, {State} {PostalCode}";
}

/// <summary>An item to be scheduled separately, before or after the period of care (SPEC §7.2 element 6).</summary>
public sealed record GfeSeparateItem(string Description, string ServiceCode, string ProviderName, long EstimatedCents);

/// <summary>
/// Everything a Good Faith Estimate states, as issued (45 CFR 149.610(c); SPEC §7.2 elements 1–10). Stored as JSON in
/// the issued record; the PDF, the portal page and the API all show this same content.
/// </summary>
public sealed record GfeContent(
    string PatientName,
    DateOnly? PatientBirthDate,
    string PrimaryService,
    DateOnly? ServiceDate,
    IReadOnlyList<string> DiagnosisCodes,
    IReadOnlyList<GfeProviderGroup> Providers,
    IReadOnlyList<GfeSeparateItem> SeparatelyScheduled,
    long TotalCents,
    string Currency,
    IReadOnlyList<string> Disclaimers,
    string Language = "en")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>SPEC §7.2 "Sources": where the patient finds how to start a patient-provider dispute.</summary>
    public const string DisputeInformationUrl = "https://www.cms.gov/nosurprises/consumers/medical-bill-disagreements-if-you-are-uninsured";

    /// <summary>
    /// The four disclaimers of 45 CFR 149.610(c) (SPEC §7.2 elements 7–10), in the words of the HHS model notice, with
    /// the practice's dispute numbers (threshold, window, fee); in Spanish for a patient who prefers it.
    /// </summary>
    public static IReadOnlyList<string> DisclaimersFor(GoodFaithEstimateSettings s, string language = "en") => language == "es" ?
    [
        // A careful translation of the HHS model notice wording above. CMS publishes its example GFE in English only (its
        // Spanish page cms.gov/derechos-facturas-medicas links it as "PDF disponible en inglés"); counsel reviews it.
        "Puede haber artículos o servicios adicionales que el proveedor o el centro recomiende como parte de su atención, que se deban programar o pedir por separado y que no aparecen en esta Estimación de Buena Fe.",
        "Esta Estimación de Buena Fe muestra los costos de los artículos y servicios que razonablemente se espera que necesite para su atención médica. La estimación se basa en la información que se conocía cuando se hizo. Es solo una estimación: los artículos, servicios o cargos reales pueden ser diferentes.",
        $"Usted tiene derecho a iniciar un proceso de resolución de disputas entre paciente y proveedor si se le cobra al menos {Dollars.Format(s.DisputeThresholdCents)} más que los cargos esperados de cualquier proveedor o centro que aparece en esta Estimación de Buena Fe. " +
            $"Debe iniciar la disputa dentro de los {s.DisputeWindowDays} días calendario a partir de la fecha de la factura original; hay una tarifa administrativa de {Dollars.Format(s.DisputeFeeCents)}. " +
            $"Información sobre cómo iniciarla: {DisputeInformationUrl}. Iniciar el proceso de disputa no afectará la calidad de la atención que usted recibe.",
        "Esta Estimación de Buena Fe no es un contrato y no le obliga a recibir los artículos o servicios de ninguno de los proveedores o centros que aparecen en ella.",
    ] :
    [
        "There may be additional items or services the provider or facility recommends as part of the course of care that must be scheduled or requested separately and are not reflected in this Good Faith Estimate.",
        "This Good Faith Estimate shows the costs of items and services that are reasonably expected for your health care needs. The estimate is based on information known at the time it was created. It is only an estimate: the actual items, services or charges may differ.",
        $"You have the right to initiate a patient-provider dispute resolution process if you are billed for at least {Dollars.Format(s.DisputeThresholdCents)} more than the expected charges for any provider or facility listed in this Good Faith Estimate. " +
            $"You must start the dispute within {s.DisputeWindowDays} calendar days of the date on the original bill; there is a {Dollars.Format(s.DisputeFeeCents)} administrative fee. " +
            $"Information on how to start it: {DisputeInformationUrl}. Initiating the dispute process will not adversely affect the quality of the care you receive.",
        "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of the providers or facilities identified in it.",
    ];

    /// <summary>
    /// The content of the GFE an estimate version gives for a patient, with the scheduled service date if any, in the
    /// patient's preferred language (English or Spanish): the PDF and the disclaimers are written in it.
    /// </summary>
    public static GfeContent From(Patient patient, Estimate estimate, DateOnly? serviceDate, GoodFaithEstimateSettings settings)
    {
        var lines = estimate.Lines.OrderBy(l => l.Order).ToList();
        var groups = lines.Where(l => !l.SeparatelyScheduled).GroupBy(l => l.EntityNpi).Select(g =>
        {
            var first = g.First();
            var items = g.Select(l => new GfeItem(l.Description, l.ServiceCode, l.Modifier, l.Quantity, l.UnitCents, l.TotalCents)).ToList();
            return new GfeProviderGroup(first.EntityName, first.EntityNpi, first.EntityTin, first.EntityAddress, first.EntityCity, first.EntityState,
                first.EntityPostalCode, items, items.Sum(i => i.TotalCents));
        }).ToList();
        var separate = lines.Where(l => l.SeparatelyScheduled)
            .Select(l => new GfeSeparateItem(l.Description, l.ServiceCode, l.EntityName, l.TotalCents)).ToList();
        return new(patient.FullName, patient.BirthDate == default ? null : patient.BirthDate, estimate.Title, serviceDate,
            estimate.DiagnosisCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries), groups, separate, groups.Sum(g => g.TotalCents),
            estimate.Currency, DisclaimersFor(settings, LanguageOf(patient)), LanguageOf(patient));
    }

    private static string LanguageOf(Patient patient) => patient.PreferredLanguage == "es" ? "es" : "en";

    /// <summary>The same content as the rules see it, to check the required elements and compare versions.</summary>
    public GfeDocument ToDocument() => new()
    {
        PatientName = PatientName,
        PatientDateOfBirth = PatientBirthDate,
        PrimaryServiceDescription = PrimaryService,
        ScheduledServiceDate = ServiceDate,
        Items = [.. Providers.SelectMany(p => p.Items.Select(i => new Clinical.EstimateLine(p.Npi, i.ServiceCode, i.Description, i.UnitCents, i.Quantity, DiagnosisCodes)))],
        Providers = [.. Providers.Select(p => new GfeProvider(p.Npi, p.Name, p.Npi, p.Tin, p.State, string.IsNullOrWhiteSpace(p.AddressLine) ? null : p.Location))],
        SeparatelyScheduledItems = [.. SeparatelyScheduled.Select(s => s.Description)],
        AdditionalItemsDisclaimer = Disclaimers.Count > 0 && !string.IsNullOrWhiteSpace(Disclaimers[0]),
        EstimateOnlyDisclaimer = Disclaimers.Count > 1 && !string.IsNullOrWhiteSpace(Disclaimers[1]),
        DisputeRightsDisclaimer = Disclaimers.Count > 2 && Disclaimers[2].Contains(DisputeInformationUrl, StringComparison.Ordinal),
        NotAContractDisclaimer = Disclaimers.Count > 3 && !string.IsNullOrWhiteSpace(Disclaimers[3]),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GfeContent FromJson(string json) => JsonSerializer.Deserialize<GfeContent>(json, Json)!;
}
