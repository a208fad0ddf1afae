using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class AuthTests(TalusApp app)
{
    [Fact]
    public async Task Token_FiveWrongPasswords_ThrottleTheAccountEvenForTheRightOne()
    {
        var email = await NewUserAsync("lockout");
        using var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var fifth = await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        var right = await client.PostAsJsonAsync("/api/auth/token", new { email, password = DemoData.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many sign-in attempts", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_UnknownEmailAndWrongPassword_GetTheSameAnswerEveryTime()
    {
        var known = await NewUserAsync("known");
        var unknown = $"nobody.{Guid.NewGuid():N}@talus.example";
        using var client = app.Anonymous();
        for (var i = 0; i < 7; i++)
        {
            var a = await client.PostAsJsonAsync("/api/auth/token", new { email = known, password = "wrong-password" });
            var b = await client.PostAsJsonAsync("/api/auth/token", new { email = unknown, password = "wrong-password" });
            Assert.Equal(a.StatusCode, b.StatusCode);
            Assert.Equal(Comparable(await a.Content.ReadAsStringAsync()), Comparable(await b.Content.ReadAsStringAsync()));
            Assert.Equal(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, a.StatusCode);
        }
    }

    [Fact]
    public async Task Token_UnknownEmail_VerifiesAPasswordHashLikeAKnownOne()
    {
        var counting = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddScoped<IPasswordHasher<AppUser>>(_ => counting)));
        using var client = counted.CreateClient();
        await client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody.{Guid.NewGuid():N}@talus.example", password = "wrong-password" });
        Assert.Equal(1, counting.Verified);
        await client.PostAsJsonAsync("/api/auth/token", new { email = await NewUserAsync("hashed"), password = "wrong-password" });
        Assert.Equal(2, counting.Verified);
    }

    [Fact]
    public async Task Token_ManyFailuresFromOneAddress_Answer429EvenForTheRightPassword()
    {
        // The count is kept in the database the app shares with this test's instance: start from none.
        await app.WithDbAsync(db => db.RateCounters.ExecuteDeleteAsync());
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignInFailuresPerAddressPer10Minutes", "3"));
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            // Each failure is for another email, so only the address limit (3) can answer 429; the third failure reaches it.
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody.{i}.{Guid.NewGuid():N}@talus.example", password = "x" });
            Assert.Equal(i < 2 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/auth/token", new { email = "billing@talus.example", password = DemoData.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task SignInPage_UnknownEmailAndWrongPassword_ShowTheSameAnswer()
    {
        var known = await NewUserAsync("page");
        var a = await PostSignInAsync(known, "wrong-password");
        var b = await PostSignInAsync($"nobody.{Guid.NewGuid():N}@talus.example", "wrong-password");
        Assert.Equal(a.Status, b.Status);
        Assert.Contains("Email or password is wrong.", a.Body);
        Assert.Contains("Email or password is wrong.", b.Body);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostSignInAsync(string email, string password)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/signin");
        var token = Regex.Match(Regex.Match(form, @"<input[^>]*__RequestVerificationToken[^>]*>").Value, @"value=""([^""]+)""").Groups[1].Value;
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body without what differs on every response anyway (trace id).</summary>
    private static string Comparable(string body) => Regex.Replace(body, @"""traceId"":""[^""]*""", "");

    private async Task<string> NewUserAsync(string tag)
    {
        var email = $"auth.{tag}.{Guid.NewGuid():N}@talus.example";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Auth Test" };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Billing);
        return email;
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> inner = new();
        private int verified;
        public int Verified => verified;
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
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
