using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Talus.Web.Tests.Infrastructure;

/// <summary>
/// Reads a PDF back the way a reader would, with poppler's pdftotext (poppler-utils, installed by ./test): the text,
/// and each word with the height of its box (a 40-point line gives a box at least 40 points high).
/// </summary>
public static partial class PdfText
{
    public static string Of(byte[] pdf) => Run(pdf, "-enc UTF-8");

    /// <summary>Every word in reading order with its box height in points.</summary>
    public static IReadOnlyList<(string Word, double Height)> Words(byte[] pdf) =>
        WordBox().Matches(Run(pdf, "-bbox -enc UTF-8")).Select(m => (
            System.Net.WebUtility.HtmlDecode(m.Groups[3].Value),
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToList();

    /// <summary>The page count, from pdfinfo.</summary>
    public static int Pages(byte[] pdf) => int.Parse(PageCount().Match(Tool("pdfinfo", pdf, "")).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The first page's size in points, from pdfinfo.</summary>
    public static (double Width, double Height) PageSize(byte[] pdf)
    {
        var m = PageSizeLine().Match(Tool("pdfinfo", pdf, ""));
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The fonts, from pdffonts: name (subset tag removed), embedded, has a Unicode map.</summary>
    public static IReadOnlyList<(string Name, bool Embedded, bool Unicode)> Fonts(byte[] pdf) =>
        Tool("pdffonts", pdf, "").Split('\n').Skip(2).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = l[..36].Trim();
            return (name.Contains('+', StringComparison.Ordinal) ? name[(name.IndexOf('+', StringComparison.Ordinal) + 1)..] : name,
                cells[^5] == "yes", cells[^3] == "yes");
        }).ToList();

    private static string Run(byte[] pdf, string options) => Tool("pdftotext", pdf, options, " -");

    private static string Tool(string tool, byte[] pdf, string options, string after = "")
    {
        var file = Path.Combine(Path.GetTempPath(), $"talus-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return Exec(tool, $"{options} \"{file}\"{after}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Exec(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        }) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {error}");
    }

    [GeneratedRegex(@"<word xMin=""[\d.]+"" yMin=""([\d.]+)"" xMax=""[\d.]+"" yMax=""([\d.]+)"">([^<]*)</word>")]
    private static partial Regex WordBox();

    [GeneratedRegex(@"Page size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSizeLine();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PageCount();
}
