using PlanTracker.Domain.Indicators;

namespace PlanTracker.Domain.Monitoring;

/// <summary>
/// An indicator's status, computed never typed, in the words of Chinese plan evaluations:
/// 完成进度 = (实际 − 基期) / (目标 − 基期) against 时序进度 = the elapsed share of the baseline-to-target years,
/// with a straight-line projection to the target year. Deterministic: the caller passes the as-of year.
/// </summary>
public static class IndicatorStatusRules
{
    public static string Chinese(IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.NoData => "暂无数据",
        IndicatorVerdict.NotQuantifiable => "无法量化评价",
        IndicatorVerdict.AlreadyMet => "提前实现",
        IndicatorVerdict.AheadOfSchedule => "快于预期",
        IndicatorVerdict.OnSchedule => "基本符合预期",
        IndicatorVerdict.Behind => "滞后",
        IndicatorVerdict.Met => "已实现",
        IndicatorVerdict.Missed => "未实现",
        _ => verdict.ToString(),
    };

    /// <summary>时序进度 in a year: (year − baseline year) / (target year − baseline year), clamped to 0–100.</summary>
    public static decimal TimePercent(int baselineYear, int targetYear, int year)
    {
        if (year <= baselineYear)
        {
            return 0m;
        }

        if (year >= targetYear)
        {
            return 100m;
        }

        return Figures.Percent(100m * (year - baselineYear) / (targetYear - baselineYear));
    }

