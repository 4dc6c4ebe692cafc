using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads a plan's period from its title: an explicit `2021—2025年`, or the five-year plan it belongs to
/// (“十二五” → 2011–2015). Five-year plans have run in step since the third (1966–1970), so the Nth starts in
/// 1966 + 5·(N − 3): 十一五 2006, 十三五 2016, 十四五 2021, 十五五 2026.
/// </summary>
internal static partial class PlanPeriodReader
{
    private const int ThirdPlanStart = 1966;

    [GeneratedRegex(@"(\d{4})[ \u3000]?年?[ \u3000]?[—–\-－~～至到]{1,2}[ \u3000]?(\d{4})[ \u3000]?年")]
    private static partial Regex ExplicitYears();

    // Quoted (“十二五”) or followed by a word that only follows a plan name, so 十五 in other text is not read.
    [GeneratedRegex(@"[“""‘]((?:十[一二三四五六七八九]?)|[三四五六七八九])五[”""’]|(十[一二三四五六七八九]?)五(?=规划|时期|期间|发展)")]
    private static partial Regex FiveYearPlanName();

    public static (int Start, int End)? Read(string title)
    {
        if (ExplicitYears().Match(title) is { Success: true } years)
        {
            var start = int.Parse(years.Groups[1].Value, CultureInfo.InvariantCulture);
            var end = int.Parse(years.Groups[2].Value, CultureInfo.InvariantCulture);
            if (start <= end)
            {
                return (start, end);
            }
        }

        if (FiveYearPlanName().Match(title) is { Success: true } name)
        {
            var ordinal = name.Groups[1].Success ? name.Groups[1].Value : name.Groups[2].Value;
            if (ChineseDateReader.ReadCounted(ordinal) is { } n && n >= 3)
            {
                var start = ThirdPlanStart + (5 * (n - 3));
                return (start, start + 4);
            }
        }

        return null;
    }
}
