using System.Text;
using System.Text.RegularExpressions;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Recognises what web copies glue onto plan text: stock tickers such as `(7.13,0.13,1.86%)` or `(+1.86%)` — numbers
/// in ASCII parentheses separated by ASCII commas, or a signed percentage, which no Chinese plan writes (plans use
/// full-width punctuation) — and
/// `# ` comment lines added by whoever saved the file.
/// </summary>
internal static partial class NoiseDetector
{
    internal readonly record struct NoiseCut(int Index, string Noise);

    // Bounded repetitions keep this linear on megabytes of junk.
    [GeneratedRegex(@"\([ ]{0,3}[+-]?\d{1,12}(?:\.\d{1,12})?%?(?:[ ]{0,3},[ ]{0,3}[+-]?\d{1,12}(?:\.\d{1,12})?%?){1,8}[ ]{0,3}\)|\([ ]{0,3}[+-]\d{1,12}(?:\.\d{1,12})?%[ ]{0,3}\)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericTuple();

    public static bool IsComment(string trimmedLine) =>
        trimmedLine == "#" || trimmedLine.StartsWith("# ", StringComparison.Ordinal);

    /// <summary>The line without its noise; <paramref name="cuts"/> says what was cut and where (in the original line).</summary>
    public static string Cut(string line, out List<NoiseCut> cuts)
    {
        cuts = [];
        if (line.IndexOf('(', StringComparison.Ordinal) < 0)
        {
            return line;
        }

        var builder = new StringBuilder(line.Length);
        var copied = 0;
        foreach (Match match in NumericTuple().Matches(line))
        {
            cuts.Add(new NoiseCut(match.Index, match.Value));
            builder.Append(line, copied, match.Index - copied);
            copied = match.Index + match.Length;
        }

        if (cuts.Count == 0)
        {
            return line;
        }

        builder.Append(line, copied, line.Length - copied);
        return builder.ToString().Trim();
    }

    /// <summary>The line without its noise, when the caller needs no report (it was reported when the line was read).</summary>
    public static string Cut(string text) => Cut(text, out _);

    public static string Describe(int lineNumber, NoiseCut cut, bool isHeading, int lineLength)
    {
        var atEnd = cut.Index + cut.Noise.Length == lineLength;
        var where = (isHeading, atEnd) switch
        {
            (true, true) => "标题末尾的",
            (true, false) => "标题中的",
            (false, true) => "段落末尾的",
            (false, false) => "段落中的",
        };
        return $"第{lineNumber}行：{where}“{cut.Noise}”不是规划正文，已删除";
    }
}
