using System.Net;
using System.Net.Http.Json;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Scheduling;

/// <summary>The worklists page and API show one page at a time with the list's count. docs/decisions/0018-chart-read-model.md</summary>
[Collection(AppCollection.Name)]
public sealed class WorklistPagingTests(TalusApp app)
{
    private sealed record Row(Guid Id);

    private sealed record PageDto(List<Row> Items, int Page, bool HasMore, int? Total);

    [Fact]
    public async Task WorklistApi_WalkedInSmallPages_GivesTheWholeListOnceInOrderWithItsCount()
    {
        using var client = app.ClientAs(Roles.Admin);
        var whole = (await client.GetFromJsonAsync<PageDto>("/api/scheduling/worklists/unconfirmed?limit=50"))!;
        Assert.True(whole.Items.Count > 3, "the demo practice has unconfirmed appointments to page through");

        List<Guid> walked = [];
        for (var page = 1; ; page++)
        {
            var one = (await client.GetFromJsonAsync<PageDto>($"/api/scheduling/worklists/unconfirmed?limit=3&page={page}"))!;
            Assert.True(one.Items.Count <= 3);
            Assert.Equal(page, one.Page);
            Assert.Equal(whole.Total, one.Total);
            walked.AddRange(one.Items.Select(a => a.Id));
            if (!one.HasMore)
            {
                break;
            }
        }

        Assert.Equal(whole.Total, walked.Count);
        Assert.Equal(whole.Items.Take(walked.Count).Select(a => a.Id), walked.Take(whole.Items.Count));
    }

    [Theory]
    [InlineData("/api/scheduling/worklists/nosuchlist")]
    public async Task WorklistApi_UnknownList_AnswersNotFound(string url)
    {
        using var client = app.ClientAs(Roles.Admin);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WorklistsPage_LocationChosen_ShowsCountsAndKeepsTheLocationInThePageLinks()
    {
        using var client = app.ClientAs(Roles.Admin);
        var whole = (await client.GetFromJsonAsync<PageDto>("/api/scheduling/worklists/unconfirmed?locationId=1&limit=50"))!;

        var page = await client.GetStringAsync("/scheduling/worklists?location=1");

        Assert.Contains($"Not yet confirmed, next 14 days ({whole.Total})", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"1\" selected", page, StringComparison.Ordinal);
        if (whole.HasMore)
        {
            Assert.Contains("location=1&amp;upage=2", page, StringComparison.Ordinal);
        }
    }
}
