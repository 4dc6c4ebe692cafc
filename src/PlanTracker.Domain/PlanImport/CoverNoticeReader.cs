using System.Text.RegularExpressions;

namespace PlanTracker.Domain.PlanImport;

/// <summary>What the lines before the first chapter say about the plan, and which of them are plan text (preamble).</summary>
internal sealed record CoverNotice(
    string Title,
    string? DocumentNumber,
    string? Issuer,
    DateOnly? IssueDate,
    int? StartYear,
    int? EndYear,
    IReadOnlyList<SourceLine> Preamble);

/// <summary>
/// Reads the front matter: the plan's title, and the 印发通知 wrapped around it — `关于印发…的通知`, the document number,
/// the recipients and body, the signature with issuer and date, and the title repeated above the plan itself.
/// None of the notice is plan text; what follows the repeated title (or the title, without a notice) is the preamble.
/// </summary>
internal static partial class CoverNoticeReader
{
    private const int MaxTitleLength = 80;
    private const int MaxShortLineLength = 60;

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{1,12}[ \u3000]?[〔\[（(【][ \u3000]?\d{4}[ \u3000]?[〕\]）)】][ \u3000]?\d{1,5}[ \u3000]?号")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex("规划|纲要|计划|方案")]
    private static partial Regex PlanWord();

    // One or more organisations separated by spaces or 、, each ending the way an issuing body's name ends.
    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}（）()]{1,30}(?:部|厅|局|委|委员会|院|办公室|办公厅|政府|中心|协会)(?:[ \u3000、]{1,4}[\p{IsCJKUnifiedIdeographs}（）()]{1,30}(?:部|厅|局|委|委员会|院|办公室|办公厅|政府|中心|协会))*$")]
    private static partial Regex Organisations();

    public static CoverNotice Read(IReadOnlyList<SourceLine> front)
    {
        var lines = front.Where(l => !l.IsBlank).ToList();
        var titleIndex = lines.FindIndex(l => IsPlanTitle(l.Clean));
        if (titleIndex < 0 && lines.Count > 0 && lines[0].Clean.Length <= MaxTitleLength)
        {
            titleIndex = 0;
        }

        var title = titleIndex < 0 ? string.Empty : lines[titleIndex].Clean;
        var repeatIndex = titleIndex < 0 ? -1 : lines.FindLastIndex(l => l != lines[titleIndex] && SameTitle(l.Clean, title));

        // With the title repeated, everything between the two titles is the notice; without it, only lines that look
        // like parts of a notice are, and the rest is preamble.
        var noticeEnd = Math.Max(repeatIndex, titleIndex);
        var notice = lines.Take(noticeEnd + 1).Where((_, i) => i != titleIndex && i != repeatIndex).ToList();
        var preamble = new List<SourceLine>();
        foreach (var line in lines.Skip(noticeEnd + 1))
        {
            if (repeatIndex < 0 && IsNoticeLine(line.Clean))
            {
                notice.Add(line);
            }
            else
            {
                preamble.Add(line);
            }
        }

        var (issuer, date) = ReadSignature(notice);
        var period = PlanPeriodReader.Read(title);
        return new CoverNotice(
            title,
            ReadDocumentNumber(notice),
            issuer,
            date,
            period?.Start,
            period?.End,
            preamble);
    }

    private static bool IsPlanTitle(string line) =>
        line.Length <= MaxTitleLength
        && PlanWord().IsMatch(line)
        && !line.StartsWith("关于", StringComparison.Ordinal)
        && !line.Contains('。', StringComparison.Ordinal)
        && !line.Contains('，', StringComparison.Ordinal);

    private static bool SameTitle(string line, string title) =>
        line.Length <= MaxTitleLength && Bare(line) == Bare(title);

    private static string Bare(string title) =>
        string.Concat(title.Where(c => !char.IsWhiteSpace(c) && c is not ('“' or '”' or '"' or '《' or '》')));

    private static bool IsNoticeLine(string line) =>
        (line.StartsWith("关于", StringComparison.Ordinal) && line.EndsWith("通知", StringComparison.Ordinal))
        || (line.Length <= MaxShortLineLength && DocumentNumber().IsMatch(line) && !line.Contains('。', StringComparison.Ordinal))
        || IsSignature(line)
        || IsOrganisations(line)
        || line.Contains("特此通知", StringComparison.Ordinal)
        || line.Contains("印发给你们", StringComparison.Ordinal);

    private static bool IsSignature(string line) =>
        line.Length <= MaxShortLineLength && !line.Contains('。', StringComparison.Ordinal) && ChineseDateReader.TryFind(line, out _, out _);

    private static bool IsOrganisations(string line) => line.Length <= MaxShortLineLength && Organisations().IsMatch(line);

    private static string? ReadDocumentNumber(List<SourceLine> notice)
    {
        // A line that is (nearly) only the number is the plan's own; a number inside the body may cite another document.
        var own = notice.FirstOrDefault(l => l.Clean.Length <= MaxShortLineLength && DocumentNumber().IsMatch(l.Clean));
        var line = own ?? notice.FirstOrDefault(l => DocumentNumber().IsMatch(l.Clean));
        return line is null ? null : DocumentNumber().Match(line.Clean).Value;
    }

    /// <summary>`科学技术部二Ｏ一二年一月二十九日` → (科学技术部, 2012-01-29); a date alone takes the issuer from the line above.</summary>
    private static (string? Issuer, DateOnly? Date) ReadSignature(List<SourceLine> notice)
    {
        for (var i = notice.Count - 1; i >= 0; i--)
        {
            var line = notice[i].Clean;
            if (!IsSignature(line) || !ChineseDateReader.TryFind(line, out var date, out var index))
            {
                continue;
            }

            var issuer = line[..index].Trim();
            if (issuer.Length == 0 && i > 0 && IsOrganisations(notice[i - 1].Clean))
            {
                issuer = notice[i - 1].Clean;
            }

            return (issuer.Length == 0 ? null : issuer, date);
        }

        var organisations = notice.FirstOrDefault(l => IsOrganisations(l.Clean));
        return (organisations?.Clean, null);
    }
}
