using System.Globalization;
using System.Text.RegularExpressions;
using PlanTracker.Domain.Indicators;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads a 主要指标 table: a title line containing 主要指标, a header row, then one row per indicator, columns separated
/// by tabs, runs of two or more spaces, or full-width spaces. Columns are found by their header, not their position,
/// because plans differ: some have a baseline column (`2020年`/`基期值`), some only the target year (`2025年`).
/// </summary>
internal static partial class IndicatorTableReader
{
    private const int MaxTitleLength = 60;
    private const int MinColumns = 3;
    private const int MaxUnitLength = 8;

    [GeneratedRegex(@"(\d{4})\s?年")]
    private static partial Regex HeaderYear();

    private sealed record Columns(int? Category, int Name, int? Unit, int? Nature, ValueColumn? Baseline, ValueColumn? Target, int Count);

    private sealed record ValueColumn(int Index, int? Year);

    public static bool IsTableTitle(string line) =>
        line.Length <= MaxTitleLength && line.Contains("主要指标", StringComparison.Ordinal) && !line.Contains('。', StringComparison.Ordinal);

    /// <summary>
    /// Reads the table whose title is at <paramref name="index"/>. Returns the index of the first line after the table,
    /// or -1 when no header row follows (then the title was just a line mentioning 主要指标).
    /// </summary>
    public static int TryRead(IReadOnlyList<SourceLine> lines, int index, List<ParsedIndicator> indicators)
    {
        var headerIndex = index + 1;
        while (headerIndex < lines.Count && lines[headerIndex].IsBlank)
        {
            headerIndex++;
        }

        if (headerIndex >= lines.Count || ReadColumns(SplitCells(lines[headerIndex].Text)) is not { } columns)
        {
            return -1;
        }

        string? category = null;
        var next = headerIndex + 1;
        for (; next < lines.Count; next++)
        {
            var line = lines[next];
            if (line.IsBlank)
            {
                continue;
            }

            if (LineKinds.StartsBlock(line.Clean))
            {
                break;
            }

            var cells = SplitCells(line.Text);

            // An empty category cell means "same as above"; when the row was typed without it the row is one cell short.
            if (cells.Count == columns.Count - 1 && columns.Category == 0)
            {
                cells.Insert(0, string.Empty);
            }

            if (cells.Count < MinColumns || cells.Count < columns.Count - 1)
            {
                break;
            }

            var indicator = ReadRow(line, cells, columns, ref category);
            if (indicator is not null)
            {
                indicators.Add(indicator);
            }
        }

        return next;
    }

    private static ParsedIndicator? ReadRow(SourceLine line, List<string> cells, Columns columns, ref string? category)
    {
        string Cell(int? column) => column is { } c && c < cells.Count ? cells[c] : string.Empty;

        if (columns.Category is not null && Cell(columns.Category).Length > 0)
        {
            category = Cell(columns.Category);
        }

        var (name, unit) = SplitUnit(Cell(columns.Name));
        if (name.Length == 0)
        {
            return null;
        }

        if (columns.Unit is not null && Cell(columns.Unit).Length > 0)
        {
            unit = Cell(columns.Unit);
        }

        var nature = Cell(columns.Nature) switch
        {
            var n when n.Contains("约束", StringComparison.Ordinal) => IndicatorNature.Binding,
            var n when n.Contains("预期", StringComparison.Ordinal) => IndicatorNature.Expected,
            _ => (IndicatorNature?)null,
        };

        return new ParsedIndicator(
            category,
            name,
            unit,
            columns.Baseline?.Year,
            columns.Baseline is null ? null : StatedValue.Parse(Cell(columns.Baseline.Index)),
            columns.Target?.Year,
            StatedValue.Parse(Cell(columns.Target?.Index)),
            nature,
            line.Number,
            line.Span);
    }

