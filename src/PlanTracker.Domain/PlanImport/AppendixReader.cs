using System.Text.RegularExpressions;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads an appendix (附录) as a root-level chapter without a number. A glossary appendix lists `术语：定义` lines,
/// each of which becomes a glossary term; any other line is a paragraph of the appendix.
/// </summary>
internal static partial class AppendixReader
{
    private const int MaxHeadingLength = 40;
    private const int MaxSubtitleLength = 40;
    private const int MaxTermLength = 20;

    [GeneratedRegex(@"^附[ \u3000]*录[一二三四五六七八九十0-9]{0,2}[ \u3000]*[：:]?[ \u3000]*(.*)$")]
    private static partial Regex AppendixHeading();

    public static bool IsAppendixHeading(string line) =>
        line.Length <= MaxHeadingLength && line.StartsWith('附') && AppendixHeading().IsMatch(line);

    /// <summary>Reads the appendix starting at <paramref name="index"/>; returns the index of the first line after it.</summary>
    public static int Read(IReadOnlyList<SourceLine> lines, int index, out OutlineEntry appendix)
    {
        var heading = lines[index];
        var rest = AppendixHeading().Match(heading.Clean).Groups[1].Value.Trim();
        var title = heading.Clean;
        var next = SkipBlank(lines, index + 1);

        // `附录：` alone on its line names the appendix on the next line (`专业名词和术语解释`).
        if (rest.Length == 0 && next < lines.Count && IsSubtitle(lines[next].Clean))
        {
            title = heading.Clean.TrimEnd('：', ':') + "：" + lines[next].Clean;
            next++;
        }

        appendix = new OutlineEntry(NodeKind.Chapter, null, title, title, heading.Span, HeadingReader.ChapterLevel);
        for (; next < lines.Count; next++)
        {
            var line = lines[next];
            if (line.IsBlank)
            {
                continue;
            }

            if (IsAppendixHeading(line.Clean) || HeadingReader.IsChapter(line.Clean))
            {
                break;
            }

            appendix.Children.Add(ReadTerm(line) ?? new OutlineEntry(NodeKind.Paragraph, null, string.Empty, line.Clean, line.Span));
        }

        return next;
    }

    private static OutlineEntry? ReadTerm(SourceLine line)
    {
        var colon = line.Clean.IndexOfAny(['：', ':']);
        if (colon <= 0 || colon > MaxTermLength || colon == line.Clean.Length - 1)
        {
            return null;
        }

        var term = line.Clean[..colon].Trim();
        if (term.AsSpan().IndexOfAny("，。、；,;") >= 0)
        {
            return null;
        }

        return new OutlineEntry(NodeKind.GlossaryTerm, null, term, line.Clean[(colon + 1)..].Trim(), line.Span);
    }

    private static bool IsSubtitle(string line) =>
        line.Length is > 0 and <= MaxSubtitleLength && line.AsSpan().IndexOfAny("：:。，") < 0;

    private static int SkipBlank(IReadOnlyList<SourceLine> lines, int index)
    {
        while (index < lines.Count && lines[index].IsBlank)
        {
            index++;
        }

        return index;
    }
}
