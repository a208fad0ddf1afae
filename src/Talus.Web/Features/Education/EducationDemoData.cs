using Talus.Web.Data;
using Talus.Web.Features.Settings;

namespace Talus.Web.Features.Education;

/// <summary>The demo practice's identity (synthetic name and contact), so the public pages speak as a practice.</summary>
public static class EducationDemoData
{
    public static async Task SeedAsync(ClinicDb db, PracticeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var identity = PracticeSettings.Find(nameof(PracticeIdentity))!;
        if (await db.Settings.FindAsync([identity.Name], ct) is not null)
        {
            return;
        }
        await PracticeSettings.StageAsync(db, identity, new PracticeIdentity
        {
            Name = "Coastal Foot & Ankle Specialists",
            Phone = "(949) 555-0100",
            Email = "hello@coastalfoot.example",
            LogoUrl = "/img/practice-logo.svg",
        }, "system", clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        settings.Invalidate();
    }
}
