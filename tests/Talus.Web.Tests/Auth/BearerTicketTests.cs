using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Auth;

/// <summary>
/// A bearer token is unprotected once and then served from the ticket cache; the cache never lets through a token that
/// was changed on the way or has expired, and the account is still checked on every request (SessionTests).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BearerTicketTests(TalusApp app)
{
    [Fact]
    public async Task TamperedToken_AfterTheRealOneWasCached_Refused()
    {
        var patient = await app.DemoPatientAsync();
        using var real = app.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        var token = real.DefaultRequestHeaders.Authorization!.Parameter!;
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        using var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/fhir/Patient/{patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_StillInTheCache_Refused()
    {
        // Its own app: the clock moves past the token's hour, which would end every other test's tokens.
        await using var own = new TalusApp();
        var patient = await own.DemoPatientAsync();
        using var client = own.ClientAs(Roles.Admin);
        var tickets = own.Services.GetRequiredService<BearerTickets>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
        Assert.True(tickets.Count > 0);

        own.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.True(tickets.Count > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/patients/{patient.Id}")).StatusCode);
    }

    [Fact]
    public void HashOf_SameHeader_SameKey_OtherHeader_OtherKey()
    {
        Assert.Equal(BearerTickets.HashOf("Bearer abc"), BearerTickets.HashOf("Bearer abc"));
        Assert.NotEqual(BearerTickets.HashOf("Bearer abc"), BearerTickets.HashOf("Bearer abd"));
        Assert.NotEqual(BearerTickets.HashOf("Bearer abc"), BearerTickets.HashOf("Bearer " + new string('x', 5000)));
    }
}
