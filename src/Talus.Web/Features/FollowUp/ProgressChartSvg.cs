using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Talus.Web.Features.DecisionAid;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// The progress chart's picture (<see cref="ProgressChart"/>): the points (days from the index procedure), the baseline
/// line, the MCID band from baseline (SPEC §3.7) and, on the pain score, the expected chance of reaching the pain MCID
/// (SPEC §5.3). Written as one piece of SVG markup: as Razor elements its few hundred attributes were most of the
/// chart page's render frames and of the framework's HTML buffer (decision 0014, addendum "2026-12-04").
/// </summary>
internal static class ProgressChartSvg
{
    private const double Left = 44, Right = 16, Top = 14, Bottom = 30, Width = 520, Height = 200;
    private const double PlotW = Width - Left - Right, PlotH = Height - Top - Bottom;

    /// <param name="id">Unique on the page: the title's and description's element ids start with it.</param>
    /// <param name="name">The chart's title, in the reader's words.</param>
    public static string Draw(ScoreSeries series, IReadOnlyList<ExpectedPoint> expected, bool patient, string id, string name)
    {
        // Up to the latest answer, at least 3 months, and 12 months when the expected chances (3, 6, 12 months) are drawn.
        var maxDay = Math.Max(series.Points.Max(p => p.Days ?? 0), expected.Count > 0 ? 366 : 92);
        double Xd(int? day) => Left + (Math.Max(day ?? 0, 0) * PlotW / maxDay);
        double Yd(double v) => Top + PlotH - ((v - series.Minimum) * PlotH / (series.Maximum - series.Minimum));
        id = Encode(id);
        var svg = new StringBuilder(4096);

        svg.Append("<svg viewBox=\"0 0 520 200\" role=\"img\" aria-labelledby=\"").Append(id).Append("-t ").Append(id)
            .Append("-d\" focusable=\"false\"><title id=\"").Append(id).Append("-t\">").Append(Encode(name))
            .Append("</title><desc id=\"").Append(id).Append("-d\">").Append(Encode(Describe(series))).Append("</desc>");
        if (series.McidLine is { } line)
        {
            var bandTop = series.HigherIsBetter ? series.Maximum : Math.Max(line, series.Minimum);
            var bandBottom = series.HigherIsBetter ? Math.Min(line, series.Maximum) : series.Minimum;
            svg.Append("<rect x=\"").Tenths(Left).Append("\" y=\"").Tenths(Yd(bandTop)).Append("\" width=\"").Tenths(PlotW)
                .Append("\" height=\"").Tenths(Math.Max(0, Yd(bandBottom) - Yd(bandTop))).Append("\" class=\"mcid-band\"></rect>");
        }
        if (series.Baseline is { } b)
        {
            Line(svg, Left, Left + PlotW, Yd(b), Yd(b), "baseline");
        }
        var step = (series.Maximum - series.Minimum) / 4;
        for (var i = 0; i <= 4; i++)
        {
            var tick = series.Minimum + (i * step);
            Line(svg, Left - 4, Left, Yd(tick), Yd(tick), "tick");
            Text(svg, Left - 6, Yd(tick) + 4, "end", Tenths(tick));
        }
        foreach (var month in (ReadOnlySpan<int>)[0, 3, 6, 12, 24])
        {
            if (month * 30.4 > maxDay)
            {
                continue;
            }
            var x = Xd((int)(month * 30.4));
            Line(svg, x, x, Top + PlotH, Top + PlotH + 4, "tick");
            Text(svg, x, Height - 10, "middle", month == 0 ? "0" : patient ? $"{month} m" : $"{month} mo");
        }
        foreach (var e in expected)
        {
            var x = Xd((int)(e.Months * 30.4));
            Line(svg, x, x, Top, Top + PlotH, "expected");
            Text(svg, x - 3, Top + 10, "end", $"{BuildDecisionAid.Percent(e.Lower)}–{BuildDecisionAid.Percent(e.Upper)}%");
        }
        var plotted = series.Points.Where(p => p.Days is not null || p.Visit is null).ToList();
        svg.Append("<polyline points=\"");
        for (var i = 0; i < plotted.Count; i++)
        {
            svg.Append(i == 0 ? "" : " ").Tenths(Xd(plotted[i].Days)).Append(',').Tenths(Yd(plotted[i].Score));
        }
        svg.Append("\" class=\"series\"></polyline>");
        foreach (var p in plotted)
        {
            svg.Append("<circle cx=\"").Tenths(Xd(p.Days)).Append("\" cy=\"").Tenths(Yd(p.Score))
                .Append(p.InWindow == false ? "\" r=\"4\" class=\"point late\"></circle>" : "\" r=\"4\" class=\"point\"></circle>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A number to one decimal, as "0.#" writes it (half away from zero, no trailing ".0"), from integers: the custom
    /// format's path was about a third of this chart's render time (decision 0018, addenda of 2026-12-01).
    /// </summary>
    public static StringBuilder Tenths(this StringBuilder text, double value)
    {
        var tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
        var size = Math.Abs(tenths);
        // A non-negative integer is written in ASCII digits whatever the culture.
        text.Append(tenths < 0 ? "-" : "").Append(size / 10);
        return size % 10 == 0 ? text : text.Append('.').Append((char)('0' + (size % 10)));
    }

    /// <summary>The same, as a string (the chart's table and labels).</summary>
    public static string Tenths(double value) => new StringBuilder(12).Tenths(value).ToString();

    private static string Describe(ScoreSeries series) =>
        string.Join(" ", series.Points.Select(p => $"{p.On:yyyy-MM-dd}: {Tenths(p.Score)}."));

    private static void Line(StringBuilder svg, double x1, double x2, double y1, double y2, string cls) =>
        svg.Append("<line x1=\"").Tenths(x1).Append("\" x2=\"").Tenths(x2).Append("\" y1=\"").Tenths(y1).Append("\" y2=\"")
            .Tenths(y2).Append("\" class=\"").Append(cls).Append("\"></line>");

    private static void Text(StringBuilder svg, double x, double y, string anchor, string content) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.##}\" y=\"{y:0.##}\" text-anchor=\"{anchor}\" class=\"axis\">")
            .Append(Encode(content)).Append("</text>");

    /// <summary>Text and attribute values encoded as the component renderer encodes them.</summary>
    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