    /// <summary>
    /// The number the straight line heads for: the value, the floor or the ceiling; for a range the bound nearer the
    /// baseline (the baseline itself when it already lies inside). Null for text targets.
    /// </summary>
    public static decimal? GoalValue(StatedValue target, decimal? baseline)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Comparison switch
        {
            TargetComparison.Exactly or TargetComparison.AtLeast or TargetComparison.GreaterThan => target.Lower,
            TargetComparison.AtMost or TargetComparison.LessThan => target.Upper,
            TargetComparison.Range when baseline is null => target.Lower,
            TargetComparison.Range => baseline < target.Lower ? target.Lower : baseline > target.Upper ? target.Upper : baseline,
            _ => null,
        };
    }

    /// <summary>
    /// Whether a value meets the target: floors (≥, ＞) from above, ceilings (≤, ＜) from below, ranges inside,
    /// an exact value reached in the indicator's direction. Null for text targets.
    /// </summary>
    public static bool? Meets(StatedValue target, IndicatorDirection direction, decimal value)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Comparison switch
        {
            TargetComparison.AtLeast => value >= target.Lower,
            TargetComparison.GreaterThan => value > target.Lower,
            TargetComparison.AtMost => value <= target.Upper,
            TargetComparison.LessThan => value < target.Upper,
            TargetComparison.Range => value >= target.Lower && value <= target.Upper,
            TargetComparison.Exactly => direction == IndicatorDirection.LowerIsBetter ? value <= target.Lower : value >= target.Lower,
            _ => null,
        };
    }

    /// <summary>The value on the straight line from baseline to target in a year; null without a baseline or a numeric target.</summary>
    public static decimal? ExpectedValue(IndicatorFacts facts, int year)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Baseline is not { } baseline || GoalValue(facts.Target, baseline) is not { } goal)
        {
            return null;
        }

        var share = facts.TargetYear == facts.BaselineYear
            ? year >= facts.TargetYear ? 1m : 0m
            : Math.Clamp((decimal)(year - facts.BaselineYear) / (facts.TargetYear - facts.BaselineYear), 0m, 1m);
        return Figures.Value(baseline + share * (goal - baseline));
    }

    /// <summary>
    /// The trend to the target year from the actual values after the baseline year up to <paramref name="asOfYear"/>:
    /// least squares through two or more, otherwise the line from the baseline through the only one. Null when neither
    /// can be drawn or the target is text.
    /// </summary>
    public static IndicatorProjection? Project(IndicatorFacts facts, int asOfYear)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var points = Observed(facts, asOfYear);
        decimal value;
        ProjectionMethod method;
        if (points.Count >= 2)
        {
            var meanYear = points.Average(p => (decimal)p.Year);
            var meanValue = points.Average(p => p.Value);
            var slope = points.Sum(p => (p.Year - meanYear) * (p.Value - meanValue)) / points.Sum(p => (p.Year - meanYear) * (p.Year - meanYear));
            value = meanValue + slope * (facts.TargetYear - meanYear);
            method = ProjectionMethod.LeastSquares;
        }
        else if (points.Count == 1 && facts.Baseline is { } baseline)
        {
            var only = points[0];
            var slope = (only.Value - baseline) / (only.Year - facts.BaselineYear);
            value = baseline + slope * (facts.TargetYear - facts.BaselineYear);
            method = ProjectionMethod.FromBaseline;
        }
        else
        {
            return null;
        }

        value = Figures.Value(value);
        return Meets(facts.Target, facts.Direction, value) is { } meets
            ? new IndicatorProjection(facts.TargetYear, value, meets, method)
            : null;
    }

    public static IndicatorAssessment Assess(IndicatorFacts facts, DateOnly asOf, MonitoringThresholds thresholds) =>
        Assess(facts, asOf.Year, thresholds);

    public static IndicatorAssessment Assess(IndicatorFacts facts, int asOfYear, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        thresholds.EnsureValid();
        if (facts.TargetYear < facts.BaselineYear)
        {
            throw new ArgumentException("An indicator's target year cannot be before its baseline year.", nameof(facts));
        }

        if (facts.Actuals.GroupBy(a => a.Year).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("An indicator has one actual value per year.", nameof(facts));
        }

        return facts.Target.Comparison is TargetComparison.Qualitative or TargetComparison.None
            ? AssessByMilestones(facts, asOfYear, thresholds)
            : AssessByNumbers(facts, asOfYear, thresholds);
    }

    private static List<YearValue> Observed(IndicatorFacts facts, int asOfYear) =>
        [.. facts.Actuals.Where(a => a.Year > facts.BaselineYear && a.Year <= asOfYear).OrderBy(a => a.Year)];

    private static IndicatorAssessment AssessByNumbers(IndicatorFacts facts, int asOfYear, MonitoringThresholds thresholds)
    {
        var note = AdjustmentNote(facts);
        var observed = Observed(facts, asOfYear);
        if (observed.Count == 0)
        {
            var why = asOfYear <= facts.BaselineYear
                ? $"评价年份{asOfYear}年不晚于基期{facts.BaselineYear}年，暂无数据"
                : $"尚无{facts.BaselineYear}年以后的实际值，暂无数据";
            return Result(facts, IndicatorVerdict.NoData, StatusColour.Grey, null, null, null, null, null, null, why + note + "。");
        }

        var latest = observed[^1];
        var baseline = facts.Baseline;
        var goal = GoalValue(facts.Target, baseline);
        var time = TimePercent(facts.BaselineYear, facts.TargetYear, latest.Year);
        var expected = ExpectedValue(facts, latest.Year);
        var progress = ProgressPercent(baseline, goal, latest.Value);
        var gap = progress is { } p ? Figures.Percent(time - p) : (decimal?)null;
        var projection = Project(facts, asOfYear);
        var met = Meets(facts.Target, facts.Direction, latest.Value) == true;
        var actual = $"{latest.Year}年实际值{Figures.Text(latest.Value)}";
        var targetYearReached = latest.Year >= facts.TargetYear;

        (IndicatorVerdict, StatusColour, string) Judge()
        {
            if (met)
            {
                return targetYearReached
                    ? (IndicatorVerdict.Met, StatusColour.Green, $"{actual}，达到目标{facts.Target.Text}，已实现")
                    : (IndicatorVerdict.AlreadyMet, StatusColour.Green, $"{actual}，已达到目标{facts.Target.Text}，提前实现");
            }

            if (targetYearReached)
            {
                return (IndicatorVerdict.Missed, StatusColour.Red, $"{actual}，未达到目标{facts.Target.Text}，未实现");
            }

            if (baseline is null)
            {
                return (IndicatorVerdict.NotQuantifiable, StatusColour.Grey, $"{actual}，尚未达到目标{facts.Target.Text}；缺少基期值，无法计算完成进度");
            }

            if (progress is null || gap is null)
            {
                // Target equal to the baseline (hold the level): no distance to measure progress along.
                return (IndicatorVerdict.Behind, StatusColour.Amber, $"{actual}，目标值与基期值相同，尚未达到目标{facts.Target.Text}，滞后");
            }

            var verdict = -gap > thresholds.OnScheduleBandPoints ? IndicatorVerdict.AheadOfSchedule
                : gap > thresholds.OnScheduleBandPoints ? IndicatorVerdict.Behind
                : IndicatorVerdict.OnSchedule;
            var colour = verdict != IndicatorVerdict.Behind ? StatusColour.Green
                : gap > thresholds.RedGapPoints ? StatusColour.Red
                : StatusColour.Amber;
            return (verdict, colour, $"{actual}，按进度应达{Figures.Text(expected!.Value)}，完成进度{Figures.Text(progress.Value)}%，时序进度{Figures.Text(time)}%，{Chinese(verdict)}");
        }

        var (verdictFound, colourFound, reason) = Judge();
        return Result(facts, verdictFound, colourFound, latest, expected, progress, time, gap, projection, reason + note + "。");
    }

    private static IndicatorAssessment AssessByMilestones(IndicatorFacts facts, int asOfYear, MonitoringThresholds thresholds)
    {
        var note = AdjustmentNote(facts);
        var target = facts.Target.Text.Length == 0 ? "目标未量化" : $"目标为定性表述（{facts.Target.Text}）";
        if (facts.Milestones is null && facts.PlannedMilestones is > 0 && ReachedBy(facts, asOfYear) is null)
        {
            return Result(facts, IndicatorVerdict.NoData, StatusColour.Grey, null, null, null, null, null, null, $"{target}，共{facts.PlannedMilestones}个里程碑，尚无已完成里程碑的记录{note}。");
        }

        var given = facts.Milestones ?? (facts.PlannedMilestones is > 0 and var planned && ReachedBy(facts, asOfYear) is { } reached
            ? new MilestoneCount(reached, planned)
            : null);
        if (given is not { Planned: > 0 } milestones)
        {
            return Result(facts, IndicatorVerdict.NotQuantifiable, StatusColour.Grey, null, null, null, null, null, null, $"{target}，暂无里程碑数据，无法量化评价{note}。");
        }

        var time = TimePercent(facts.BaselineYear, facts.TargetYear, asOfYear);
        var progress = Figures.Percent(100m * milestones.Reached / milestones.Planned);
        var gap = Figures.Percent(time - progress);
        var counted = $"已完成里程碑{milestones.Reached}个（共{milestones.Planned}个）";
        var targetYearReached = asOfYear >= facts.TargetYear;
        var (verdict, colour) =
            milestones.Reached >= milestones.Planned ? (targetYearReached ? IndicatorVerdict.Met : IndicatorVerdict.AlreadyMet, StatusColour.Green)
            : targetYearReached ? (IndicatorVerdict.Missed, StatusColour.Red)
            : -gap > thresholds.OnScheduleBandPoints ? (IndicatorVerdict.AheadOfSchedule, StatusColour.Green)
            : gap <= thresholds.OnScheduleBandPoints ? (IndicatorVerdict.OnSchedule, StatusColour.Green)
            : (IndicatorVerdict.Behind, gap > thresholds.RedGapPoints ? StatusColour.Red : StatusColour.Amber);
        var reason = $"{counted}，完成进度{Figures.Text(progress)}%，时序进度{Figures.Text(time)}%，{Chinese(verdict)}{note}。";
        return Result(facts, verdict, colour, null, null, progress, time, gap, null, reason);
    }

    /// <summary>The milestones reached by the end of the latest year up to <paramref name="asOfYear"/> with a recorded count.</summary>
    private static int? ReachedBy(IndicatorFacts facts, int asOfYear) =>
        facts.Actuals.Where(a => a.Year <= asOfYear && a.Year > facts.BaselineYear).OrderByDescending(a => a.Year).Select(a => (int?)Math.Clamp((int)Math.Floor(a.Value), 0, facts.PlannedMilestones ?? int.MaxValue)).FirstOrDefault();

    private static decimal? ProgressPercent(decimal? baseline, decimal? goal, decimal actual) =>
        baseline is { } b && goal is { } g && g != b ? Figures.Percent(100m * (actual - b) / (g - b)) : null;

    private static string AdjustmentNote(IndicatorFacts facts) =>
        facts.OriginalTarget is { } original ? $"（目标已由{original.Text}调整为{facts.Target.Text}，按调整后目标评价）" : string.Empty;

    private static IndicatorAssessment Result(
        IndicatorFacts facts,
        IndicatorVerdict verdict,
        StatusColour colour,
        YearValue? latest,
        decimal? expected,
        decimal? progress,
        decimal? time,
        decimal? gap,
        IndicatorProjection? projection,
        string reason)
    {
        var originalProgress = facts.OriginalTarget is { } original && latest is { } value
            ? ProgressPercent(facts.Baseline, GoalValue(original, facts.Baseline), value.Value)
            : null;
        return new IndicatorAssessment(
            verdict, colour, latest?.Year, latest?.Value, expected, progress, time, gap,
            facts.Target, facts.OriginalTarget, originalProgress, projection, reason);
    }
}
