using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

/// <summary>Issue 12: pages answer a "Not found" page (404) and a "Not available" page (403) in the app layout;
/// the API keeps its ProblemDetails JSON.</summary>
[Collection(AppCollection.Name)]
public sealed class ErrorPageTests(TalusApp app)
{
    private static HttpRequestMessage PageGet(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    private async Task<HttpClient> PasadenaDeskAsync()
    {
        // The second front-desk user works at Pasadena and La Jolla only.
        var email = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "luis.ocampo@talus.example").Select(u => u.Email!).SingleAsync());
        return app.ClientAsUser(email, DemoData.Password);
    }

    private static async Task AssertNotFoundPageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains("<header class=\"top\">", html);
        Assert.DoesNotContain("\"status\":404", html);
    }

    [Fact]
    public async Task PatientPage_OtherLocationPatient_AnswersTheNotFoundPageWithALinkToThePatientList()
    {
        using var client = await PasadenaDeskAsync();
        var hiddenPatient = await app.PatientHiddenFromAsync("luis.ocampo@talus.example");

        using var response = await client.SendAsync(PageGet($"/patients/{hiddenPatient.Id}/book"));

        await AssertNotFoundPageAsync(response);
        Assert.Contains("href=\"/patients\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PatientPage_UnknownPatient_AnswersTheNotFoundPage()
    {
        using var client = await PasadenaDeskAsync();

        using var response = await client.SendAsync(PageGet($"/patients/{Guid.NewGuid()}"));

        await AssertNotFoundPageAsync(response);
    }

    [Fact]
    public async Task UnknownRoute_SignedInOrNot_AnswersTheNotFoundPage()
    {
        using var staff = app.ClientAs(Roles.FrontDesk);
        using var anonymous = app.Anonymous();

        using var signedIn = await staff.SendAsync(PageGet("/no-such-page"));
        using var nobody = await anonymous.SendAsync(PageGet("/no-such-page"));

        await AssertNotFoundPageAsync(signedIn);
        await AssertNotFoundPageAsync(nobody);
    }

    [Fact]
    public async Task PageThatAnswers404Itself_UnknownSetting_ShowsTheNotFoundPage()
    {
        using var admin = app.ClientAs(Roles.Admin);

        using var response = await admin.SendAsync(PageGet("/admin/settings/NoSuchSettings"));

        await AssertNotFoundPageAsync(response);
    }

    [Fact]
    public async Task Api_OtherLocationPatient_StillAnswersProblemJson404()
    {
        using var client = await PasadenaDeskAsync();
        var hiddenPatient = await app.PatientHiddenFromAsync("luis.ocampo@talus.example");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/patients/{hiddenPatient.Id}");
        request.Headers.Accept.ParseAdd("text/html,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_UnknownRoute_AnswersProblemJson404()
    {
        using var client = app.ClientAs(Roles.FrontDesk);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RefusedPage_BillingOpensAdmin_Answers403WithTheNotAvailablePage()
    {
        using var client = app.ClientAs(Roles.Billing);

        using var response = await client.SendAsync(PageGet("/admin"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not available to your role</h1>", html);
    }

    [Fact]
    public async Task RefusedPage_PatientChoseSpanish_SeesTheNotAvailablePageInSpanish()
    {
        using var client = app.ClientAs(Roles.Patient);
        (await client.GetAsync("/language?c=es&returnUrl=/portal")).Dispose();

        using var response = await client.SendAsync(PageGet("/admin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>No disponible para su cuenta</h1>", await response.Content.ReadAsStringAsync());
    }
}
