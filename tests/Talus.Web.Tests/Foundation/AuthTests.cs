using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuthTests(TalusApp app)
{
    [Fact]
    public async Task Token_FiveWrongPasswords_LockTheAccountEvenForTheRightOne()
    {
        const string email = "lockout.test@talus.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, DisplayName = "Lockout Test" };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Billing);
        }
        using var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DemoData.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_WithoutSignIn_Answers401_AndPagesRedirectToSignIn()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/patients?q=a")).StatusCode);
        var page = await client.GetAsync("/patients");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Health_ReportsDatabaseReachable()
    {
        using var client = app.Anonymous();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryApiEndpoint()
    {
        using var client = app.Anonymous();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/patients", "/api/patients/{patientId}", "/api/locations", "/api/audit", "/api/auth/token" })
        {
            Assert.Contains($"\"{path}", doc);
        }
    }
}
