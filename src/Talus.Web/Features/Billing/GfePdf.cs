using Talus.Web.Features.Documents;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>
/// The Good Faith Estimate as the PDF given to the patient (every SPEC §7.2 element, fonts embedded), in the language
/// the content was issued in: labels from the patient text resources, money and dates via PatientFormat.
/// </summary>
public static class GfePdf
{
    public static byte[] Render(GfeContent gfe, int version, DateOnly issuedOn, Guid id) => PatientText.In(gfe.Language, _ =>
    {
        using var pdf = new DocumentBuilder(Say("GfePdf_Title"), $"Good Faith Estimate {id} · version {version} · issued {issuedOn:yyyy-MM-dd} ({gfe.Language})");
        pdf.Title(Say("GfePdf_Title"));
        pdf.Text(Say("GfePdf_Issued", PatientFormat.Date(issuedOn), version), 9.5);
        pdf.Gap(4);
        pdf.Text(Say("GfePdf_Patient", gfe.PatientName), 11, bold: true);
        pdf.Text(Say("GfePdf_BirthDate", gfe.PatientBirthDate is { } born ? PatientFormat.Date(born) : Say("GfePdf_NotRecorded")), 10);
        pdf.Heading(Say("GfePdf_Primary"));
        pdf.Text(gfe.PrimaryService);
        pdf.Text(gfe.ServiceDate is { } d ? Say("GfePdf_Scheduled", PatientFormat.DayAndDate(d)) : Say("GfePdf_NotScheduled"), 10);
        pdf.Text(Say("GfePdf_Diagnosis", string.Join(", ", gfe.DiagnosisCodes)), 10);

        pdf.Heading(Say("GfePdf_Expected"));
        foreach (var p in gfe.Providers)
        {
            pdf.Gap(4);
            pdf.Text(p.Name, 11, bold: true);
            pdf.Text($"NPI {p.Npi} · TIN {p.Tin}", 9.5);
            pdf.Text(Say("GfePdf_Where", p.Location), 9.5);
            pdf.Table(
                [new Column(Say("GfePdf_Item"), 5), new Column(Say("GfePdf_Code"), 1.6), new Column(Say("GfePdf_DiagnosisCodes"), 1.8), new Column(Say("GfePdf_Qty"), 0.7, Right: true),
                    new Column(Say("GfePdf_Charge"), 1.8, Right: true)],
                p.Items.Select(i => (IReadOnlyList<string>)[i.Description, i.Modifier is null ? i.ServiceCode : $"{i.ServiceCode}-{i.Modifier}",
                    string.Join(", ", gfe.DiagnosisCodes), PatientFormat.Number(i.Quantity), PatientFormat.Money(i.TotalCents)]));
            pdf.Text(Say("GfePdf_ProviderTotal", p.Name, PatientFormat.Money(p.TotalCents)), 10, bold: true);
        }
        pdf.Gap(6);
        pdf.Text(Say("GfePdf_Total", PatientFormat.Money(gfe.TotalCents), gfe.Currency), 12, bold: true);

        pdf.Heading(Say("GfePdf_Separate"));
        if (gfe.SeparatelyScheduled.Count == 0)
        {
            pdf.Text(Say("GfePdf_SeparateNone"));
        }
        else
        {
            pdf.Text(Say("GfePdf_SeparateIntro"), 9.5);
            pdf.Table([new Column(Say("GfePdf_Item"), 5), new Column(Say("GfePdf_Code"), 1.6), new Column(Say("GfePdf_Provider"), 3), new Column(Say("GfePdf_Estimated"), 1.8, Right: true)],
                gfe.SeparatelyScheduled.Select(s => (IReadOnlyList<string>)[s.Description, s.ServiceCode, s.ProviderName, PatientFormat.Money(s.EstimatedCents)]));
        }

        pdf.Heading(Say("GfePdf_Disclaimers"));
        foreach (var text in gfe.Disclaimers)
        {
            pdf.Text(text, 9.5);
            pdf.Gap(4);
        }
        pdf.Rule();
        pdf.Text(Say("GfePdf_Footer"), 9);
        return pdf.ToArray();
    });

    private static string Say(string key, params object[] args) => PatientText.Say(key, args);
}
