using System.Globalization;
using System.Security;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PlanTracker.Domain.Text;

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
public static class GovDocumentWriter
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
            var images = 0;
            foreach (var image in document.Blocks.OfType<DocImage>())
            {
                var part = main.AddNewPart<ImagePart>("image/png", $"rIdImage{++images}");
                using var png = new MemoryStream(image.Png);
                part.FeedData(png);
            }

            if (document.Blocks.Any(b => b is DocContents))
            {
                // The contents are written with the headings' words; Word fills in the page numbers when it opens the file.
                // (The schema wants it before themeFontLang.)
                var settings = main.DocumentSettingsPart!.Settings;
                settings.InsertBefore(new UpdateFieldsOnOpen { Val = true }, settings.GetFirstChild<ThemeFontLanguages>());
            }

            main.Document = new Document(Body(document));
        }

        return PackageBytes.Deterministic(stream.ToArray());
    }

    private static string CoreProperties(GovDocument document) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
        $"<dc:title>{SecurityElement.Escape(InputText.Clean(document.Title))}</dc:title>" +
        $"<dc:creator>{SecurityElement.Escape(InputText.Clean(document.Author))}</dc:creator>" +
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
        var imageNumber = 0;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case DocContents contents:
                    foreach (var paragraph in Contents(contents, document.Blocks))
                    {
                        body.Append(paragraph);
                    }

                    break;
                case DocPageBreak:
                    body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                    break;
                case DocImage image:
                    imageNumber++;
                    body.Append(Picture(image, imageNumber));
                    if (!string.IsNullOrWhiteSpace(image.Caption))
                    {
                        body.Append(Para("ImageCaption", image.Caption));
                    }

                    break;
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

    /// <summary>
    /// A table of contents: a TOC field over the level-1 and level-2 headings whose shown result is the headings' numbered
    /// words (page numbers are left to Word, which updates fields on opening), so the contents read right everywhere.
    /// </summary>
    private static IEnumerable<Paragraph> Contents(DocContents contents, IReadOnlyList<DocBlock> blocks)
    {
        yield return Para("ContentsTitle", contents.Title);
        var counters = new int[4];
        var entries = new List<(int Level, string Text)>();
        foreach (var heading in blocks.OfType<DocHeading>())
        {
            var level = Math.Clamp(heading.Level, 1, 3);
            counters[level]++;
            for (var deeper = level + 1; deeper < counters.Length; deeper++)
            {
                counters[deeper] = 0;
            }

            if (level <= 2)
            {
                entries.Add((level, Numbered(level, counters[level]) + heading.Text));
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = $"Contents{entries[i].Level}" }));
            if (i == 0)
            {
                paragraph.Append(
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                    new Run(new FieldCode(" TOC \\o \"1-2\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
            }

            paragraph.Append(new Run(new Text(InputText.Clean(entries[i].Text)) { Space = SpaceProcessingModeValues.Preserve }));
            if (i == entries.Count - 1)
            {
                paragraph.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            }

            yield return paragraph;
        }

        yield return new Paragraph(new Run(new Break { Type = BreakValues.Page }));
    }

    /// <summary>A PNG inline, as wide as the text (or its own width if narrower), its height in proportion.</summary>
    private static Paragraph Picture(DocImage image, int number)
    {
        const long EmuPerTwip = 635;
        const long EmuPerPixel = 9525; // at 96 dpi
        var maxWidth = TextWidth * EmuPerTwip;
        var width = Math.Min(maxWidth, image.PixelWidth * EmuPerPixel);
        var height = width * image.PixelHeight / Math.Max(1, image.PixelWidth);
        var name = $"图{number}";
        var graphic = new DocumentFormat.OpenXml.Drawing.Graphic(
            new DocumentFormat.OpenXml.Drawing.GraphicData(
                new DocumentFormat.OpenXml.Drawing.Pictures.Picture(
                    new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureProperties(
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualDrawingProperties { Id = (uint)number, Name = name, Description = InputText.Clean(image.Caption ?? name) },
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureDrawingProperties()),
                    new DocumentFormat.OpenXml.Drawing.Pictures.BlipFill(
                        new DocumentFormat.OpenXml.Drawing.Blip { Embed = $"rIdImage{number}" },
                        new DocumentFormat.OpenXml.Drawing.Stretch(new DocumentFormat.OpenXml.Drawing.FillRectangle())),
                    new DocumentFormat.OpenXml.Drawing.Pictures.ShapeProperties(
                        new DocumentFormat.OpenXml.Drawing.Transform2D(
                            new DocumentFormat.OpenXml.Drawing.Offset { X = 0, Y = 0 },
                            new DocumentFormat.OpenXml.Drawing.Extents { Cx = width, Cy = height }),
                        new DocumentFormat.OpenXml.Drawing.PresetGeometry(new DocumentFormat.OpenXml.Drawing.AdjustValueList()) { Preset = DocumentFormat.OpenXml.Drawing.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" });
        var inline = new DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline(
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent { Cx = width, Cy = height },
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties { Id = (uint)number, Name = name, Description = InputText.Clean(image.Caption ?? name) },
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.NonVisualGraphicFrameDrawingProperties(new DocumentFormat.OpenXml.Drawing.GraphicFrameLocks { NoChangeAspect = true }),
            graphic)
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Figure" }), new Run(new Drawing(inline)));
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
        // Text only ever goes into w:t elements (escaped by the SDK, never a field or hyperlink); characters XML cannot
        // hold are dropped, or Word would refuse the whole document.
        var lines = InputText.Clean(text).Split('\n');
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
        styles.Append(ParagraphStyle("Figure", "图", null, null, JustificationValues.Center, line: 240, spacingBefore: 120, keepNext: true));
        styles.Append(ParagraphStyle("ImageCaption", "图题", Fonts(HeiFont), SizeSiHao, JustificationValues.Center, line: 400, spacingAfter: 240));
        styles.Append(ParagraphStyle("ContentsTitle", "目录标题", Fonts(HeiFont), SizeSanHao, JustificationValues.Center, spacingAfter: 280));
        styles.Append(ParagraphStyle("Contents1", "目录 1", Fonts(FangSongFont), SizeSanHao, JustificationValues.Left));
        styles.Append(ParagraphStyle("Contents2", "目录 2", Fonts(FangSongFont), SizeSanHao, JustificationValues.Left, firstLineChars: 200));
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
}
