using System.Globalization;
using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// A reporting unit's status as a whole in one plan (docs/monitoring-rules.md, "Early warnings"): the mean of the
/// latest approved percents of its assignments that have one (capped at 100) against the mean of the percents their
/// spans expect on the day; behind by more than the plan's amber or red gap is amber or red, like a task. Grey while no
/// assignment has an approved percent. Report deadlines do not colour a unit (each late report already warns on its
/// assignment); the sentence counts the unit's red and amber assignments so the planner sees both.
/// </summary>
public static class UnitStatusRule
{
    public static UnitAssessment Assess(IReadOnlyCollection<TaskUnitStatusRow> assignments, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(thresholds);
        var judged = assignments.Where(a => a.Percent is not null).ToList();
        var red = assignments.Count(a => a.Colour == StatusColour.Red);
        var amber = assignments.Count(a => a.Colour == StatusColour.Amber);
        var counts = red + amber > 0 ? $"；其中红色预警{red}项、黄色预警{amber}项" : string.Empty;
        if (judged.Count == 0)
        {
            return new UnitAssessment(StatusColour.Grey, null, null, null, $"所承担的{assignments.Count}项任务尚无通过审核的进展报告{counts}。");
        }

        var percent = Round(judged.Average(a => Math.Min(100m, a.Percent!.Value)));
        var expected = Round(judged.Average(a => a.Expected));
        var gap = Round(expected - percent);
        var colour = gap > thresholds.RedGapPoints ? StatusColour.Red
            : gap > thresholds.AmberGapPoints ? StatusColour.Amber
            : StatusColour.Green;
        var comparison = gap > 0 ? $"滞后{Text(gap)}个百分点" : gap == 0 ? "与时间进度持平" : $"超前{Text(-gap)}个百分点";
        var reason = $"所承担的{assignments.Count}项任务中{judged.Count}项有通过审核的进展，平均进度{Text(percent)}%，按时间平均应达{Text(expected)}%，{comparison}{counts}。";
        return new UnitAssessment(colour, percent, expected, gap, reason);
    }

    private static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A unit's status: colour, mean percent, mean expected percent, gap (positive: behind) and the sentence.</summary>
public sealed record UnitAssessment(StatusColour Colour, decimal? Percent, decimal? Expected, decimal? Gap, string Reason);
