using System.Globalization;
using System.Text;

namespace PlanTracker.Domain.Indicators;

/// <summary>
/// A value as a plan writes it (`≥50`, `＞10`, `40—45`, `3-5`, `新增一批`, `—`), kept verbatim in <see cref="Text"/>
/// and parsed into a comparison and bounds where it has numbers. For AtLeast/GreaterThan only <see cref="Lower"/> is set,
/// for AtMost/LessThan only <see cref="Upper"/>, for Exactly both are the same number.
/// </summary>
public sealed record StatedValue(string Text, TargetComparison Comparison, decimal? Lower, decimal? Upper)
{
    // Longer words first: 不低于 must win over 低于, 不超过 over 超过.
    private static readonly (string Word, TargetComparison Comparison)[] PrefixWords =
    [
        (">=", TargetComparison.AtLeast),
        ("≥", TargetComparison.AtLeast),
        ("不低于", TargetComparison.AtLeast),
        ("不少于", TargetComparison.AtLeast),
        ("至少", TargetComparison.AtLeast),
        ("<=", TargetComparison.AtMost),
        ("≤", TargetComparison.AtMost),
        ("不高于", TargetComparison.AtMost),
        ("不超过", TargetComparison.AtMost),
        ("不多于", TargetComparison.AtMost),
        ("至多", TargetComparison.AtMost),
        (">", TargetComparison.GreaterThan),
        ("超过", TargetComparison.GreaterThan),
        ("大于", TargetComparison.GreaterThan),
        ("高于", TargetComparison.GreaterThan),
        ("多于", TargetComparison.GreaterThan),
        ("<", TargetComparison.LessThan),
        ("低于", TargetComparison.LessThan),
        ("小于", TargetComparison.LessThan),
        ("少于", TargetComparison.LessThan),
    ];

    /// <summary>
    /// Parses a value written in a plan. Never throws: what it cannot read becomes Qualitative.
    /// A number may carry a unit after it (`50%`, `18家`); the number is taken as written, not scaled (`1.44亿` is 1.44).
    /// </summary>
    public static StatedValue Parse(string? text)
    {
        var written = text?.Trim() ?? string.Empty;
        var value = Normalise(written);
        if (value.Length == 0 || IsOnlyDashes(value))
        {
            return new StatedValue(written, TargetComparison.None, null, null);
        }

        var numbers = FindNumbers(value);
        if (numbers.Count == 0 || numbers.Count > 2)
        {
            return Qualitative(written);
        }

        var first = numbers[0];
        var last = numbers[^1];
        var before = value[..first.Start];
        var after = value[(last.Start + last.Length)..].Trim();

        if (numbers.Count == 2)
        {
            var between = value[(first.Start + first.Length)..last.Start].Trim();
            if (between.Length == 0 || !IsRangeSeparator(between) || before.Trim().Length > 0 && ComparisonIn(before) is not null)
            {
                return Qualitative(written);
            }

            return TryNumber(first, out var low) && TryNumber(last, out var high)
                ? new StatedValue(written, TargetComparison.Range, Math.Min(low, high), Math.Max(low, high))
                : Qualitative(written);
        }

        if (!TryNumber(first, out var number))
        {
            return Qualitative(written);
        }

        // A lone leading minus is a sign, not a "no value" dash.
        if (before.EndsWith('-') && before.Trim() == "-")
        {
            number = -number;
            before = string.Empty;
        }

        var comparison = ComparisonIn(before) ?? SuffixComparison(after) ?? TargetComparison.Exactly;
        return comparison switch
        {
            TargetComparison.AtLeast or TargetComparison.GreaterThan => new StatedValue(written, comparison, number, null),
            TargetComparison.AtMost or TargetComparison.LessThan => new StatedValue(written, comparison, null, number),
            _ => new StatedValue(written, TargetComparison.Exactly, number, number),
        };
    }

    private static StatedValue Qualitative(string written) => new(written, TargetComparison.Qualitative, null, null);

    private static TargetComparison? ComparisonIn(string before)
    {
        foreach (var (word, comparison) in PrefixWords)
        {
            if (before.Contains(word, StringComparison.Ordinal))
            {
                return comparison;
            }
        }

        return null;
    }

    private static TargetComparison? SuffixComparison(string after) =>
        after.EndsWith("以上", StringComparison.Ordinal) ? TargetComparison.AtLeast
        : after.EndsWith("以下", StringComparison.Ordinal) || after.EndsWith("以内", StringComparison.Ordinal) ? TargetComparison.AtMost
        : null;

    private static bool IsOnlyDashes(string value) => value.All(c => c is '-' or '—' or '–' or '―' or '/');

    private static bool IsRangeSeparator(string between) =>
        between is "至" or "到" || between.All(c => c is '-' or '—' or '–' or '―' or '~');

    private readonly record struct NumberToken(int Start, int Length, string Digits);

    private static List<NumberToken> FindNumbers(string value)
    {
        var numbers = new List<NumberToken>();
        var i = 0;
        while (i < value.Length)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var digits = new StringBuilder();
            while (i < value.Length)
            {
                var c = value[i];
                if (char.IsAsciiDigit(c))
                {
                    digits.Append(c);
                }
                else if (c == '.' && i + 1 < value.Length && char.IsAsciiDigit(value[i + 1]) && !digits.ToString().Contains('.', StringComparison.Ordinal))
                {
                    digits.Append(c);
                }
                else if (c == ',' && i + 3 < value.Length && char.IsAsciiDigit(value[i + 1]) && char.IsAsciiDigit(value[i + 2]) && char.IsAsciiDigit(value[i + 3]))
                {
                    // Thousands separator (10,000): part of the number, not a list.
                }
                else
                {
                    break;
                }

                i++;
            }

            numbers.Add(new NumberToken(start, i - start, digits.ToString()));
        }

        return numbers;
    }

    private static bool TryNumber(NumberToken token, out decimal number) =>
        decimal.TryParse(token.Digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

    /// <summary>Folds full-width digits and signs into ASCII so one set of rules reads both.</summary>
    private static string Normalise(string written)
    {
        var builder = new StringBuilder(written.Length);
        foreach (var c in written)
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                '，' => ',',
                '％' => '%',
                '＞' => '>',
                '＜' => '<',
                '＝' => '=',
                '＋' => '+',
                '－' or '−' => '-',
                '～' or '〜' => '~',
                '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString().Trim();
    }
}
