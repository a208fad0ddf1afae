using System.Text.RegularExpressions;

namespace Talus.Web.Tests.Infrastructure;

/// <summary>Posting a page's form as a browser would: the antiforgery token the page rendered.</summary>
public static partial class PageForms
{
    public static string Token(string html) => TokenValue().Match(TokenInput().Match(html).Value).Groups[1].Value;

    [GeneratedRegex(@"<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"value=""([^""]+)""")]
    private static partial Regex TokenValue();
}
