using System.Net;
using System.Text.RegularExpressions;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Foundation;

/// <summary>
/// Every link a signed-in user is shown leads somewhere they may go: following the links of each role's pages from its
/// start page, no page answers 403 (a link to a page the role may not use) or 404 (a patient the user may not see).
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class LinkTests(TalusApp app)
{
    private const int PagesPerRole = 150;
    private const int PagesPerPattern = 3;

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Billing)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Outcomes)]
    [InlineData(Roles.Patient)]
    public async Task EveryLinkShown_LeadsToAPageTheUserMayOpen(string role)
    {
        using var client = app.ClientAs(role);
        var queue = new Queue<(string Url, string From)>([("/", "start")]);
        var seen = new HashSet<string>();
        var perPattern = new Dictionary<string, int>();
        var broken = new List<string>();
        var pages = 0;
        while (queue.TryDequeue(out var next) && pages < PagesPerRole)
        {
            var (url, from) = next;
            var pattern = Pattern(url);
            if (!seen.Add(url) || perPattern.GetValueOrDefault(pattern) >= PagesPerPattern)
            {
                continue;
            }
            perPattern[pattern] = perPattern.GetValueOrDefault(pattern) + 1;
            pages++;
            using var response = await client.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther && response.Headers.Location is { } to)
            {
                // A page's redirect (NavigateTo) names the app's own address.
                queue.Enqueue((to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString, url));
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{(int)response.StatusCode} {url} (linked from {from})");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            foreach (Match m in Href().Matches(await response.Content.ReadAsStringAsync()))
            {
                var link = WebUtility.HtmlDecode(m.Groups[1].Value);
                if (Followed(link))
                {
                    queue.Enqueue((link, url));
                }
            }
        }
        Assert.True(pages > 5, $"{role}: only {pages} pages reached");
        Assert.True(broken.Count == 0, $"{role}, {pages} pages: " + string.Join("; ", broken));
    }

    /// <summary>Pages, not downloads, the API or the language switch (its own tests cover those); sign-out is a form.</summary>
    private static bool Followed(string link) =>
        link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/api/", StringComparison.Ordinal)
        && !link.StartsWith("/language", StringComparison.Ordinal) && !link.StartsWith("/_", StringComparison.Ordinal)
        && !link.Contains('#') && !Regex.IsMatch(link, @"\.(css|js|png|svg|ico|pdf|csv|ics|ndjson)(\?|$)");

    /// <summary>A link's shape (ids and numbers as placeholders, query left out), so each kind of page is opened a few times.</summary>
    private static string Pattern(string url) => Number().Replace(Guid().Replace(url.Split('?')[0], ":id"), "/:n");

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex Number();
}
