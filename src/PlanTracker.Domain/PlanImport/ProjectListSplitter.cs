using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Splits a special column's prose into projects (tasks). Columns write either a list (`开展A，B，C。`,
/// `开展A、B、C等。`) or sentences that each describe one project and happen to contain commas
/// (`开展…平台建设，为科技型企业提供委托研发、检验测试、技术培训等服务。`). A sentence is read as a list only
/// when every piece reads like a project name: it ends the way project names end, and no piece after the first
/// starts with a verb or a purpose word (which would make it a clause of a sentence). Otherwise the sentence is one task.
/// </summary>
internal static class ProjectListSplitter
{
    private static readonly string[] ProjectEndings =
    [
        "研究", "研发", "示范", "应用", "平台", "系统", "工程", "建设", "体系", "试点", "基地", "中心", "数据库",
        "标准", "规范", "集成", "项目",
    ];

    // A list's leading verb governs every project in it; it is dropped from the first so all titles read alike.
    private static readonly string[] ListVerbs = ["开展", "研制", "实施", "建设", "推进", "组织"];

    // A piece that opens with one of these is a clause of a sentence (purpose, or a further action), not a project.
    private static readonly string[] ClauseOpenings =
    [
        "为", "以便", "以期", "从而", "进而", "促进", "增强", "提高", "提升", "推动", "加强", "加快", "搭建", "大力",
        "开展", "实施", "建设", "推进", "形成", "提供", "打造", "实现", "确保",
    ];

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?'];
    private static readonly char[] ListSeparators = ['，', '、', '；', ',', ';'];

    public static List<OutlineEntry> Split(SourceLine line)
    {
        var tasks = new List<OutlineEntry>();
        var text = line.Text;
        var sentenceStart = 0;
        while (sentenceStart < text.Length)
        {
            var end = text.IndexOfAny(SentenceEnds, sentenceStart);
            var sentenceEnd = end < 0 ? text.Length : end;
            var sentence = Trim(text, sentenceStart, sentenceEnd);
            if (sentence.End.Value > sentence.Start.Value)
            {
                tasks.AddRange(ReadSentence(line, text, sentence));
            }

            sentenceStart = sentenceEnd + 1;
        }

        return tasks;
    }

    private static IEnumerable<OutlineEntry> ReadSentence(SourceLine line, string text, Range sentence)
    {
        var pieces = SplitPieces(text, sentence);
        if (pieces.Count > 1 && TryReadList(text, pieces, out var projects))
        {
            return projects.Select(p => Task(line, text, p));
        }

        return [Task(line, text, sentence)];
    }

    private static bool TryReadList(string text, List<Range> pieces, out List<Range> projects)
    {
        projects = [];
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (i == 0)
            {
                piece = DropLeadingVerb(text, piece);
            }
            else if (StartsWithAny(text[piece], ClauseOpenings))
            {
                return false;
            }

            if (i == pieces.Count - 1 && text[piece].EndsWith('等') && text[piece].Length > 1)
            {
                piece = new Range(piece.Start, piece.End.Value - 1);
            }

            if (!EndsWithAny(text[piece], ProjectEndings))
            {
                return false;
            }

            projects.Add(piece);
        }

        return true;
    }

    private static Range DropLeadingVerb(string text, Range piece)
    {
        foreach (var verb in ListVerbs)
        {
            if (text[piece].StartsWith(verb, StringComparison.Ordinal) && text[piece].Length > verb.Length)
            {
                return Trim(text, piece.Start.Value + verb.Length, piece.End.Value);
            }
        }

        return piece;
    }

    private static List<Range> SplitPieces(string text, Range sentence)
    {
        var pieces = new List<Range>();
        var start = sentence.Start.Value;
        var end = sentence.End.Value;
        while (start <= end)
        {
            var separator = text.IndexOfAny(ListSeparators, start, end - start);
            var pieceEnd = separator < 0 ? end : separator;
            var piece = Trim(text, start, pieceEnd);
            if (piece.End.Value > piece.Start.Value)
            {
                pieces.Add(piece);
            }

            start = pieceEnd + 1;
        }

        return pieces;
    }

    private static OutlineEntry Task(SourceLine line, string text, Range project)
    {
        var title = NoiseDetector.Cut(text[project]);
        var span = new SourceSpan(line.Start + project.Start.Value, project.End.Value - project.Start.Value);
        return new OutlineEntry(NodeKind.Task, null, title, title, span);
    }

    private static Range Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new Range(start, end);
    }

    private static bool StartsWithAny(string value, string[] prefixes) =>
        prefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal));

    private static bool EndsWithAny(string value, string[] suffixes) =>
        suffixes.Any(s => value.EndsWith(s, StringComparison.Ordinal));
}
