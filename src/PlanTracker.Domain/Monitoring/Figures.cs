using System.Globalization;

namespace PlanTracker.Domain.Monitoring;

/// <summary>How figures are rounded and written in the status sentences, so the sentence and the colour always agree.</summary>
internal static class Figures
{
    /// <summary>Percentages (progress, time share, gaps) are judged and shown to one decimal place.</summary>
    public static decimal Percent(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>Indicator values (expected, projected) keep two decimals.</summary>
    public static decimal Value(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static decimal Clamp(decimal value) => Math.Clamp(value, 0m, 100m);

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>Joins sentences into one: the full stops inside become semicolons.</summary>
    public static string OneSentence(IEnumerable<string> parts) =>
        string.Join("；", parts.Select(p => p.TrimEnd('。'))) + "。";
}
