using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PlanTracker.Infrastructure.Documents;

/// <summary>
/// Writes a <see cref="GovDocument"/> as a .docx in the ministry's usual layout (GB/T 9704 in spirit): A4, margins
/// 3.7/3.5/2.8/2.6 cm, title in 方正小标宋 二号, headings 一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold, body in 仿宋_GB2312
/// 三号 with a two-character first-line indent and fixed 28-point lines, tables with a repeated bold header row, and the
/// page number centred in the footer as "— 1 —". The GB fonts are rarely installed outside Chinese Windows, so the font
/// table names an alternative for each (宋体/仿宋/黑体/楷体) and the runs carry East Asian hints: Word falls back to the
/// alternative, LibreOffice on Linux to Noto Serif/Sans CJK SC through fontconfig.
/// Deterministic: no timestamps in the package properties, fixed relationship ids, and every zip entry dated 1980-01-01,
/// so the same model gives the same bytes.
/// </summary>
public static partial class GovDocumentWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string TitleFont = "方正小标宋简体";
    public const string HeiFont = "黑体";
    public const string KaiFont = "楷体_GB2312";
    public const string FangSongFont = "仿宋_GB2312";
    public const string SongFont = "宋体";
    public const string LatinFont = "Times New Roman";

    // Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
    private const int SizeErHao = 44;
    private const int SizeSanHao = 32;
    private const int SizeSiHao = 28;
    private const int SizeXiaoSi = 24;

    // A4 in twips, and the text width between the margins.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginLeft = 1588;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    private static readonly DateTime ZipEpoch = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static byte[] Write(GovDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Written by hand at docProps/core.xml: the package's own properties would land in a part named by a random id.
            using (var core = package.AddCoreFilePropertiesPart().GetStream(FileMode.Create))
            {
                core.Write(System.Text.Encoding.UTF8.GetBytes(CoreProperties(document)));
            }

            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>("rIdStyles").Styles = Styles();
            main.AddNewPart<FontTablePart>("rIdFonts").Fonts = FontTable();
            main.AddNewPart<DocumentSettingsPart>("rIdSettings").Settings = new Settings(
                new DefaultTabStop { Val = 420 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
                new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });
            main.AddNewPart<FooterPart>("rIdFooter").Footer = PageNumberFooter();
            main.Document = new Document(Body(document));
        }

        return Normalise(stream.ToArray());
    }

    private static string CoreProperties(GovDocument document) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
        $"<dc:title>{SecurityElement.Escape(document.Title)}</dc:title>" +
        $"<dc:creator>{SecurityElement.Escape(document.Author)}</dc:creator>" +
        "<dc:language>zh-CN</dc:language></cp:coreProperties>";

    private static Body Body(GovDocument document)
    {
        var body = new Body();
        if (!string.IsNullOrWhiteSpace(document.DocumentNumber))
        {
            body.Append(Para("DocNumber", document.DocumentNumber));
        }

        body.Append(Para("DocTitle", document.Title));
        if (!string.IsNullOrWhiteSpace(document.Subtitle))
        {
            body.Append(Para("DocSubtitle", document.Subtitle));
        }

        if (!string.IsNullOrWhiteSpace(document.DateLine))
        {
            body.Append(Para("DocDate", document.DateLine));
        }

        var counters = new int[4];
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case DocHeading heading:
                    var level = Math.Clamp(heading.Level, 1, 3);
                    counters[level]++;
                    for (var deeper = level + 1; deeper < counters.Length; deeper++)
                    {
                        counters[deeper] = 0;
                    }

                    body.Append(Para($"Heading{level}", Numbered(level, counters[level]) + heading.Text));
                    break;
                case DocParagraph paragraph:
                    body.Append(Para(paragraph.Quote ? "BodyQuote" : "BodyText", paragraph.Text));
                    break;
                case DocTable table:
                    if (!string.IsNullOrWhiteSpace(table.Caption))
                    {
                        body.Append(Para("TableCaption", table.Caption));
                    }

                    body.Append(Table(table));

                    // A table is followed by a paragraph, so two tables never run together.
                    body.Append(Para("TableAfter", string.Empty));
                    break;
                default:
                    throw new ArgumentException($"Unknown block {block.GetType().Name}.", nameof(document));
            }
        }

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = "rIdFooter" },
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = 2098, Bottom = 1984, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 992, Gutter = 0 },
            new PageNumberType { Start = 1 },
            new DocGrid { Type = DocGridValues.Lines, LinePitch = 579 }));
        return body;
    }

    /// <summary>一、 二、 … for level 1, （一） for level 2, 1. for level 3.</summary>
    public static string Numbered(int level, int number) => level switch
    {
        1 => ChineseNumber(number) + "、",
        2 => "（" + ChineseNumber(number) + "）",
        _ => number.ToString(CultureInfo.InvariantCulture) + ".",
    };

    /// <summary>1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings never reach a hundred).</summary>
    public static string ChineseNumber(int number)
    {
        const string digits = "〇一二三四五六七八九";
        if (number is < 1 or > 99)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var tens = number / 10;
        var ones = number % 10;
        var text = tens switch
        {
            0 => string.Empty,
            1 => "十",
            _ => digits[tens] + "十",
        };
        return ones == 0 ? text : text + digits[ones];
    }

    private static Paragraph Para(string style, string text)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        var lines = text.Split('\n');
        var run = new Run();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i].TrimEnd('\r')) { Space = SpaceProcessingModeValues.Preserve });
        }

        if (text.Length > 0)
        {
            paragraph.Append(run);
        }

        return paragraph;
    }

    private static Table Table(DocTable model)
    {
        var columns = Math.Max(1, model.Header.Count);
        var width = TextWidth / columns;
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "GovTable" },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableLayout { Type = TableLayoutValues.Autofit },
                new TableLook { Val = "04A0" }),
            new TableGrid([.. Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = width.ToString(CultureInfo.InvariantCulture) })]));

        table.Append(Row(model.Header, columns, width, header: true));
        foreach (var row in model.Rows)
        {
            table.Append(Row(row, columns, width, header: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int columns, int width, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }

        for (var i = 0; i < columns; i++)
        {
            var text = i < cells.Count ? cells[i] ?? string.Empty : string.Empty;
            row.Append(new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Para(header ? "TableHead" : "TableText", text)));
        }

        return row;
    }

    private static Footer PageNumberFooter() => new(
        new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "PageNumber" }),
            new Run(new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));

    private static RunFonts Fonts(string eastAsia) => new()
    {
        Ascii = LatinFont,
        HighAnsi = LatinFont,
        EastAsia = eastAsia,
        ComplexScript = LatinFont,
        Hint = FontTypeHintValues.EastAsia,
    };

    private static Styles Styles()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    Fonts(FangSongFont),
                    new Kern { Val = 2 },
                    new FontSize { Val = SizeSanHao.ToString(CultureInfo.InvariantCulture) },
                    new FontSizeComplexScript { Val = SizeSanHao.ToString(CultureInfo.InvariantCulture) },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                    new Justification { Val = JustificationValues.Both }))));

        styles.Append(ParagraphStyle("Normal", "Normal", null, null, null, isDefault: true));
        styles.Append(ParagraphStyle("DocNumber", "文号", Fonts(FangSongFont), SizeSanHao, JustificationValues.Center, spacingAfter: 280));
        styles.Append(ParagraphStyle("DocTitle", "文件标题", Fonts(TitleFont), SizeErHao, JustificationValues.Center, line: 700, spacingAfter: 280, keepNext: true));
        styles.Append(ParagraphStyle("DocSubtitle", "副标题", Fonts(KaiFont), SizeSanHao, JustificationValues.Center, keepNext: true));
        styles.Append(ParagraphStyle("DocDate", "成文日期", Fonts(FangSongFont), SizeSanHao, JustificationValues.Center, spacingAfter: 560));
        styles.Append(ParagraphStyle("Heading1", "一级标题", Fonts(HeiFont), SizeSanHao, null, firstLineChars: 200, keepNext: true, outline: 0));
        styles.Append(ParagraphStyle("Heading2", "二级标题", Fonts(KaiFont), SizeSanHao, null, firstLineChars: 200, keepNext: true, outline: 1));
        styles.Append(ParagraphStyle("Heading3", "三级标题", Fonts(FangSongFont), SizeSanHao, null, firstLineChars: 200, keepNext: true, outline: 2, bold: true));
        styles.Append(ParagraphStyle("BodyText", "正文", Fonts(FangSongFont), SizeSanHao, JustificationValues.Both, firstLineChars: 200));
        styles.Append(ParagraphStyle("BodyQuote", "引文", Fonts(KaiFont), SizeSanHao, JustificationValues.Both, firstLineChars: 200));
        styles.Append(ParagraphStyle("TableCaption", "表题", Fonts(HeiFont), SizeSiHao, JustificationValues.Center, line: 400, spacingBefore: 120, spacingAfter: 120, keepNext: true));
        styles.Append(ParagraphStyle("TableHead", "表头", Fonts(HeiFont), SizeXiaoSi, JustificationValues.Center, line: 360));
        styles.Append(ParagraphStyle("TableText", "表格文字", Fonts(FangSongFont), SizeXiaoSi, JustificationValues.Left, line: 360));
        styles.Append(ParagraphStyle("TableAfter", "表后空行", null, SizeXiaoSi, null, line: 240));
        styles.Append(ParagraphStyle("PageNumber", "页码", Fonts(SongFont), SizeSiHao, JustificationValues.Center, line: 280));
        styles.Append(new Style(
            new StyleName { Val = "Gov Table" },
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "GovTable" });
        return styles;
    }

    private static Style ParagraphStyle(
        string id,
        string name,
        RunFonts? fonts,
        int? size,
        JustificationValues? justification,
        bool isDefault = false,
        int? firstLineChars = null,
        int? line = null,
        int? spacingBefore = null,
        int? spacingAfter = null,
        bool keepNext = false,
        int? outline = null,
        bool bold = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
            style.Append(new PrimaryStyle());
            return style;
        }

        style.Append(new BasedOn { Val = "Normal" });
        style.Append(new NextParagraphStyle { Val = id.StartsWith("Heading", StringComparison.Ordinal) || id.StartsWith("Doc", StringComparison.Ordinal) ? "BodyText" : id });
        style.Append(new PrimaryStyle());

        var paragraph = new StyleParagraphProperties();
        if (keepNext)
        {
            paragraph.Append(new KeepNext());
        }

        if (line is not null || spacingBefore is not null || spacingAfter is not null)
        {
            paragraph.Append(new SpacingBetweenLines
            {
                Line = (line ?? 560).ToString(CultureInfo.InvariantCulture),
                LineRule = LineSpacingRuleValues.Exact,
                Before = (spacingBefore ?? 0).ToString(CultureInfo.InvariantCulture),
                After = (spacingAfter ?? 0).ToString(CultureInfo.InvariantCulture),
            });
        }

        if (firstLineChars is not null)
        {
            paragraph.Append(new Indentation { FirstLineChars = firstLineChars, FirstLine = "640" });
        }

        if (justification is { } j)
        {
            paragraph.Append(new Justification { Val = j });
        }

        if (outline is not null)
        {
            paragraph.Append(new OutlineLevel { Val = outline });
        }

        if (paragraph.HasChildren)
        {
            style.Append(paragraph);
        }

        var run = new StyleRunProperties();
        if (fonts is not null)
        {
            run.Append(fonts);
        }

        if (bold)
        {
            run.Append(new Bold());
        }

        if (size is { } s)
        {
            run.Append(new FontSize { Val = s.ToString(CultureInfo.InvariantCulture) });
            run.Append(new FontSizeComplexScript { Val = s.ToString(CultureInfo.InvariantCulture) });
        }

        if (run.HasChildren)
        {
            style.Append(run);
        }

        return style;
    }

    /// <summary>The fonts the styles name, each with an alternative that ships with Windows or Linux CJK font packages.</summary>
    private static Fonts FontTable()
    {
        var fonts = new Fonts();
        fonts.Append(FontEntry(LatinFont, null, "00", FontFamilyValues.Roman));
        fonts.Append(FontEntry(TitleFont, "宋体", "86", FontFamilyValues.Script));
        fonts.Append(FontEntry(HeiFont, "SimHei", "86", FontFamilyValues.Modern));
        fonts.Append(FontEntry(KaiFont, "楷体", "86", FontFamilyValues.Modern));
        fonts.Append(FontEntry(FangSongFont, "仿宋", "86", FontFamilyValues.Modern));
        fonts.Append(FontEntry(SongFont, "SimSun", "86", FontFamilyValues.Auto));
        fonts.Append(FontEntry("仿宋", "FangSong", "86", FontFamilyValues.Modern));
        fonts.Append(FontEntry("楷体", "KaiTi", "86", FontFamilyValues.Modern));
        fonts.Append(FontEntry("Noto Serif CJK SC", null, "86", FontFamilyValues.Roman));
        fonts.Append(FontEntry("Noto Sans CJK SC", null, "86", FontFamilyValues.Swiss));
        return fonts;
    }

    private static Font FontEntry(string name, string? altName, string charset, FontFamilyValues family)
    {
        var font = new Font { Name = name };
        if (altName is not null)
        {
            font.Append(new AltName { Val = altName });
        }

        font.Append(new FontCharSet { Val = charset });
        font.Append(new FontFamily { Val = family });
        font.Append(new Pitch { Val = FontPitchValues.Variable });
        return font;
    }

    /// <summary>Rewrites the package's zip with every entry dated 1980-01-01, in the same order, so equal content gives equal bytes.</summary>
    private static byte[] Normalise(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = ZipEpoch;
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName == "_rels/.rels")
                {
                    // The SDK names package-level relationships by random ids (R1a2b…); nothing refers to them by id.
                    using var reader = new StreamReader(from);
                    var rels = reader.ReadToEnd();
                    var n = 0;
                    rels = RandomRelationshipId().Replace(rels, _ => $"Id=\"rIdPackage{++n}\"");
                    to.Write(System.Text.Encoding.UTF8.GetBytes(rels));
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("Id=\"R[0-9a-f]+\"")]
    private static partial Regex RandomRelationshipId();
}
