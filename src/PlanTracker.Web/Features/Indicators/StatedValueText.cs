using System.Globalization;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Indicators;

namespace PlanTracker.Web.Features.Indicators;

/// <summary>How the portal understood a value as written: `≥50` → 不低于50, `3-5` → 3至5, `新增一批` → 定性目标.</summary>
public static class StatedValueText
{
    public static string Understood(StatedValue? value, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (value is null)
        {
            return localizer["StatedValue.None"].Value;
        }

        return value.Comparison switch
        {
            TargetComparison.Exactly or TargetComparison.AtLeast or TargetComparison.GreaterThan =>
                localizer["StatedValue." + value.Comparison, Number(value.Lower)].Value,
            TargetComparison.AtMost or TargetComparison.LessThan => localizer["StatedValue." + value.Comparison, Number(value.Upper)].Value,
            TargetComparison.Range => localizer["StatedValue.Range", Number(value.Lower), Number(value.Upper)].Value,
            _ => localizer["StatedValue." + value.Comparison].Value,
        };
    }

    /// <summary>`≥50 → 不低于50`; just the reading when nothing was written.</summary>
    public static string WrittenAndUnderstood(StatedValue? value, IStringLocalizer localizer) =>
        value is null || value.Text.Length == 0 ? Understood(value, localizer) : $"{value.Text} → {Understood(value, localizer)}";

    private static string Number(decimal? number) => number?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty;
}
