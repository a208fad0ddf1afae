using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Talus.Web.Features.Documents;

/// <summary>A table column: its header, its share of the content width, and whether its cells align right (money).</summary>
public sealed record Column(string Header, double Share, bool Right = false);

/// <summary>
/// Writes the practice's printable documents (consent, Good Faith Estimate, notice posters) as PDF with PDFsharp:
/// US Letter pages filled top to bottom with a title, headings, wrapped paragraphs, rules, simple tables, page breaks,
/// drawn signature strokes and a footer with page numbers. Fonts are embedded as subsets; each run of text that
/// DejaVu Sans cannot print (Hangul, Han, Kana) is set in the fallback font, so any patient's name comes out exactly.
/// Not a layout engine: one column, no floats.
/// </summary>
public sealed class DocumentBuilder : IDisposable
{
    public const double PageWidth = 612, PageHeight = 792;
    private const double Bottom = 64, CellPadding = 3;

    private static readonly ConcurrentDictionary<(int Rune, bool Bold), bool> SansCovers = new();
    private static readonly XPen RulePen = new(XColor.FromArgb(153, 153, 153), 0.5);
    private static readonly XPen LightPen = new(XColor.FromArgb(210, 210, 210), 0.4);

    // XGraphics is not thread-safe: one measuring context per thread, for widths only.
    [ThreadStatic]
    private static XGraphics? measure;

    private readonly PdfDocument document = new();
    private readonly string footer;
    private readonly double margin;
    private XGraphics page = null!;
    private double y;

    /// <param name="title">The document title in the PDF's properties.</param>
    /// <param name="footer">Printed small at the foot of every page, followed by "Page n of N".</param>
    /// <param name="margin">Left, right and top margin in points (0.75 in by default; a poster uses less).</param>
    public DocumentBuilder(string title, string footer, double margin = 54)
    {
        DocumentFonts.EnsureRegistered();
        document.Info.Title = title;
        document.Info.Creator = "Talus";
        this.footer = footer;
        this.margin = margin;
        NewPage();
    }

    public double ContentWidth => PageWidth - (2 * margin);

    public void Title(string text)
    {
        Text(text, 16, bold: true);
        Gap(6);
    }

    public void Heading(string text)
    {
        Gap(6);
        Text(text, 12, bold: true);
        Gap(2);
    }

    /// <summary>Writes text wrapped to the content width (minus the indent), starting a new page when needed.</summary>
    public void Text(string text, double size = 10, bool bold = false, double indent = 0, double leading = 1.35)
    {
        var lineHeight = size * leading;
        foreach (var line in Wrap(text, size, bold, ContentWidth - indent))
        {
            Ensure(lineHeight);
            Draw(page, line, size, bold, margin + indent, y + size);
            y += lineHeight;
        }
    }

    public void Gap(double points) => y += points;

    /// <summary>A thin horizontal rule across the content width.</summary>
    public void Rule()
    {
        Ensure(8);
        y += 4;
        page.DrawLine(RulePen, margin, y, PageWidth - margin, y);
        y += 4;
    }

    public void PageBreak() => NewPage();

    /// <summary>
    /// A table of wrapped cells; a row never splits across pages, and the header row repeats on each new page.
    /// </summary>
    public void Table(IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows, double size = 9)
    {
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => ContentWidth * c.Share / total).ToArray();
        var lineHeight = size * 1.3;

        void Row(IReadOnlyList<string> cells, bool bold, bool repeatHeaderOnBreak)
        {
            var lines = cells.Select((cell, i) => Wrap(cell, size, bold, widths[i] - (2 * CellPadding)).ToList()).ToList();
            var height = (lines.Max(l => l.Count) * lineHeight) + (2 * CellPadding);
            if (y + height > PageHeight - Bottom)
            {
                NewPage();
                if (repeatHeaderOnBreak)
                {
                    Row(columns.Select(c => c.Header).ToList(), true, false);
                }
            }
            var x = margin;
            for (var i = 0; i < lines.Count; i++)
            {
                var top = y + CellPadding;
                foreach (var line in lines[i])
                {
                    var left = columns[i].Right ? x + widths[i] - CellPadding - Measure(line, size, bold) : x + CellPadding;
                    Draw(page, line, size, bold, left, top + size);
                    top += lineHeight;
                }
                x += widths[i];
            }
            y += height;
            page.DrawLine(bold ? RulePen : LightPen, margin, y, PageWidth - margin, y);
        }

