using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Monitoring;

/// <summary>
/// A task's status, computed never typed: the share of its span elapsed at "as of" against its latest approved percent,
/// and the state of the report the unit owes. Deterministic: the caller passes the day.
/// </summary>
public static class TaskStatusRules
{
    /// <summary>
    /// The percent a task should have reached on <paramref name="asOf"/>: the elapsed share of its span,
    /// (asOf − start) / (end − start), clamped to 0–100. A one-day span expects 100% from its day on.
    /// </summary>
    public static decimal ExpectedPercent(TaskSpan span, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (asOf < span.StartsOn)
        {
            return 0m;
        }

        var length = span.EndsOn.DayNumber - span.StartsOn.DayNumber;
        if (length == 0)
        {
            return 100m;
        }

        var elapsed = asOf.DayNumber - span.StartsOn.DayNumber;
        return Figures.Percent(Figures.Clamp(100m * elapsed / length));
    }

    public static TaskAssessment Assess(TaskFacts facts, DateOnly asOf, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        thresholds.EnsureValid();

        var expected = ExpectedPercent(facts.Span, asOf);
        var latest = facts.Latest;
        var percent = latest?.PercentComplete is { } p ? Figures.Percent(p) : (decimal?)null;

        if (percent >= 100m || percent is null && latest?.UnitSays == TaskProgress.Completed)
        {
            // A finished task owes nothing more: report deadlines no longer colour it.
            return new TaskAssessment(TaskCondition.Completed, StatusColour.Green, expected, percent ?? 100m, null, null, null, "已完成。", null);
        }

        if (percent is null && asOf < facts.Span.StartsOn)
        {
            return new TaskAssessment(
                TaskCondition.NotYetStarted, StatusColour.Grey, expected, null, null, null, null,
                $"计划于{Figures.Date(facts.Span.StartsOn)}开始，尚未到开始时间。", null);
        }

        var (condition, progressColour, gap, progressReason) = ByProgress(expected, percent, thresholds);
        var (reportColour, overdueDays, returnedDays, reportReason) = ByReport(facts.CurrentReport, asOf, thresholds);

        var reasons = reportReason is null ? [progressReason] : new[] { progressReason, reportReason };
        return new TaskAssessment(
            condition,
            StatusColours.Worse(progressColour, reportColour),
            expected,
            percent,
            gap,
            overdueDays,
            returnedDays,
            Figures.OneSentence(reasons),
            DisagreementOf(latest?.UnitSays, progressColour, gap));
    }

    private static (TaskCondition, StatusColour, decimal?, string) ByProgress(decimal expected, decimal? percent, MonitoringThresholds thresholds)
    {
        if (percent is not { } actual)
        {
            return (TaskCondition.NoData, StatusColour.Grey, null, "尚无通过审核的进展报告。");
        }

        var gap = Figures.Percent(expected - actual);
        var head = $"进度{Figures.Text(actual)}%，按时间应达{Figures.Text(expected)}%";
        if (gap < 0)
        {
            return (TaskCondition.Ahead, StatusColour.Green, gap, $"{head}，超前{Figures.Text(-gap)}个百分点。");
        }

        if (gap == 0)
        {
            return (TaskCondition.OnTrack, StatusColour.Green, gap, $"{head}，与时间进度持平。");
        }

        var behind = $"{head}，滞后{Figures.Text(gap)}个百分点。";
        return gap > thresholds.RedGapPoints ? (TaskCondition.Behind, StatusColour.Red, gap, behind)
            : gap > thresholds.AmberGapPoints ? (TaskCondition.Behind, StatusColour.Amber, gap, behind)
            : (TaskCondition.OnTrack, StatusColour.Green, gap, behind);
    }

    private static (StatusColour, int?, int?, string?) ByReport(ReportDeadline? report, DateOnly asOf, MonitoringThresholds thresholds)
    {
        if (report is null)
        {
            return (StatusColour.Grey, null, null, null);
        }

        if (report.Status == ReportStatus.Returned)
        {
            var days = report.ReturnedOn is { } returnedOn ? Math.Max(0, asOf.DayNumber - returnedOn.DayNumber) : 0;
            var colour = days > thresholds.ReturnedRedDays ? StatusColour.Red : StatusColour.Amber;
            var reason = days == 0 ? "报告已被退回，尚未重新报送。" : $"报告退回已{days}天，尚未重新报送。";
            return (colour, null, days, reason);
        }

        var unsent = report.Status is null or ReportStatus.Draft;
        var overdue = asOf.DayNumber - report.DueOn.DayNumber;
        if (unsent && overdue > 0)
        {
            var colour = overdue > thresholds.OverdueRedDays ? StatusColour.Red : StatusColour.Amber;
            return (colour, overdue, null, $"报告已逾期{overdue}天。");
        }

        return (StatusColour.Grey, null, null, null);
    }

    private static string? DisagreementOf(TaskProgress? unitSays, StatusColour progressColour, decimal? gap)
    {
        if (unitSays is not (TaskProgress.OnTrack or TaskProgress.Completed) || progressColour is not (StatusColour.Amber or StatusColour.Red) || gap is null)
        {
            return null;
        }

        var words = unitSays == TaskProgress.Completed ? "已完成" : "进展顺利";
        return $"单位自评{words}，但按时间测算滞后{Figures.Text(gap.Value)}个百分点，请核实。";
    }
}
