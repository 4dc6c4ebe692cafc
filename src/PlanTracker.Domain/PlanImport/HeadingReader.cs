using System.Text.RegularExpressions;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// A heading line of the outline. <see cref="Number"/> is the number as written without its separator:
/// `一、` → "一", `第一章` → "第一章", `（一）` → "（一）", `第一节` → "第一节", `1.` / `1．` / `1、` → "1", `（1）` → "（1）".
/// Brackets are part of how the number is written, the `、`/`.` after it is punctuation.
/// </summary>
internal sealed record Heading(NodeKind Kind, int Level, string Number, string Title);

/// <summary>
/// Tells heading lines from paragraph lines. A heading is short and does not end like a sentence; a numbered line
/// that is a whole sentence (ends in 。) is body text that happens to start with a number.
/// </summary>
internal static partial class HeadingReader
{
    public const int ChapterLevel = 0;
    public const int SectionLevel = 1;
    public const int ItemLevel = 2;
    public const int SubItemLevel = 3;

    // Longer than any heading seen in plans; also keeps every regex here off megabyte-long noise lines.
    private const int MaxHeadingLength = 60;

    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3})、[ \u3000]*(\S.*)$")]
    private static partial Regex NumeralChapter();

    [GeneratedRegex(@"^(第[一二三四五六七八九十百零〇0-9０-９]{1,4}章)[ \u3000]*(.*)$")]
    private static partial Regex OrdinalChapter();

    [GeneratedRegex(@"^([（(][一二三四五六七八九十]{1,3}[）)])[ \u3000]*(\S.*)$")]
    private static partial Regex NumeralSection();

    [GeneratedRegex(@"^(第[一二三四五六七八九十百零〇0-9０-９]{1,4}节)[ \u3000]*(.*)$")]
    private static partial Regex OrdinalSection();

    [GeneratedRegex(@"^([0-9０-９]{1,3})[.．、](?![0-9０-９])[ \u3000]*(\S.*)$")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"^([（(][0-9０-９]{1,3}[）)])[ \u3000]*(\S.*)$")]
    private static partial Regex BracketedItem();

    public static Heading? Read(string line)
    {
        if (line.Length == 0 || line.Length > MaxHeadingLength)
        {
            return null;
        }

        return Match(NumeralChapter(), line, NodeKind.Chapter, ChapterLevel)
            ?? Match(OrdinalChapter(), line, NodeKind.Chapter, ChapterLevel, titleMayBeEmpty: true)
            ?? Match(NumeralSection(), line, NodeKind.Section, SectionLevel)
            ?? Match(OrdinalSection(), line, NodeKind.Section, SectionLevel, titleMayBeEmpty: true)
            ?? Match(NumberedItem(), line, NodeKind.Item, ItemLevel)
            ?? Match(BracketedItem(), line, NodeKind.Item, SubItemLevel);
    }

    public static bool IsChapter(string line) => Read(line) is { Kind: NodeKind.Chapter };

    private static Heading? Match(Regex regex, string line, NodeKind kind, int level, bool titleMayBeEmpty = false)
    {
        var match = regex.Match(line);
        if (!match.Success)
        {
            return null;
        }

        var title = match.Groups[2].Value.Trim();
        if ((title.Length == 0 && !titleMayBeEmpty) || !LooksLikeTitle(title))
        {
            return null;
        }

        return new Heading(kind, level, match.Groups[1].Value, title);
    }

    private static bool LooksLikeTitle(string title) =>
        !title.Contains('。', StringComparison.Ordinal)
        && !title.EndsWith('；')
        && !title.EndsWith(';')
        && !title.EndsWith('：')
        && !title.EndsWith(':');
}
