using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Talus.Web.Data;
using Talus.Web.Features.Scheduling;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Language;

/// <summary>Issue 12: reminder emails in the patient's language, dates in the patient's culture, no English word for the visit.</summary>
[Collection(AppCollection.Name)]
public sealed class SpanishEmailTests(TalusApp app)
{
    [Fact]
    public void Reminder_SpanishPatient_IsSpanishWithASpanishDateAndNoEnglishTypeName()
    {
        var (subject, body) = Compose("es");

        Assert.Contains("jueves, 3 de diciembre de 2026", body);
        Assert.Contains("9:30", body);
        Assert.DoesNotContain("consultation", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("December", body);
        Assert.Empty(SpanishPageCheck.Problems(subject + "\n" + body.Replace("\n", "<br>", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reminder_EnglishPatient_KeepsTheUsDateOrder()
    {
        var (_, body) = Compose("en");

        Assert.Contains("on Thursday, December 3, 2026 9:30", body);
    }

    /// <summary>A consultation reminder for Thursday, December 3, 2026, 9:30 in Irvine (17:30 UTC).</summary>
    private (string Subject, string Body) Compose(string language) => Reminders.Compose("Lucía", language,
        new AppointmentType { Code = "consultation", Name = "Consultation", NameInReminder = true },
        new Location { Name = "Irvine", AddressLine = "1 Main St", City = "Irvine", PostalCode = "92618", Phone = "(949) 555-0100" },
        new DateTime(2026, 12, 3, 17, 30, 0, DateTimeKind.Utc), app.Services.GetRequiredService<IStringLocalizer<PatientText>>());
}
