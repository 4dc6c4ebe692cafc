using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Features.Plans;

/// <summary>A run of text to show; <see cref="TaskId"/> is set where the run is a task, <see cref="IsMatch"/> where a search matched.</summary>
public sealed record TextSegment(string Text, int? TaskId = null, bool IsMatch = false, bool IsParagraphBreak = false);

/// <summary>Cuts a node's source text into runs so the page can mark the tasks in it and break paragraphs.</summary>
public static class TextSegments
{
    public static IReadOnlyList<TextSegment> MarkTasks(string text, int textStart, IEnumerable<(int TaskId, SourceSpan Span)> tasks)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        var cursor = 0;
        foreach (var (taskId, span) in tasks.OrderBy(t => t.Span.Start))
        {
            var start = span.Start - textStart;
            var end = span.End - textStart;
            if (start < cursor || end > text.Length)
            {
                continue; // overlapping or outside the shown text: show it unmarked rather than garbled
            }

            AddPlain(segments, text[cursor..start]);
            segments.Add(new TextSegment(text[start..end], TaskId: taskId));
            cursor = end;
        }

        AddPlain(segments, text[cursor..]);
        return segments;
    }

    public static IReadOnlyList<TextSegment> Snippet(string text, string query, int radius = 40)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(query, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return [new TextSegment(text.Length > radius * 2 ? text[..(radius * 2)] + "…" : text)];
        }

        var from = Math.Max(0, at - radius);
        var to = Math.Min(text.Length, at + query.Length + radius);
        var segments = new List<TextSegment>();
        segments.Add(new TextSegment((from > 0 ? "…" : string.Empty) + text[from..at]));
        segments.Add(new TextSegment(text.Substring(at, query.Length), IsMatch: true));
        segments.Add(new TextSegment(text[(at + query.Length)..to] + (to < text.Length ? "…" : string.Empty)));
        return segments;
    }

    /// <summary>Groups runs into paragraphs at the breaks, dropping empty paragraphs.</summary>
    public static IReadOnlyList<IReadOnlyList<TextSegment>> ToParagraphs(IEnumerable<TextSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var paragraphs = new List<List<TextSegment>> { new() };
        foreach (var segment in segments)
        {
            if (segment.IsParagraphBreak)
            {
                paragraphs.Add([]);
            }
            else
            {
                paragraphs[^1].Add(segment);
            }
        }

        return paragraphs.Where(p => p.Count > 0).ToList();
    }

    private static void AddPlain(List<TextSegment> segments, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                segments.Add(new TextSegment(string.Empty, IsParagraphBreak: true));
            }

            if (lines[i].Length > 0)
            {
                segments.Add(new TextSegment(lines[i]));
            }
        }
    }
}
