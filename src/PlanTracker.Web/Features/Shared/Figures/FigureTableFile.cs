using System.Text;
using Microsoft.AspNetCore.Mvc;
using PlanTracker.Infrastructure.Spreadsheets;

namespace PlanTracker.Web.Features.Shared.Figures;

/// <summary>A figure table as a download: CSV (UTF-8 with BOM, so Excel reads the Chinese) or .xlsx.</summary>
public static class FigureTableFile
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file for <paramref name="format"/> (csv or xlsx); null for any other format (the caller answers 404).</summary>
    public static FileContentResult? For(FigureTable table, string? format, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = SafeFileName(fileStem);
        return format?.ToLowerInvariant() switch
        {
            "csv" => new FileContentResult(Csv(table), "text/csv; charset=utf-8") { FileDownloadName = name + ".csv" },
            "xlsx" => new FileContentResult(Xlsx(table), XlsxContentType) { FileDownloadName = name + ".xlsx" },
            _ => null,
        };
    }

    public static byte[] Csv(FigureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => CsvField(c.Header))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Cells.Select(c => CsvField(c.Text))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(FigureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sheet = new XlsxSheet(SheetName(table.Title))
        {
            FrozenRows = 1,
            Widths = [.. table.Columns.Select(c => c.IsNumber ? 14d : 28d)],
        };
        sheet.Add([.. table.Columns.Select(c => XlsxCell.Text(c.Header, XlsxStyle.Header))]);
        foreach (var row in table.Rows)
        {
            // Numbers go in as numbers (an evaluator sums them); text as text, never as a formula.
            sheet.Add([.. row.Cells.Select(c => c.Number is { } n ? new XlsxCell(n, XlsxStyle.ReadOnlyNumber) : XlsxCell.Text(c.Text, XlsxStyle.Default))]);
        }

        return XlsxWriter.Write([sheet]);
    }

    /// <summary>
    /// Quotes a CSV field, and defuses spreadsheet formula injection: a text starting with = + - @ (or a tab or carriage
    /// return) gets a leading apostrophe, so Excel shows it instead of evaluating it. Negative numbers stay numbers.
    /// </summary>
    public static string CsvField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value;
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) && !IsPlainNumber(text))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text != text.Trim()
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    private static bool IsPlainNumber(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string SheetName(string title)
    {
        var cleaned = new string([.. title.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal))]).Trim();
        return cleaned.Length == 0 ? "数据" : cleaned.Length > 31 ? cleaned[..31] : cleaned;
    }

    private static string SafeFileName(string stem)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string([.. stem.Select(c => invalid.Contains(c) || c is '"' or '\'' ? '_' : c)]).Trim();
        return cleaned.Length == 0 ? "figures" : cleaned;
    }
}