    /// <summary>
    /// `县级博物馆覆盖率（%）` → ("县级博物馆覆盖率", "%"). A trailing bracket is a unit only when it is short and not a
    /// note: `（含临展）` and `（全国重点文物保护单位、…）` stay part of the name.
    /// </summary>
    private static (string Name, string? Unit) SplitUnit(string cell)
    {
        if (cell.Length < 3 || cell[^1] is not ('）' or ')'))
        {
            return (cell, null);
        }

        var open = cell.LastIndexOfAny(['（', '(']);
        if (open <= 0)
        {
            return (cell, null);
        }

        var unit = cell[(open + 1)..^1].Trim();
        var isNote = unit.Length == 0
            || unit.Length > MaxUnitLength
            || unit.AsSpan().IndexOfAny("、，,；;") >= 0
            || unit.StartsWith('含')
            || unit.StartsWith("不含", StringComparison.Ordinal)
            || unit.StartsWith("包括", StringComparison.Ordinal);
        return isNote ? (cell, null) : (cell[..open].Trim(), unit);
    }

    private static Columns? ReadColumns(List<string> header)
    {
        if (header.Count < MinColumns)
        {
            return null;
        }

        int? category = null, unit = null, nature = null, name = null;
        var values = new List<(int Index, int? Year, string Role)>();
        for (var i = 0; i < header.Count; i++)
        {
            var cell = header[i];
            var year = HeaderYear().Match(cell) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (cell.Contains("属性", StringComparison.Ordinal))
            {
                nature = i;
            }
            else if (cell.Contains("单位", StringComparison.Ordinal))
            {
                unit = i;
            }
            else if (ContainsAny(cell, "类别", "领域", "分类", "类型"))
            {
                category = i;
            }
            else if (ContainsAny(cell, "基期", "基准", "现状"))
            {
                values.Add((i, year, "baseline"));
            }
            else if (ContainsAny(cell, "目标", "规划"))
            {
                values.Add((i, year, "target"));
            }
            else if (year is not null)
            {
                values.Add((i, year, "year"));
            }
            else if (cell.Contains("指标", StringComparison.Ordinal) || name is null)
            {
                name = i;
            }
        }

        if (name is null || values.Count == 0)
        {
            return null;
        }

        // Year-only headers: the latest year is the target, an earlier one the baseline.
        var yearOnly = values.Where(v => v.Role == "year").OrderBy(v => v.Year).ToList();
        var target = values.FirstOrDefault(v => v.Role == "target");
        var baseline = values.FirstOrDefault(v => v.Role == "baseline");
        if (target.Role is null && yearOnly.Count > 0)
        {
            target = yearOnly[^1];
            yearOnly.RemoveAt(yearOnly.Count - 1);
        }

        if (baseline.Role is null && yearOnly.Count > 0)
        {
            baseline = yearOnly[0];
        }

        return new Columns(
            category,
            name.Value,
            unit,
            nature,
            baseline.Role is null ? null : new ValueColumn(baseline.Index, baseline.Year),
            target.Role is null ? null : new ValueColumn(target.Index, target.Year),
            header.Count);
    }

    /// <summary>Tabs separate cells one by one (an empty cell is kept); without tabs, runs of 2+ spaces or full-width spaces do.</summary>
    internal static List<string> SplitCells(string line)
    {
        if (line.Contains('\t', StringComparison.Ordinal))
        {
            return [.. line.Split('\t').Select(c => c.Trim())];
        }

        var cells = new List<string>();
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            var runEnd = i;
            while (runEnd < line.Length && line[runEnd] is ' ' or '\u3000')
            {
                runEnd++;
            }

            var isSeparator = runEnd - i >= 2 || (runEnd > i && line[i] == '\u3000');
            if (isSeparator)
            {
                cells.Add(line[start..i].Trim());
                start = runEnd;
            }

            i = runEnd > i ? runEnd : i + 1;
        }

        cells.Add(line[start..].Trim());
        return cells;
    }

    private static bool ContainsAny(string cell, params string[] words) =>
        words.Any(w => cell.Contains(w, StringComparison.Ordinal));
}
