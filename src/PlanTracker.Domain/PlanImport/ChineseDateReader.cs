using System.Text.RegularExpressions;

namespace PlanTracker.Domain.PlanImport;

/// <summary>
/// Reads dates as notices write them: `二Ｏ一二年一月二十九日` (year digit by digit, with 〇, ○, Ｏ, O or 零 for zero;
/// month and day as counted numbers) and also `2012年1月29日`.
/// </summary>
internal static partial class ChineseDateReader
{
    [GeneratedRegex(@"([〇○ＯOo零0-9０-９一二三四五六七八九]{4})[ \u3000]?年[ \u3000]?([0-9０-９一二三四五六七八九十]{1,3})[ \u3000]?月[ \u3000]?([0-9０-９一二三四五六七八九十]{1,3})[ \u3000]?日")]
    private static partial Regex WrittenDate();

    /// <summary>Finds the first valid date in <paramref name="line"/>; <paramref name="index"/> is where it starts.</summary>
    public static bool TryFind(string line, out DateOnly date, out int index)
    {
        foreach (Match match in WrittenDate().Matches(line))
        {
            var year = ReadYear(match.Groups[1].Value);
            var month = ReadCounted(match.Groups[2].Value);
            var day = ReadCounted(match.Groups[3].Value);
            if (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year.Value, month.Value))
            {
                date = new DateOnly(year.Value, month.Value, day.Value);
                index = match.Index;
                return true;
            }
        }

        date = default;
        index = -1;
        return false;
    }

    private static int? Digit(char c) => c switch
    {
        '〇' or '○' or 'Ｏ' or 'O' or 'o' or '零' => 0,
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        _ => "一二三四五六七八九".IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? i + 1 : null,
    };

    private static int? ReadYear(string digits)
    {
        var year = 0;
        foreach (var c in digits)
        {
            if (Digit(c) is not { } d)
            {
                return null;
            }

            year = (year * 10) + d;
        }

        return year;
    }

    /// <summary>`十` 10, `十二` 12, `二十` 20, `二十九` 29, `3` 3, `１２` 12.</summary>
    internal static int? ReadCounted(string written)
    {
        var ten = written.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return ReadYear(written);
        }

        if (written.IndexOf('十', ten + 1) >= 0 || ten > 1)
        {
            return null;
        }

        var tens = ten == 0 ? 1 : Digit(written[0]);
        var ones = ten == written.Length - 1 ? 0 : ReadYear(written[(ten + 1)..]);
        return tens is null || ones is null || ones > 9 ? null : (tens * 10) + ones;
    }
}
