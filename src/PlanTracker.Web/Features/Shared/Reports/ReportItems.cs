using System.Globalization;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Shared.Reports;

/// <summary>One block of a report on the page: a numbered heading, a paragraph (a quote or not), a table, or a picture.</summary>
public sealed record ReportItem(ReportItemKind Kind, string Text, int Level = 0, FigureTable? Table = null)
{
    /// <summary>A picture as a data: URI (the page's CSP allows those for images, never for scripts).</summary>
    public string? ImageSource { get; init; }
}

public enum ReportItemKind
{
    Heading,
    Paragraph,
    Quote,
    Table,
    Image,
}

/// <summary>
/// Turns a report's document blocks (<see cref="GovDocument"/>, as written to Word) into page items: headings numbered
/// as the Word writer numbers them, tables as downloadable <see cref="FigureTable"/>s with the same cells, pictures
/// inline. The page and the Word document are therefore the same report.
/// </summary>
public static class ReportItems
{
    public static IReadOnlyList<ReportItem> Of(IReadOnlyList<DocBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var items = new List<ReportItem>();
        var counters = new int[4];
        foreach (var block in blocks)
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

                    items.Add(new ReportItem(ReportItemKind.Heading, GovDocumentWriter.Numbered(level, counters[level]) + heading.Text, level));
                    break;
                case DocParagraph paragraph:
                    items.Add(new ReportItem(paragraph.Quote ? ReportItemKind.Quote : ReportItemKind.Paragraph, paragraph.Text));
                    break;
                case DocTable table:
                    items.Add(new ReportItem(ReportItemKind.Table, table.Caption ?? string.Empty, 0, Figure(table)));
                    break;
                case DocImage image:
                    items.Add(new ReportItem(ReportItemKind.Image, image.Caption ?? string.Empty) { ImageSource = "data:image/png;base64," + Convert.ToBase64String(image.Png) });
                    break;
                default:
                    // The table of contents and page breaks belong to paper.
                    break;
            }
        }

        return items;
    }

    private static FigureTable Figure(DocTable table) => new(
        table.Key ?? "table",
        table.Caption ?? string.Empty,
        [.. table.Header.Select(h => new FigureColumn(h, IsNumber: h is "序号" or "数量" or "红色预警" or "黄色预警" or "合计" or "变更（项）" or "依据（项）" || h.EndsWith("（%）", StringComparison.Ordinal)))],
        [.. table.Rows.Select(r => new FigureRow([.. r.Select(Cell)]))]);

    private static FigureCell Cell(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? new FigureCell(text, number)
            : FigureCell.Of(text);
}

/// <summary>Names for downloaded reports: the plan's title without the characters file systems or headers trip on.</summary>
public static class ReportFileNames
{
    public static string ShortPlanName(string planTitle)
    {
        ArgumentNullException.ThrowIfNull(planTitle);
        var shortName = new string([.. planTitle.Where(c => !"《》“”\"'<>:/\\|?* \t".Contains(c, StringComparison.Ordinal))]);
        return shortName.Length > 20 ? shortName[..20] : shortName;
    }
}
