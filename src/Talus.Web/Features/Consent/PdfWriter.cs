using System.Globalization;
using System.Text;

namespace Talus.Web.Features.Consent;

/// <summary>
/// A small PDF 1.4 writer with no dependencies: US Letter pages, the standard Helvetica fonts (WinAnsi), wrapped text
/// lines, rules and vector strokes (for drawn signatures). Content streams are left uncompressed so the stored
/// document stays readable and checkable. Enough for consent documents; not a general layout engine.
/// </summary>
public sealed class PdfWriter
{
    private const double PageWidth = 612, PageHeight = 792, Bottom = 64;
    private readonly double Margin;
    private readonly List<StringBuilder> pages = [];
    private readonly string footer;
    private StringBuilder page = null!;
    private double y;

    /// <param name="margin">Left, right and top margin in points (0.75 in by default; a poster uses less).</param>
    public PdfWriter(string footer, double margin = 54)
    {
        this.footer = footer;
        Margin = margin;
        NewPage();
    }

    public double ContentWidth => PageWidth - (2 * Margin);

    /// <summary>Writes text wrapped to the page width (minus the indent), starting a new page when needed.</summary>
    public void Text(string text, double size = 10, bool bold = false, double indent = 0, double leading = 1.35)
    {
        var lineHeight = size * leading;
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            foreach (var line in Wrap(paragraph, size, bold, ContentWidth - indent))
            {
                Ensure(lineHeight);
                y -= lineHeight;
                page.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {N(size)} Tf {N(Margin + indent)} {N(y)} Td ({Escape(line)}) Tj ET\n");
            }
        }
    }

    public void Gap(double points) => y -= points;

    /// <summary>A thin horizontal rule across the content width.</summary>
    public void Rule()
    {
        Ensure(8);
        y -= 4;
        page.Append(CultureInfo.InvariantCulture, $"0.6 G 0.5 w {N(Margin)} {N(y)} m {N(PageWidth - Margin)} {N(y)} l S 0 G\n");
        y -= 4;
    }

    /// <summary>
    /// Draws strokes given in a source box (e.g. a 600×200 canvas, y downwards) scaled into a box of the given size,
    /// framed, as vector paths.
    /// </summary>
    public void Strokes(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes, double sourceWidth, double sourceHeight, double width, double height)
    {
        Ensure(height + 6);
        var top = y - 3;
        var scale = Math.Min(width / sourceWidth, height / sourceHeight);
        page.Append(CultureInfo.InvariantCulture, $"0.7 G 0.5 w {N(Margin)} {N(top - height)} {N(width)} {N(height)} re S 0 G\n");
        page.Append("1.2 w 1 J 1 j\n");
        foreach (var stroke in strokes.Where(s => s.Count > 0))
        {
            var first = true;
            foreach (var (px, py) in stroke)
            {
                page.Append(CultureInfo.InvariantCulture, $"{N(Margin + (px * scale))} {N(top - (py * scale))} {(first ? "m" : "l")}\n");
                first = false;
            }
            page.Append(stroke.Count == 1 ? "h S\n" : "S\n");
        }
        y = top - height - 3;
    }

    public byte[] ToArray()
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "", // pages, filled below
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        };
        var kids = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var content = pages[i].ToString() + FooterFor(i + 1, pages.Count);
            var contentBytes = Encode(content);
            objects.Add($"<< /Length {contentBytes.Length} >>\nstream\n{content}endstream");
            var contentId = objects.Count;
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(PageWidth)} {N(PageHeight)}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {contentId} 0 R >>");
            kids.Add($"{objects.Count} 0 R");
        }
        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {pages.Count} >>";

        using var output = new MemoryStream();
        void Write(string s)
        {
            var bytes = Encode(s);
            output.Write(bytes, 0, bytes.Length);
        }
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = output.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{o:0000000000} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(table.ToString());
        return output.ToArray();
    }

    private string FooterFor(int number, int count) => string.Create(CultureInfo.InvariantCulture,
        $"BT /F1 8 Tf {N(Margin)} 36 Td ({Escape($"{footer}  ·  Page {number} of {count}")}) Tj ET\n");

    private void NewPage()
    {
        page = new StringBuilder();
        pages.Add(page);
        y = PageHeight - Margin;
    }

    private void Ensure(double height)
    {
        if (y - height < Bottom)
        {
            NewPage();
        }
    }

    private static IEnumerable<string> Wrap(string text, double size, bool bold, double width)
    {
        var words = ToWinAnsi(text).Split(' ');
        var line = new StringBuilder();
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, size, bold) > width)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }
        yield return line.ToString();
    }

    /// <summary>Helvetica advance widths (AFM, 1/1000 em) for ASCII 32–126; bold is approximated 6% wider.</summary>
    private static readonly short[] Widths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    private static double Measure(string s, double size, bool bold)
    {
        double total = 0;
        foreach (var c in s)
        {
            total += c is >= ' ' and <= '~' ? Widths[c - 32] : 556;
        }
        return total * size / 1000 * (bold ? 1.06 : 1);
    }

    /// <summary>Maps text to the WinAnsi repertoire of the standard fonts; anything else becomes a close ASCII form.</summary>
    public static string ToWinAnsi(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\u2013' => "\u0096", '\u2014' => "\u0097", '\u2018' => "\u0091", '\u2019' => "\u0092",
                '\u201C' => "\u0093", '\u201D' => "\u0094", '\u2022' => "\u0095", '\u2026' => "\u0085", '\u20AC' => "\u0080",
                '\u2265' => ">=", '\u2264' => "<=", '\u2192' => "->", '\t' => " ",
                _ when c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' => c.ToString(),
                _ => "?",
            });
        }
        return sb.ToString();
    }

    private static string Escape(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);

    // WinAnsi code points 0x80–0x9F were placed in the string as the same-numbered chars, so Latin-1 writes them as is.
    private static byte[] Encode(string s) => Encoding.Latin1.GetBytes(s);

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
