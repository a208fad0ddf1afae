using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Talus.Browser.Tests.Infrastructure;

/// <summary>axe-core on the page as it is now, WCAG 2.0–2.2 A and AA rules: the serious and critical violations, one line each.</summary>
public static class AxeCheck
{
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task<List<string>> SeriousAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags } });
        return [.. result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) at {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }
}
