using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanTracker.Infrastructure.Spreadsheets;

/// <summary>What a cell holds as stored, before anyone interprets it.</summary>
public enum XlsxCellKind
{
    /// <summary>A number (dates are numbers too: days since 1899-12-30).</summary>
    Number,

    /// <summary>A string, shared or inline.</summary>
    Text,

    Boolean,

    /// <summary>An error value such as #DIV/0!.</summary>
    Error,

    /// <summary>An ISO 8601 date stored as such (t="d"), rare.</summary>
    IsoDate,
}

/// <summary>One cell as read: its place, its kind, its raw text, whether a formula computes it, and whether it shows as a percentage.</summary>
/// <param name="IsPercent">The cell's number format is a percentage: Excel stores 60% as 0.6.</param>
public sealed record XlsxReadCell(string Column, int Row, XlsxCellKind Kind, string Text, bool HasFormula, bool IsPercent = false);

/// <summary>The non-empty cells of one worksheet, by row and column letters.</summary>
public sealed class XlsxReadSheet(string name, bool hidden, IReadOnlyDictionary<int, IReadOnlyDictionary<string, XlsxReadCell>> rows)
{
    public string Name { get; } = name;

    public bool Hidden { get; } = hidden;

    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, XlsxReadCell>> Rows { get; } = rows;

    public int LastRow => Rows.Count == 0 ? 0 : Rows.Keys.Max();

    public XlsxReadCell? Cell(string column, int row) =>
        Rows.TryGetValue(row, out var cells) && cells.TryGetValue(column, out var cell) ? cell : null;
}

/// <summary>A workbook's sheets by name, or why it could not be read.</summary>
public sealed record XlsxReadResult(IReadOnlyDictionary<string, XlsxReadSheet>? Sheets, string? Failure)
{
    public bool Succeeded => Sheets is not null;
}

/// <summary>
/// Reads every worksheet of an .xlsx into plain cells with the Open XML SDK. Call <see cref="XlsxGuard.Check"/> first:
/// this reader assumes bounded input, and still caps the characters of any part it parses.
/// </summary>
public static class XlsxReader
{
    /// <summary>No real sheet of the portal comes near this; a part beyond it is refused by the SDK unread.</summary>
    private const long MaxCharactersInPart = 40_000_000;

    public static XlsxReadResult Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook part.");
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var percentStyles = PercentStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
            var sheets = new Dictionary<string, XlsxReadSheet>(StringComparer.Ordinal);
            foreach (var sheet in workbookPart.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Name?.Value is not { } name || sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                var hidden = sheet.State?.Value is { } state && state != SheetStateValues.Visible;
                sheets[name] = new XlsxReadSheet(name, hidden, Cells(part, shared, percentStyles));
            }

            return new XlsxReadResult(sheets, null);
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or InvalidDataException or XmlException or IOException or FileFormatException or InvalidOperationException or FormatException or ArgumentException)
        {
            return new XlsxReadResult(null, exception.GetType().Name);
        }
    }

    private static Dictionary<int, IReadOnlyDictionary<string, XlsxReadCell>> Cells(WorksheetPart part, List<string> shared, HashSet<uint> percentStyles)
    {
        var rows = new Dictionary<int, IReadOnlyDictionary<string, XlsxReadCell>>();
        var data = part.Worksheet?.GetFirstChild<SheetData>();
        if (data is null)
        {
            return rows;
        }

        var previousRow = 0;
        foreach (var row in data.Elements<Row>())
        {
            var rowNumber = row.RowIndex?.Value is { } index ? (int)index : previousRow + 1;
            previousRow = rowNumber;
            var cells = new Dictionary<string, XlsxReadCell>(StringComparer.Ordinal);
            var previousColumn = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : XlsxWriter.ColumnName(previousColumn + 1);
                previousColumn = ColumnIndex(column);
                var hasFormula = cell.CellFormula is not null;
                var (kind, text) = Value(cell, shared);
                if (text.Length == 0 && !hasFormula)
                {
                    continue;
                }

                cells[column] = new XlsxReadCell(column, rowNumber, kind, text, hasFormula, cell.StyleIndex?.Value is { } style && percentStyles.Contains(style));
            }

            if (cells.Count > 0)
            {
                rows[rowNumber] = cells;
            }
        }

        return rows;
    }

    /// <summary>The cell formats whose number format shows a percentage: built-in 9 (0%) and 10 (0.00%), or a custom code with %.</summary>
    private static HashSet<uint> PercentStyles(Stylesheet? stylesheet)
    {
        var percent = new HashSet<uint> { 9, 10 };
        foreach (var format in stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && format.FormatCode?.Value is { } code && code.Replace("\\%", string.Empty, StringComparison.Ordinal).Contains('%', StringComparison.Ordinal))
            {
                percent.Add(id);
            }
        }

        var styles = new HashSet<uint>();
        uint index = 0;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && percent.Contains(id))
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    private static (XlsxCellKind Kind, string Text) Value(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type is null || type == CellValues.Number)
        {
            return (XlsxCellKind.Number, raw);
        }

        if (type == CellValues.SharedString)
        {
            return (XlsxCellKind.Text, int.TryParse(raw, out var i) && i >= 0 && i < shared.Count ? shared[i] : string.Empty);
        }

        if (type == CellValues.InlineString)
        {
            return (XlsxCellKind.Text, cell.InlineString?.InnerText ?? raw);
        }

        if (type == CellValues.Boolean)
        {
            return (XlsxCellKind.Boolean, raw);
        }

        if (type == CellValues.Error)
        {
            return (XlsxCellKind.Error, raw);
        }

        return type == CellValues.Date ? (XlsxCellKind.IsoDate, raw) : (XlsxCellKind.Text, raw);
    }

    private static string ColumnOf(string reference)
    {
        var end = 0;
        while (end < reference.Length && char.IsAsciiLetter(reference[end]))
        {
            end++;
        }

        return reference[..end].ToUpperInvariant();
    }

    private static int ColumnIndex(string column)
    {
        var index = 0;
        foreach (var c in column)
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
