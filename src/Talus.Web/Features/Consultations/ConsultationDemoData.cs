using Talus.Clinical;
using Talus.Web.Data;

namespace Talus.Web.Features.Consultations;

/// <summary>Synthetic consultation requests: a few waiting at the front desk, the rest handled or not reachable.</summary>
public static class ConsultationDemoData
{
    private static readonly (string Given, string Family, string? Question)[] People =
    [
        ("Teresa", "Alvarado", "My ankle has hurt for two years after an old sprain. Am I too old for this?"),
        ("Gary", "Whitman", "Does insurance pay for any of this?"),
        ("Lourdes", "Beltran", "Quisiera saber si hablan español en la oficina de Pasadena."),
        ("Kenji", "Mori", null),
        ("Angela", "Brooks", "Big toe joint is stiff and painful, I run a lot."),
        ("Ramon", "Escobar", "I had two cortisone shots last year. Can I still come?"),
        ("Deborah", "Klein", "How long is the recovery?"),
        ("Victor", "Salas", null),
        ("Hannah", "Osei", "My doctor said I might need an ankle fusion. I'd like a second opinion."),
        ("Phillip", "Duarte", "What does the evaluation cost?"),
        ("Irene", "Castaneda", "Pain in the middle of my foot when I walk."),
        ("Marcus", "Reed", "Do you take Medicare?"),
    ];

    public static async Task SeedAsync(ClinicDb db, TimeProvider clock, Random random, CancellationToken ct)
    {
        var locations = db.Locations.Select(l => l.Id).OrderBy(id => id).ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < People.Length; i++)
        {
            var (given, family, question) = People[i];
            var open = i < 5;
            var received = now.AddHours(-(open ? 3 + (i * 17) : 60 + (i * 31)));
            var r = new ConsultationRequest
            {
                GivenName = given, FamilyName = family,
                Phone = i % 3 == 2 ? null : $"(562) 555-{random.Next(1000, 9999)}",
                Email = i % 3 == 1 ? null : $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}@example.com",
                PreferredLocationId = i % 4 == 3 ? null : locations[i % locations.Length],
                Joint = i % 5 == 4 ? null : (Joint)(i % 3 == 0 ? 0 : i % 3 == 1 ? 5 : 4),
                Side = (RequestedSide)(i % 4),
                Question = question,
                PreferredLanguage = family is "Beltran" or "Escobar" or "Castaneda" ? "es" : "en",
                ConsentToContact = true,
                ReceivedAt = received,
                Status = open ? ConsultationRequestStatus.New : i % 4 == 0 ? ConsultationRequestStatus.NotReachable : ConsultationRequestStatus.Handled,
            };
            if (!open)
            {
                r.HandledAt = received.AddHours(20);
                r.HandledBy = "Dana Whitfield";
                r.HandledNote = r.Status == ConsultationRequestStatus.NotReachable
                    ? "Called twice and emailed; no answer."
                    : "Called back; consultation booked.";
            }
            db.ConsultationRequests.Add(r);
        }
        await db.SaveChangesAsync(ct);
    }
}
