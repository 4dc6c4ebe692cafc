using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads the text of a Chinese five-year (special) plan into an outline, its main indicators and its cover-notice
/// facts. Plain text in, no I/O; the same text always gives the same result.
/// </summary>
public static class PlanTextParser
{
    public const string EmptyTextError = "文件为空";

    public const string NoTitleError = "未找到规划标题：第一章之前应有一行规划名称（不超过80字）";

    public const string NoStructureError = "未找到规划结构：没有识别到章标题（如“一、”或“第一章”）";

    /// <summary>
    /// Parses a plan's text. The only normalisation is dropping a leading BOM and turning CRLF into LF; every
    /// <see cref="SourceSpan"/> in the result is an offset into that normalised text (see <see cref="Normalise"/>),
    /// which is what should be stored with the plan version. Line numbers in warnings and indicators are 1-based.
    /// Returns a failure, never throws, for text that is not a plan.
    /// </summary>
    public static PlanParseResult Parse(string text)
    {
        var normalised = Normalise(text ?? string.Empty);
        if (string.IsNullOrWhiteSpace(normalised))
        {
            return PlanParseResult.Failure(EmptyTextError);
        }

        var warnings = new List<ImportWarning>();
        var lines = PlanSource.ReadLines(normalised, warnings);
        var firstChapter = lines.FindIndex(l => HeadingReader.IsChapter(l.Clean));
        if (firstChapter < 0)
        {
            return PlanParseResult.Failure(NoStructureError);
        }

        var notice = CoverNoticeReader.Read(lines.GetRange(0, firstChapter));
        if (notice.Title.Length == 0)
        {
            // A plan is known by its title everywhere in the portal; without one there is nothing to file it under.
            return PlanParseResult.Failure(NoTitleError);
        }

        var roots = notice.Preamble.Select(Paragraph).ToList();
        var indicators = new List<ParsedIndicator>();
        ReadOutline(lines, firstChapter, roots, indicators);

        var plan = new ParsedPlan(
            notice.Title,
            notice.DocumentNumber,
            notice.Issuer,
            notice.IssueDate,
            notice.StartYear,
            notice.EndYear,
            roots.ConvertAll(r => r.ToNode()),
            indicators,
            [.. warnings.OrderBy(w => w.Line)]);
        return PlanParseResult.Success(plan);
    }

    /// <summary>The text the spans point into: a leading BOM dropped, CRLF turned into LF, nothing else.</summary>
    public static string Normalise(string text) => PlanSource.Normalise(text ?? string.Empty);

    private static void ReadOutline(List<SourceLine> lines, int start, List<OutlineEntry> roots, List<ParsedIndicator> indicators)
    {
        // The open headings, outermost first: a new heading closes those at its level or deeper.
        var open = new List<OutlineEntry>();
        var i = start;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                i++;
                continue;
            }

            if (IndicatorTableReader.IsTableTitle(line.Clean) && IndicatorTableReader.TryRead(lines, i, indicators) is var afterTable and >= 0)
            {
                i = afterTable;
                continue;
            }

            if (SpecialColumnReader.ReadHeading(line.Clean) is not null)
            {
                i = SpecialColumnReader.Read(lines, i, out var column);
                (OwnerOfColumn(open, column.Title)?.Children ?? roots).Add(column);
                continue;
            }

            if (AppendixReader.IsAppendixHeading(line.Clean))
            {
                i = AppendixReader.Read(lines, i, out var appendix);
                open.Clear();
                roots.Add(appendix);
                continue;
            }

            if (HeadingReader.Read(line.Clean) is { } heading)
            {
                open.RemoveAll(h => h.Level >= heading.Level);
                var entry = new OutlineEntry(heading.Kind, heading.Number, heading.Title, heading.Title, line.Span, heading.Level);
                (open.Count > 0 ? open[^1].Children : roots).Add(entry);
                open.Add(entry);
            }
            else
            {
                (open.Count > 0 ? open[^1].Children : roots).Add(Paragraph(line));
            }

            i++;
        }
    }

    /// <summary>
    /// A column belongs to the innermost open heading, unless it is named after an enclosing heading — provincial
    /// plans close a chapter with `专栏3　加大文物保护力度` after its numbered items; that column is the chapter's.
    /// </summary>
    private static OutlineEntry? OwnerOfColumn(List<OutlineEntry> open, string columnTitle)
    {
        var named = open.FindLast(h => h.Title.StartsWith(columnTitle, StringComparison.Ordinal));
        return named ?? (open.Count > 0 ? open[^1] : null);
    }

    private static OutlineEntry Paragraph(SourceLine line) =>
        new(NodeKind.Paragraph, null, string.Empty, line.Clean, line.Span);
}
