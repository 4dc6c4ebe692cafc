using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PlanTracker.Domain.Text;

namespace PlanTracker.Infrastructure.Spreadsheets;

/// <summary>The handful of cell looks the portal's workbooks use; each is one fixed cell format of the style sheet.</summary>
public enum XlsxStyle
{
    Default,

    /// <summary>Bold on a light blue fill, locked.</summary>
    Header,

    /// <summary>Text people read but may not change (keys, names), locked.</summary>
    Locked,

    /// <summary>Text people fill in, unlocked, wrapped.</summary>
    Editable,

    EditableNumber,

    /// <summary>A date shown as yyyy-mm-dd, unlocked.</summary>
    EditableDate,

    /// <summary>Greyed and locked: content that may not change any more (a submitted report).</summary>
    ReadOnly,

    ReadOnlyNumber,

    ReadOnlyDate,

    /// <summary>Wrapped prose without a border (instructions).</summary>
    Note,
}

/// <summary>One cell to write: a string, a number (int, long, decimal, double), a <see cref="DateOnly"/>, or null for an empty styled cell.</summary>
public readonly record struct XlsxCell(object? Value, XlsxStyle Style)
{
    public static XlsxCell Text(string? value, XlsxStyle style = XlsxStyle.Locked) => new(value, style);
}

/// <summary>A list the cells of a range must take their value from (a drop-down in Excel).</summary>
public sealed record XlsxListValidation(string Range, IReadOnlyList<string> Items);

/// <summary>A decimal range the cells must stay in (Excel refuses other typing; the upload checks again).</summary>
public sealed record XlsxDecimalValidation(string Range, decimal Min, decimal Max);

/// <summary>One worksheet to write, top to bottom.</summary>
public sealed class XlsxSheet(string name)
{
    public string Name { get; } = name;

    /// <summary>Very hidden: not listed under Excel's "unhide", readable by the upload.</summary>
    public bool Hidden { get; init; }

    /// <summary>Sheet protection without a password: locked cells cannot be edited, unlocked ones can.</summary>
    public bool Protected { get; init; }

    /// <summary>Rows frozen at the top (the header).</summary>
    public int FrozenRows { get; init; }

    /// <summary>Column widths in characters, from column A.</summary>
    public IReadOnlyList<double> Widths { get; init; } = [];

    /// <summary>Zero-based indexes of columns that are hidden (a key column).</summary>
    public IReadOnlyCollection<int> HiddenColumns { get; init; } = [];

    public List<IReadOnlyList<XlsxCell>> Rows { get; } = [];

    public List<XlsxListValidation> Lists { get; } = [];

    public List<XlsxDecimalValidation> Decimals { get; } = [];

    public void Add(params XlsxCell[] cells) => Rows.Add(cells);
}

