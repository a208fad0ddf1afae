using Talus.Web.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Features.Documents;

namespace Talus.Web.Features.Consent;

/// <summary>
/// The Cal. B&amp;P §684 notice as a poster for a location's entrance and patient area (SPEC §6.4): US Letter
/// (8.5 × 11 in), the verbatim notice text in 40-point type (the statute's minimum), the location's name small below.
/// </summary>
public static class NoticePoster
{
    /// <summary>SPEC §6.4: ≥ 40-point type.</summary>
    public const double NoticePoints = 40;

    /// <summary>SPEC §6.4: ≥ 8.5 × 11 in, i.e. 612 × 792 pt.</summary>
    public const double PageWidthPoints = 612, PageHeightPoints = 792;

    public static string Text => ProductClassification.CaliforniaNoticeText;

    public static byte[] Pdf(Location location)
    {
        // Half-inch margins and a tighter leading keep the whole notice on one sheet.
        using var pdf = new DocumentBuilder("California stem-cell notice", $"{location.Name} · {location.AddressLine}, {location.City}", margin: 36);
        pdf.Text(Text, NoticePoints, bold: true, leading: 1.15);
        return pdf.ToArray();
    }

    public static void MapNoticePoster(this WebApplication app)
    {
        app.MapGet("/api/locations/{id:int}/california-notice.pdf", async (int id, ClinicDb db, CancellationToken ct) =>
                await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) is { } location
                    ? Results.File(Pdf(location), "application/pdf", $"california-stem-cell-notice-{id}.pdf")
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No location with this id."))
            .WithTags("Locations")
            .RequireAuthorization(Policies.NoticePoster)
            .WithSummary("The California §684 stem-cell notice as a poster for this location's entrance (PDF).")
            .WithDescription("US Letter (612 × 792 pt, 8.5 × 11 in), the verbatim Bus. & Prof. Code §684 notice in 40-point bold DejaVu Sans (embedded) (SPEC §6.4: at least 8.5 × 11 in and 40-point type). " +
                "Post it at the office entrance and in a patient-visible area. The print page /locations/{id}/california-notice shows the same.");
    }
}
