using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanTracker.Domain.Reporting;

/// <summary>
/// What a period is called, as fields: its kind, year and place in the year. The portal words it in the reader's
/// language; <see cref="Chinese"/> is the name Chinese documents use and the period's stored label.
/// </summary>
public readonly partial record struct PeriodName(PeriodKind Kind, int Year, int Sequence)
{
    private static readonly string[] QuarterNames = ["第一季度", "第二季度", "第三季度", "第四季度"];
    private static readonly string[] HalfNames = ["上半年", "下半年"];

    /// <summary>2013年度, 2013年上半年, 2013年第三季度.</summary>
    public string Chinese => Kind switch
    {
        PeriodKind.Annual => string.Create(CultureInfo.InvariantCulture, $"{Year}年度"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year}年{HalfNames[Sequence - 1]}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}年{QuarterNames[Sequence - 1]}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown period kind."),
    };

    /// <summary>
    /// The fields back from a stored label that <see cref="Chinese"/> wrote, for reads that carry only the label; false
    /// for a label written otherwise (shown as it is).
    /// </summary>
    public static bool TryParse(string? label, out PeriodName name)
    {
        name = default;
        var match = label is null ? null : Written().Match(label);
        if (match is null || !match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var rest = match.Groups["rest"].Value;
        if (rest == "度")
        {
            name = new(PeriodKind.Annual, year, 1);
            return true;
        }

        var half = Array.IndexOf(HalfNames, rest);
        if (half >= 0)
        {
            name = new(PeriodKind.HalfYear, year, half + 1);
            return true;
        }

        var quarter = Array.IndexOf(QuarterNames, rest);
        if (quarter >= 0)
        {
            name = new(PeriodKind.Quarter, year, quarter + 1);
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^(?<year>\d{4})年(?<rest>.+)$")]
    private static partial Regex Written();
}
