using Talus.Web.Features.Documents;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Web.Tests.Documents;

/// <summary>The PDF documents print any patient's name exactly, with embedded fonts, and lay out across pages.</summary>
public sealed class DocumentBuilderTests
{
    private static byte[] Write(Action<DocumentBuilder> content)
    {
        using var pdf = new DocumentBuilder("Test", "Talus test document");
        content(pdf);
        return pdf.ToArray();
    }

    [Theory]
    [InlineData("Nguyễn Thị Minh")]
    [InlineData("김민준")]
    [InlineData("José Núñez")]
    [InlineData("Ольга Петрова · 王芳 · Zoë Łukasik")]
    public void Text_NameInAnyScript_ComesBackExactlyFromPdftotext(string name)
    {
        var pdf = Write(d =>
        {
            d.Title($"GFE for {name}");
            d.Text($"Patient: {name}");
            d.Table([new Column("Patient", 2), new Column("Charge", 1, Right: true)], [[name, "$1,234.56"]]);
        });

        var text = PdfText.Of(pdf);

        Assert.Contains($"GFE for {name}", text);
        Assert.Contains($"Patient: {name}", text);
        Assert.Contains("$1,234.56", text);
    }

    [Fact]
    public void Fonts_HangulName_BothFontsEmbedded()
    {
        var fonts = PdfText.Fonts(Write(d => d.Text("김민준 and José")));

        Assert.Equal(["DejaVu Sans", "NanumGothic"], fonts.Select(f => f.Name).Order());
        Assert.All(fonts, f => Assert.True(f.Embedded && f.Unicode, $"{f.Name} embedded with a Unicode map"));
    }

    [Fact]
    public void Runs_MixedScripts_SplitsOnlyWhereTheFontChanges()
    {
        var runs = DocumentBuilder.Runs("Name: 김민준 (Kim)", bold: false).ToList();

        Assert.Equal([("Name: ", false), ("김민준 ", true), ("(Kim)", false)], runs);
    }

    [Fact]
    public void Text_LongerThanAPage_FlowsOntoNumberedPages()
    {
        var pdf = Write(d =>
        {
            for (var i = 1; i <= 80; i++)
            {
                d.Text($"Paragraph {i}: the GFE lists every item reasonably expected for the period of care, grouped by provider.");
            }
            d.PageBreak();
            d.Text("After the break");
        });

        var text = PdfText.Of(pdf);
        var pages = PdfText.Pages(pdf);

        Assert.True(pages >= 3, $"{pages} pages");
        Assert.Contains($"Page 1 of {pages}", text);
        Assert.Contains($"Page {pages} of {pages}", text);
        Assert.Contains("Paragraph 80:", text);
        Assert.Contains("After the break", text);
    }

    [Fact]
    public void Table_ManyRows_RepeatsTheHeaderOnEachPage()
    {
        var pdf = Write(d => d.Table(
            [new Column("Service", 3), new Column("Code", 1), new Column("Charge", 1, Right: true)],
            Enumerable.Range(1, 90).Select(i => (IReadOnlyList<string>)[$"Item {i} with a description long enough to wrap onto a second line in its cell", "20610", "$100.00"])));

        var text = PdfText.Of(pdf);

        Assert.True(PdfText.Pages(pdf) >= 2);
        Assert.Equal(PdfText.Pages(pdf), text.Split("Service").Length - 1);
        Assert.Contains("Item 90 with", text);
    }
}
