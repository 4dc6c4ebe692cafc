using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanTracker.Web.Tests.ProgressWorkbook;

/// <summary>Opens and changes a downloaded workbook with the Open XML SDK, as a person filling it in would.</summary>
public sealed class WorkbookFile : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    private WorkbookFile(byte[] bytes, bool editable)
    {
        _stream = new MemoryStream();
        _stream.Write(bytes);
        _stream.Position = 0;
        _document = SpreadsheetDocument.Open(_stream, editable);
    }

    public static WorkbookFile Open(byte[] bytes) => new(bytes, editable: false);

    /// <summary>Applies <paramref name="edit"/> and returns the saved bytes.</summary>
    public static byte[] Edit(byte[] bytes, Action<WorkbookFile> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        using var file = new WorkbookFile(bytes, editable: true);
        edit(file);
        file._document.Save();
        file._document.Dispose();
        return file._stream.ToArray();
    }

    public Sheet SheetEntry(string name) =>
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);

    public Worksheet Worksheet(string name) =>
        ((WorksheetPart)_document.WorkbookPart!.GetPartById(SheetEntry(name).Id!)).Worksheet;

    public IReadOnlyList<string> SheetNames => [.. _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public Cell? Cell(string sheet, string reference) =>
        Worksheet(sheet).Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    /// <summary>The text of a cell as a person sees it (inline strings as written by the portal).</summary>
    public string Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        return cell is null ? string.Empty : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty;
    }

    /// <summary>Whether the cell's format locks it (the default when the format says nothing).</summary>
    public bool IsLocked(string sheet, string reference)
    {
        var index = Cell(sheet, reference)?.StyleIndex?.Value ?? 0;
        var format = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)index);
        return format.Protection?.Locked?.Value ?? true;
    }

    /// <summary>The row whose column A holds <paramref name="id"/> (the hidden key).</summary>
    public int RowOf(string sheet, int id) =>
        (int)Worksheet(sheet).Descendants<Row>().Single(r => r.Elements<Cell>().Any(c => c.CellReference == "A" + r.RowIndex && c.CellValue?.Text == id.ToString(CultureInfo.InvariantCulture))).RowIndex!.Value;

    public void SetText(string sheet, string reference, string text) =>
        Replace(sheet, reference, new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });

    public void SetSharedText(string sheet, string reference, string text)
    {
        var part = _document.WorkbookPart!.SharedStringTablePart ?? _document.WorkbookPart.AddNewPart<SharedStringTablePart>();
        part.SharedStringTable ??= new SharedStringTable();
        part.SharedStringTable.Append(new SharedStringItem(new Text(text)));
        var index = part.SharedStringTable.Elements<SharedStringItem>().Count() - 1;
        Replace(sheet, reference, new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(index) });
    }

    public void SetNumber(string sheet, string reference, decimal number) =>
        Replace(sheet, reference, new Cell { CellValue = new CellValue(number) });

    public void SetDate(string sheet, string reference, DateOnly day) =>
        Replace(sheet, reference, new Cell { CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = 5 });

    /// <summary>A number in a cell formatted as a percentage (built-in format 9), as Excel stores 60% typed into a cell: 0.6.</summary>
    public void SetPercent(string sheet, string reference, decimal fraction)
    {
        var formats = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!;
        formats.Append(new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
        formats.Count = (uint)formats.ChildElements.Count;
        Replace(sheet, reference, new Cell { CellValue = new CellValue(fraction), StyleIndex = formats.Count - 1 });
    }

    /// <summary>What the Open XML SDK's schema validator finds wrong with the package (nothing, for a file Excel opens cleanly).</summary>
    public IReadOnlyList<string> SchemaErrors() =>
        [.. new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2019).Validate(_document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];

    public void SetFormula(string sheet, string reference, string formula, decimal cached) =>
        Replace(sheet, reference, new Cell { CellFormula = new CellFormula(formula), CellValue = new CellValue(cached) });

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private void Replace(string sheet, string reference, Cell cell)
    {
        cell.CellReference = reference;
        var rowNumber = uint.Parse(reference.TrimStart((char[])[.. Enumerable.Range('A', 26).Select(c => (char)c)]), CultureInfo.InvariantCulture);
        var data = Worksheet(sheet).GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowNumber);
        if (row is null)
        {
            row = new Row { RowIndex = rowNumber };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < rowNumber);
            if (after is null)
            {
                data.PrependChild(row);
            }
            else
            {
                after.InsertAfterSelf(row);
            }
        }

        var existing = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (existing is not null)
        {
            cell.StyleIndex ??= existing.StyleIndex;
            existing.InsertAfterSelf(cell);
            existing.Remove();
            return;
        }

        // Cells stay in column order: after the last one whose column comes before.
        var before = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(Pad(c.CellReference!), Pad(reference)) < 0);
        if (before is null)
        {
            row.PrependChild(cell);
        }
        else
        {
            before.InsertAfterSelf(cell);
        }
    }

    private static string Pad(string reference)
    {
        var letters = new string([.. reference.TakeWhile(char.IsAsciiLetter)]);
        return letters.PadLeft(3, ' ');
    }
}
