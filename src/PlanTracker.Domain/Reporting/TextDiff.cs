namespace PlanTracker.Domain.Reporting;

/// <summary>Whether a run of text is in both versions, only in the later one, or only in the earlier one.</summary>
public enum DiffKind
{
    Same,
    Inserted,
    Deleted,
}

/// <summary>A run of text of one kind. Plain text: whoever shows it encodes it.</summary>
public sealed record DiffRun(DiffKind Kind, string Text);

/// <summary>
/// The difference between two narratives, for a planner comparing two submissions. Chinese prose has no spaces to
/// split words at, so the text is first cut into sentences (after 。；！？ and line breaks) and the sentences are
/// matched by longest common subsequence; where a run of sentences was rewritten, the changed sentences are matched
/// again character by character, so a changed figure inside a sentence shows as just that figure.
/// </summary>
public static class TextDiff
{
    /// <summary>Beyond this many cells the character comparison of a rewritten block is not tried: it shows as deleted and inserted whole.</summary>
    public const int MaxCharacterCells = 250_000;

    private static readonly char[] SentenceEnds = ['。', '；', '！', '？', ';', '!', '?', '\n'];

    public static IReadOnlyList<DiffRun> Compare(string? before, string? after)
    {
        var runs = new List<DiffRun>();
        var a = Sentences(before ?? string.Empty);
        var b = Sentences(after ?? string.Empty);
        var deleted = new List<string>();
        var inserted = new List<string>();
        foreach (var (kind, text) in Lcs(a, b, StringComparer.Ordinal))
        {
            if (kind == DiffKind.Deleted)
            {
                deleted.Add(text);
            }
            else if (kind == DiffKind.Inserted)
            {
                inserted.Add(text);
            }
            else
            {
                Flush(runs, deleted, inserted);
                Add(runs, DiffKind.Same, text);
            }
        }

        Flush(runs, deleted, inserted);
        return runs;
    }

    /// <summary>Whether the two texts differ at all (blank and missing are the same).</summary>
    public static bool Differs(string? before, string? after) =>
        !string.Equals(before ?? string.Empty, after ?? string.Empty, StringComparison.Ordinal);

    /// <summary>The text cut after each sentence end; the pieces put together give the text back.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(SentenceEnds, start);
            var length = end < 0 ? text.Length - start : end - start + 1;
            pieces.Add(text.Substring(start, length));
            start += length;
        }

        return pieces;
    }

    /// <summary>A rewritten block: compared character by character when small enough, else deleted and inserted whole.</summary>
    private static void Flush(List<DiffRun> runs, List<string> deleted, List<string> inserted)
    {
        var before = string.Concat(deleted);
        var after = string.Concat(inserted);
        deleted.Clear();
        inserted.Clear();
        if (before.Length > 0 && after.Length > 0 && (long)before.Length * after.Length <= MaxCharacterCells)
        {
            var chars = Lcs(before.Select(c => c.ToString()).ToList(), after.Select(c => c.ToString()).ToList(), StringComparer.Ordinal);
            foreach (var (kind, text) in chars)
            {
                Add(runs, kind, text);
            }

            return;
        }

        Add(runs, DiffKind.Deleted, before);
        Add(runs, DiffKind.Inserted, after);
    }

    /// <summary>Appends text, joining it to the last run when of the same kind.</summary>
    private static void Add(List<DiffRun> runs, DiffKind kind, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (runs.Count > 0 && runs[^1].Kind == kind)
        {
            runs[^1] = runs[^1] with { Text = runs[^1].Text + text };
        }
        else
        {
            runs.Add(new DiffRun(kind, text));
        }
    }

    /// <summary>
    /// Longest common subsequence of two lists, as the steps that turn the first into the second. A common head and
    /// tail are taken off first, so a small change in a long text costs little; deletions come before insertions.
    /// </summary>
    private static List<(DiffKind Kind, string Text)> Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b, StringComparer comparer)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && comparer.Equals(a[head], b[head]))
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && comparer.Equals(a[a.Count - 1 - tail], b[b.Count - 1 - tail]))
        {
            tail++;
        }

        var n = a.Count - head - tail;
        var m = b.Count - head - tail;

        // lengths[i, j]: the LCS of a[head + i ..] and b[head + j ..] (the middle parts only).
        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lengths[i, j] = comparer.Equals(a[head + i], b[head + j])
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var steps = new List<(DiffKind, string)>(a.Count + b.Count);
        for (var k = 0; k < head; k++)
        {
            steps.Add((DiffKind.Same, a[k]));
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && comparer.Equals(a[head + x], b[head + y]))
            {
                steps.Add((DiffKind.Same, a[head + x]));
                x++;
                y++;
            }
            else if (x < n && (y == m || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                steps.Add((DiffKind.Deleted, a[head + x]));
                x++;
            }
            else
            {
                steps.Add((DiffKind.Inserted, b[head + y]));
                y++;
            }
        }

        for (var k = a.Count - tail; k < a.Count; k++)
        {
            steps.Add((DiffKind.Same, a[k]));
        }

        return steps;
    }
}
