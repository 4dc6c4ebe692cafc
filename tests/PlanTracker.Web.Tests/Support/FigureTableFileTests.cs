using System.Text;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Tests.Support;

public sealed class FigureTableFileTests
{
    private static readonly FigureTable Table = new(
        "units",
        "各地区完成情况",
        [new FigureColumn("单位"), new FigureColumn("完成度（%）", IsNumber: true)],
        [
            new FigureRow([FigureCell.Of("北京市"), FigureCell.Of(42.5m)]),
            new FigureRow([FigureCell.Of("=cmd|' /C calc'!A0"), FigureCell.Of(-3m)]),
            new FigureRow([FigureCell.Of("上海市, \"浦东\""), FigureCell.Of((decimal?)null)]),
        ]);

    [Fact]
    public void Csv_StartsWithABom_AndQuotesCommasAndQuotes()
    {
        var bytes = FigureTableFile.Csv(Table);

        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].Should().Be("单位,完成度（%）");
        lines[1].Should().Be("北京市,42.5");
        lines[3].Should().Be("\"上海市, \"\"浦东\"\"\",—");
    }

    [Fact]
    public void Csv_DefusesFormulas_ButLeavesNegativeNumbersNumbers()
    {
        var line = Encoding.UTF8.GetString(FigureTableFile.Csv(Table)).Split("\r\n")[2];

        line.Should().Be("'=cmd|' /C calc'!A0,-3");
    }

    [Fact]
    public void Xlsx_HoldsTheNumbersAsNumbers_AndFormulaTextAsText()
    {
        var bytes = FigureTableFile.Xlsx(Table);

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>().Should().BeEmpty("text is never written as a formula");
        var cells = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        cells.Should().Contain(c => c.CellValue != null && c.CellValue.Text == "42.5" && (c.DataType == null || c.DataType.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.Number));
        document.WorkbookPart.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value.Should().Be("各地区完成情况");
    }

    [Fact]
    public void UnknownFormat_GivesNoFile()
    {
        FigureTableFile.For(Table, "pdf", "x").Should().BeNull();
        FigureTableFile.For(Table, "CSV", "各地区/完成").Should().NotBeNull().And.Subject.As<Microsoft.AspNetCore.Mvc.FileContentResult>().FileDownloadName.Should().Be("各地区_完成.csv");
    }
}
