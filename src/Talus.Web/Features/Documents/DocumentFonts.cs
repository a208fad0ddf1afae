using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Talus.Web.Features.Documents;

/// <summary>
/// The fonts every Talus PDF embeds (as subsets), read from the Debian font packages that ./test installs:
/// DejaVu Sans for Latin, Greek, Cyrillic and Vietnamese, and a fallback for scripts DejaVu lacks (Hangul, Han, Kana),
/// so a stored document prints every patient's name the same on any reader. Registered once for the process.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Sans = "Talus Sans";
    public const string Fallback = "Talus Fallback";

    private const string DejaVu = "/usr/share/fonts/truetype/dejavu/";

    // fonts-nanum (TrueType outlines, which PDFsharp embeds); others are tried in order when it is absent.
    private static readonly string[][] FallbackFiles =
    [
        ["/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"],
        ["/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf", "/usr/share/fonts/truetype/unfonts-core/UnDotumBold.ttf"],
    ];

    private static readonly Lazy<bool> Registered = new(() =>
    {
        GlobalFontSettings.FontResolver = new DocumentFonts();
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly PdfSharp.Pdf.PdfFontEncoding Unicode = PdfSharp.Pdf.PdfFontEncoding.Unicode;

    private readonly Dictionary<string, byte[]> cache = [];
    private readonly Lock gate = new();

    /// <summary>Installs the resolver (idempotent; PDFsharp allows one resolver per process).</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    /// <summary>The fallback font files in use, or null when none is installed (those characters then print as boxes).</summary>
    public static string[]? FallbackPair { get; } = FallbackFiles.FirstOrDefault(pair => File.Exists(pair[0]));

    public static XFont Font(string family, double size, bool bold) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(Unicode));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(familyName == Fallback && FallbackPair is not null ? (bold ? "fallback-bold" : "fallback") : (bold ? "sans-bold" : "sans"));

    public byte[]? GetFont(string faceName)
    {
        lock (gate)
        {
            if (!cache.TryGetValue(faceName, out var bytes))
            {
                var path = faceName switch
                {
                    "sans-bold" => DejaVu + "DejaVuSans-Bold.ttf",
                    "fallback" => FallbackPair![0],
                    "fallback-bold" => File.Exists(FallbackPair![1]) ? FallbackPair[1] : FallbackPair[0],
                    _ => DejaVu + "DejaVuSans.ttf",
                };
                bytes = File.ReadAllBytes(path);
                cache[faceName] = bytes;
            }
            return bytes;
        }
    }
}
