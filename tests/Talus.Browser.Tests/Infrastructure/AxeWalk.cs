using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Talus.Browser.Tests.Infrastructure;

/// <summary>
/// Walks pages with axe-core and collects what a person would be blocked by: every serious or critical violation, with
/// the page, the rule and the first elements. Reusable for any walk (public pages, the portal, each role's home):
/// <c>var problems = await AxeWalk.CheckAsync(page, ["/learn", "/portal"]);</c> then <c>Assert.Empty(problems)</c>.
/// </summary>
public static class AxeWalk
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Opens each path in turn and checks it; <paramref name="alsoCheck"/> adds page checks of the caller's (e.g. the language).</summary>
    public static async Task<List<string>> CheckAsync(IPage page, IEnumerable<string> paths, Func<IPage, string, Task<IEnumerable<string>>>? alsoCheck = null)
    {
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok)
            {
                problems.Add($"{path}: HTTP {response?.Status}");
                continue;
            }
            problems.AddRange((await ViolationsAsync(page)).Select(v => $"{path}: {v}"));
            if (alsoCheck is not null)
            {
                problems.AddRange((await alsoCheck(page, path)).Select(p => $"{path}: {p}"));
            }
        }
        return problems;
    }

    /// <summary>The serious and critical axe-core violations of the page as it is now (WCAG 2.0–2.2 A and AA rules).</summary>
    public static async Task<IEnumerable<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
            ResultTypes = [ResultType.Violations],
        });
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
    }
}