/// <summary>
/// Writes an .xlsx with the Open XML SDK from plain rows: inline strings (no shared-string table to keep in step),
/// numbers and dates as numbers, a fixed style sheet, protection without a password, drop-down lists, very hidden
/// sheets. Reused by every export that needs a spreadsheet.
/// </summary>
public static class XlsxWriter
{
    private const uint DateFormatId = 164;

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            // Fixed relationship ids (the SDK would make random ones): the same sheets give the same file.
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = Stylesheet();
            var sheetList = new Sheets();
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>($"rIdSheet{sheetId}");
                part.Worksheet = Worksheet(sheet);
                sheetList.Append(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(part),
                    SheetId = sheetId++,
                    Name = sheet.Name,
                    State = sheet.Hidden ? SheetStateValues.VeryHidden : null,
                });
            }

            // Structure locked (no password): sheets cannot be renamed, deleted or unhidden.
            workbookPart.Workbook = new Workbook(new WorkbookProtection { LockStructure = true }, sheetList);
        }

        return stream.ToArray();
    }

    /// <summary>The column letters of a zero-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static Worksheet Worksheet(XlsxSheet sheet)
    {
        var worksheet = new Worksheet();
        if (sheet.FrozenRows > 0)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = sheet.FrozenRows,
                TopLeftCell = "A" + (sheet.FrozenRows + 1).ToString(CultureInfo.InvariantCulture),
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 }));
        }

        if (sheet.Widths.Count > 0 || sheet.HiddenColumns.Count > 0)
        {
            var columns = new Columns();
            var count = Math.Max(sheet.Widths.Count, sheet.HiddenColumns.Count == 0 ? 0 : sheet.HiddenColumns.Max() + 1);
            for (var i = 0; i < count; i++)
            {
                columns.Append(new Column
                {
                    Min = (uint)(i + 1),
                    Max = (uint)(i + 1),
                    Width = i < sheet.Widths.Count ? sheet.Widths[i] : 10,
                    CustomWidth = true,
                    Hidden = sheet.HiddenColumns.Contains(i) ? true : null,
                });
            }

            worksheet.Append(columns);
        }

        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var rowNumber = (uint)(r + 1);
            var row = new Row { RowIndex = rowNumber };
            var cells = sheet.Rows[r];
            for (var c = 0; c < cells.Count; c++)
            {
                row.Append(Cell(ColumnName(c) + rowNumber.ToString(CultureInfo.InvariantCulture), cells[c]));
            }

            data.Append(row);
        }

        worksheet.Append(data);
        if (sheet.Protected)
        {
            worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true });
        }

        if (sheet.Lists.Count + sheet.Decimals.Count > 0)
        {
            var validations = new DataValidations();
            foreach (var list in sheet.Lists)
            {
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = list.Range },
                    Formula1 = new Formula1("\"" + string.Join(",", list.Items) + "\""),
                });
            }

            foreach (var range in sheet.Decimals)
            {
                validations.Append(new DataValidation
                {
                    Type = DataValidationValues.Decimal,
                    Operator = DataValidationOperatorValues.Between,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = range.Range },
                    Formula1 = new Formula1(range.Min.ToString(CultureInfo.InvariantCulture)),
                    Formula2 = new Formula2(range.Max.ToString(CultureInfo.InvariantCulture)),
                });
            }

            validations.Count = (uint)validations.ChildElements.Count;
            worksheet.Append(validations);
        }

        return worksheet;
    }

    private static Cell Cell(string reference, XlsxCell value)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = (uint)value.Style };
        switch (value.Value)
        {
            case null:
                break;
            case string text:
                // Always a string cell, never a formula: a user's "=HYPERLINK(…)" is shown, not evaluated. Characters XML
                // cannot hold (a pasted control character) are dropped, or Excel would refuse the whole file.
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(InputText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case DateOnly day:
                cell.CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                // G29 drops the trailing zeros a numeric(18,4) column brings back (40.0000 → 40).
                cell.CellValue = new CellValue(number.ToString("G29", CultureInfo.InvariantCulture));
                break;
            case IFormattable number:
                cell.CellValue = new CellValue(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"A cell cannot hold a {value.Value.GetType().Name}.", nameof(value));
        }

        return cell;
    }

    /// <summary>The cell formats in the order of <see cref="XlsxStyle"/>.</summary>
    private static Stylesheet Stylesheet()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFD9D9D9"),
            Solid("FFDDEBF7"));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin },
                new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin },
                new BottomBorder { Style = BorderStyleValues.Thin },
                new DiagonalBorder()));
        var formats = new CellFormats(
            Format(font: 0, fill: 0, border: 0, numberFormat: 0, locked: true, wrap: false),
            Format(font: 1, fill: 3, border: 1, numberFormat: 0, locked: true, wrap: true),
            Format(font: 0, fill: 0, border: 1, numberFormat: 0, locked: true, wrap: true),
            Format(font: 0, fill: 0, border: 1, numberFormat: 0, locked: false, wrap: true),
            Format(font: 0, fill: 0, border: 1, numberFormat: 0, locked: false, wrap: false),
            Format(font: 0, fill: 0, border: 1, numberFormat: DateFormatId, locked: false, wrap: false),
            Format(font: 0, fill: 2, border: 1, numberFormat: 0, locked: true, wrap: true),
            Format(font: 0, fill: 2, border: 1, numberFormat: 0, locked: true, wrap: false),
            Format(font: 0, fill: 2, border: 1, numberFormat: DateFormatId, locked: true, wrap: false),
            Format(font: 0, fill: 0, border: 0, numberFormat: 0, locked: true, wrap: true));
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
            fonts,
            fills,
            borders,
            new CellStyleFormats(new CellFormat()),
            formats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static CellFormat Format(uint font, uint fill, uint border, uint numberFormat, bool locked, bool wrap) =>
        new(new Alignment { WrapText = wrap, Vertical = VerticalAlignmentValues.Top }, new Protection { Locked = locked })
        {
            FontId = font,
            FillId = fill,
            BorderId = border,
            NumberFormatId = numberFormat,
            FormatId = 0,
            ApplyFont = true,
            ApplyFill = true,
            ApplyBorder = true,
            ApplyNumberFormat = numberFormat != 0,
            ApplyAlignment = true,
            ApplyProtection = true,
        };
}