        Row(columns.Select(c => c.Header).ToList(), true, false);
        foreach (var cells in rows)
        {
            Row(cells, false, true);
        }
        Gap(4);
    }

    /// <summary>
    /// Draws strokes given in a source box (e.g. a 600×200 canvas, y downwards) scaled into a framed box of the given
    /// size, as vector paths.
    /// </summary>
    public void Strokes(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes, double sourceWidth, double sourceHeight, double width, double height)
    {
        Ensure(height + 6);
        var top = y + 3;
        var scale = Math.Min(width / sourceWidth, height / sourceHeight);
        page.DrawRectangle(new XPen(XColor.FromArgb(178, 178, 178), 0.5), margin, top, width, height);
        var pen = new XPen(XColors.Black, 1.2) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
        foreach (var stroke in strokes.Where(s => s.Count > 0))
        {
            var points = stroke.Select(p => new XPoint(margin + (p.X * scale), top + (p.Y * scale))).ToArray();
            if (points.Length == 1)
            {
                page.DrawEllipse(XBrushes.Black, points[0].X - 0.6, points[0].Y - 0.6, 1.2, 1.2);
            }
            else
            {
                page.DrawLines(pen, points);
            }
        }
        y = top + height + 3;
    }

    public void Dispose()
    {
        page.Dispose();
        document.Dispose();
    }

    /// <summary>Adds the footers and returns the finished PDF; call once, last.</summary>
    public byte[] ToArray()
    {
        page.Dispose();
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = string.Create(CultureInfo.InvariantCulture, $"{footer}  ·  Page {i + 1} of {count}");
            Draw(g, Wrap(text, 8, false, ContentWidth).First(), 8, false, margin, PageHeight - 36);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private void NewPage()
    {
        page?.Dispose();
        var p = document.AddPage();
        p.Width = XUnit.FromPoint(PageWidth);
        p.Height = XUnit.FromPoint(PageHeight);
        page = XGraphics.FromPdfPage(p);
        y = margin;
    }

    private void Ensure(double height)
    {
        if (y + height > PageHeight - Bottom)
        {
            NewPage();
        }
    }

    /// <summary>Draws one line at a baseline, run by run, each run in the font that has its glyphs.</summary>
    private static void Draw(XGraphics g, string line, double size, bool bold, double x, double baseline)
    {
        foreach (var (run, fallback) in Runs(line, bold))
        {
            var font = DocumentFonts.Font(fallback ? DocumentFonts.Fallback : DocumentFonts.Sans, size, bold);
            g.DrawString(run, font, XBrushes.Black, x, baseline);
            x += g.MeasureString(run, font).Width;
        }
    }

    private static double Measure(string text, double size, bool bold)
    {
        double width = 0;
        foreach (var (run, fallback) in Runs(text, bold))
        {
            var font = DocumentFonts.Font(fallback ? DocumentFonts.Fallback : DocumentFonts.Sans, size, bold);
            measure ??= XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
            width += measure.MeasureString(run, font).Width;
        }
        return width;
    }

    /// <summary>Splits text into runs that DejaVu Sans can print and runs for the fallback font.</summary>
    internal static IEnumerable<(string Text, bool Fallback)> Runs(string text, bool bold)
    {
        if (DocumentFonts.FallbackPair is null)
        {
            yield return (text, false);
            yield break;
        }
        var run = new StringBuilder();
        var inFallback = false;
        foreach (var rune in text.EnumerateRunes())
        {
            // Spaces and punctuation stay with the run they are in, so a line does not break into needless runs.
            var fallback = rune.Value > 0x7F && !SansCovers.GetOrAdd((rune.Value, bold), key =>
                GlyphHelper.GlyphIndexFromCodePoint(key.Rune, DocumentFonts.Font(DocumentFonts.Sans, 10, key.Bold)) != 0);
            if (fallback != inFallback && run.Length > 0 && rune.Value > 0x20)
            {
                yield return (run.ToString(), inFallback);
                run.Clear();
            }
            if (run.Length == 0 || rune.Value > 0x20)
            {
                inFallback = fallback;
            }
            run.Append(rune.ToString());
        }
        if (run.Length > 0)
        {
            yield return (run.ToString(), inFallback);
        }
    }

    /// <summary>Breaks text into lines at spaces; a word longer than the width breaks between characters.</summary>
    private static IEnumerable<string> Wrap(string text, double size, bool bold, double width)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Replace('\t', ' ').Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, size, bold) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                foreach (var element in TextElements(word))
                {
                    if (line.Length > 0 && Measure(line + element, size, bold) > width)
                    {
                        yield return line.ToString();
                        line.Clear();
                    }
                    line.Append(element);
                }
            }
            yield return line.ToString();
        }
    }

    private static IEnumerable<string> TextElements(string word)
    {
        var e = StringInfo.GetTextElementEnumerator(word);
        while (e.MoveNext())
        {
            yield return (string)e.Current;
        }
    }
}
