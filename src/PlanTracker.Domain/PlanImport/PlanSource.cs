namespace PlanTracker.Domain.PlanImport;

/// <summary>Turns the raw text into the one form every offset refers to, and into lines.</summary>
internal static class PlanSource
{
    /// <summary>
    /// The importer's only normalisation: a leading BOM dropped and CRLF turned into LF. Nothing else changes,
    /// because the stored text must be exactly the text the spans point into.
    /// </summary>
    public static string Normalise(string text)
    {
        var withoutBom = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        return withoutBom.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits into lines. Comment lines (`# …`, left by whoever copied the text) come back blank and are reported;
    /// noise is cut from each line once here so it is reported once, whatever later reads the line.
    /// </summary>
    public static List<SourceLine> ReadLines(string normalised, List<ImportWarning> warnings)
    {
        var lines = new List<SourceLine>();
        var lineStart = 0;
        var number = 1;
        while (lineStart <= normalised.Length)
        {
            var newline = normalised.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? normalised.Length : newline;
            lines.Add(ReadLine(normalised, number, lineStart, lineEnd, warnings));
            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
            number++;
        }

        return lines;
    }

    private static SourceLine ReadLine(string text, int number, int start, int end, List<ImportWarning> warnings)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var trimmed = text[start..end];
        if (NoiseDetector.IsComment(trimmed))
        {
            warnings.Add(new ImportWarning(number, $"第{number}行：以“#”开头的注释行不是规划正文，已跳过"));
            return new SourceLine(number, start, string.Empty, string.Empty);
        }

        var clean = NoiseDetector.Cut(trimmed, out var cuts);
        if (cuts.Count > 0)
        {
            var isHeading = LineKinds.StartsBlock(clean);
            foreach (var cut in cuts)
            {
                warnings.Add(new ImportWarning(number, NoiseDetector.Describe(number, cut, isHeading, trimmed.Length)));
            }
        }

        return new SourceLine(number, start, trimmed, clean);
    }
}
