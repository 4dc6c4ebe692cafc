using System.Text.RegularExpressions;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads a boxed special column (专栏) and turns its body into tasks. The body runs over the paragraph lines after
/// the `专栏…` line up to the next heading of any level, the next column, the appendix or a table.
/// </summary>
internal static partial class SpecialColumnReader
{
    private const int MaxHeadingLength = 60;

    // A task title longer than this before the colon is a sentence with a colon in it, not `名称：说明`.
    private const int MaxTaskNameLength = 40;

    [GeneratedRegex(@"^专栏[ \u3000]*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})?(?:[ \u3000]*[：:]|[ \u3000]+)[ \u3000]*(\S.*)$")]
    private static partial Regex ColumnHeading();

    [GeneratedRegex(@"^(?:([0-9０-９]{1,3})[.．、](?![0-9０-９])|[（(]([0-9０-９]{1,3})[）)])[ \u3000]*")]
    private static partial Regex TaskNumber();

    public static (string? Number, string Title)? ReadHeading(string line)
    {
        if (line.Length > MaxHeadingLength || !line.StartsWith("专栏", StringComparison.Ordinal))
        {
            return null;
        }

        var match = ColumnHeading().Match(line);
        if (!match.Success || match.Groups[2].Value.Contains('。', StringComparison.Ordinal))
        {
            return null;
        }

        var number = match.Groups[1].Success ? match.Groups[1].Value : null;
        return (number, match.Groups[2].Value.Trim());
    }

    /// <summary>Reads the column whose heading is at <paramref name="index"/>; returns the index of the first line after it.</summary>
    public static int Read(IReadOnlyList<SourceLine> lines, int index, out OutlineEntry column)
    {
        var headingLine = lines[index];
        var (number, title) = ReadHeading(headingLine.Clean)!.Value;

        var body = new List<SourceLine>();
        var next = index + 1;
        while (next < lines.Count && (lines[next].IsBlank || IsTaskLine(lines[next]) || !LineKinds.StartsBlock(lines[next].Clean)))
        {
            if (!lines[next].IsBlank)
            {
                body.Add(lines[next]);
            }

            next++;
        }

        var bodyText = string.Join('\n', body.Select(l => l.Clean));
        column = new OutlineEntry(NodeKind.SpecialColumn, number, title, bodyText, headingLine.Span);
        column.Children.AddRange(ReadTasks(body));
        return next;
    }

    private static bool IsTaskLine(SourceLine line) => ReadNumberedTask(line) is not null;

    private static List<OutlineEntry> ReadTasks(List<SourceLine> body)
    {
        var tasks = new List<OutlineEntry>();
        NumberedTask? current = null;
        foreach (var line in body)
        {
            if (ReadNumberedTask(line) is { } task)
            {
                Flush();
                current = new NumberedTask(line, task.Number, task.Title, [task.Text]);
            }
            else if (current is not null)
            {
                // An unnumbered line after a numbered project continues its description.
                current.Last = line;
                current.Text.Add(line.Clean);
            }
            else
            {
                tasks.AddRange(ProjectListSplitter.Split(line));
            }
        }

        Flush();
        return tasks;

        void Flush()
        {
            if (current is not null)
            {
                tasks.Add(new OutlineEntry(
                    NodeKind.Task,
                    current.Number,
                    current.Title,
                    string.Join('\n', current.Text),
                    new(current.First.Start, current.Last.End - current.First.Start)));
                current = null;
            }
        }
    }

    private sealed class NumberedTask(SourceLine first, string number, string title, List<string> text)
    {
        public SourceLine First { get; } = first;

        public SourceLine Last { get; set; } = first;

        public string Number { get; } = number;

        public string Title { get; } = title;

        public List<string> Text { get; } = text;
    }

    /// <summary>`1.楚天文物平安工程:实施…` → ("1", "楚天文物平安工程", "实施…").</summary>
    private static (string Number, string Title, string Text)? ReadNumberedTask(SourceLine line)
    {
        var match = TaskNumber().Match(line.Clean);
        if (!match.Success)
        {
            return null;
        }

        var rest = line.Clean[match.Length..];
        var colon = rest.IndexOfAny(['：', ':']);
        if (colon <= 0 || colon > MaxTaskNameLength)
        {
            return null;
        }

        var number = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        return (number, rest[..colon].Trim(), rest[(colon + 1)..].Trim());
    }
}
