using System.Globalization;
using Talus.Web.Features.Documents;

namespace Talus.Web.Features.Billing;

/// <summary>The Good Faith Estimate as the PDF given to the patient (every SPEC §7.2 element, fonts embedded).</summary>
public static class GfePdf
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(GfeContent gfe, int version, DateOnly issuedOn, Guid id)
    {
        using var pdf = new DocumentBuilder("Good Faith Estimate", $"Good Faith Estimate {id} · version {version} · issued {issuedOn:yyyy-MM-dd}");
        pdf.Title("Good Faith Estimate");
        pdf.Text($"Issued {issuedOn.ToString("MMMM d, yyyy", Us)} · version {version}", 9.5);
        pdf.Gap(4);
        pdf.Text($"Patient: {gfe.PatientName}", 11, bold: true);
        pdf.Text($"Date of birth: {gfe.PatientBirthDate?.ToString("MMMM d, yyyy", Us) ?? "not recorded"}", 10);
        pdf.Heading("Primary service");
        pdf.Text(gfe.PrimaryService);
        pdf.Text(gfe.ServiceDate is { } d ? $"Scheduled for {d.ToString("dddd, MMMM d, yyyy", Us)}" : "Not scheduled yet", 10);
        pdf.Text($"Diagnosis codes (ICD-10-CM): {string.Join(", ", gfe.DiagnosisCodes)}", 10);

        pdf.Heading("Expected items and services, by provider or facility");
        foreach (var p in gfe.Providers)
        {
            pdf.Gap(4);
            pdf.Text(p.Name, 11, bold: true);
            pdf.Text($"NPI {p.Npi} · TIN {p.Tin}", 9.5);
            pdf.Text($"Where: {p.Location}", 9.5);
            pdf.Table(
                [new Column("Item or service", 5), new Column("Service code", 1.6), new Column("Diagnosis codes", 1.8), new Column("Qty", 0.7, Right: true),
                    new Column("Expected charge", 1.8, Right: true)],
                p.Items.Select(i => (IReadOnlyList<string>)[i.Description, i.Modifier is null ? i.ServiceCode : $"{i.ServiceCode}-{i.Modifier}",
                    string.Join(", ", gfe.DiagnosisCodes), i.Quantity.ToString(Us), BillingText.Money(i.TotalCents)]));
            pdf.Text($"Total expected charges from {p.Name}: {BillingText.Money(p.TotalCents)}", 10, bold: true);
        }
        pdf.Gap(6);
        pdf.Text($"Total expected charges: {BillingText.Money(gfe.TotalCents)} ({gfe.Currency})", 12, bold: true);

        pdf.Heading("Items and services scheduled separately");
        if (gfe.SeparatelyScheduled.Count == 0)
        {
            pdf.Text("None are anticipated.");
        }
        else
        {
            pdf.Text("These are expected before or after this period of care. They are not in the total above and will have their own estimate when scheduled.", 9.5);
            pdf.Table([new Column("Item or service", 5), new Column("Service code", 1.6), new Column("Provider or facility", 3), new Column("Estimated charge", 1.8, Right: true)],
                gfe.SeparatelyScheduled.Select(s => (IReadOnlyList<string>)[s.Description, s.ServiceCode, s.ProviderName, BillingText.Money(s.EstimatedCents)]));
        }

        pdf.Heading("Disclaimers");
        foreach (var text in gfe.Disclaimers)
        {
            pdf.Text(text, 9.5);
            pdf.Gap(4);
        }
        pdf.Rule();
        pdf.Text("For questions or more information about your right to a Good Faith Estimate, visit www.cms.gov/nosurprises. Keep a copy of this Good Faith Estimate.", 9);
        return pdf.ToArray();
    }
}
