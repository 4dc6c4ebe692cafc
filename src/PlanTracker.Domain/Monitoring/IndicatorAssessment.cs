using PlanTracker.Domain.Indicators;

namespace PlanTracker.Domain.Monitoring;

/// <summary>An indicator's value for one year (the year-end figure).</summary>
public readonly record struct YearValue(int Year, decimal Value);

/// <summary>A qualitative target's milestones: how many are reached, out of how many the plan sets for the whole period.</summary>
public sealed record MilestoneCount(int Reached, int Planned);

/// <summary>
/// What an indicator's status is computed from. <see cref="Target"/> is the current target; when an adjustment changed it,
/// <see cref="OriginalTarget"/> holds the one first written. <see cref="Baseline"/> may be missing (基期值 "—").
/// </summary>
public sealed record IndicatorFacts(
    int BaselineYear,
    decimal? Baseline,
    int TargetYear,
    StatedValue Target,
    IndicatorDirection Direction,
    IReadOnlyList<YearValue> Actuals)
{
    public StatedValue? OriginalTarget { get; init; }

    /// <summary>For qualitative targets (建立…体系): milestones reached against planned.</summary>
    public MilestoneCount? Milestones { get; init; }

    /// <summary>
    /// For qualitative targets without <see cref="Milestones"/> given: the milestones the period holds; the reached
    /// count is then the latest actual value up to the as-of year (the number recorded for that year).
    /// </summary>
    public int? PlannedMilestones { get; init; }

    /// <summary>
    /// The facts of a stored indicator with its approved actual values; null when it has no baseline or target year.
    /// A baseline written as a range counts as its middle, as a floor or ceiling as that bound.
    /// </summary>
    public static IndicatorFacts? From(Indicator indicator, IEnumerable<YearValue> actuals)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(actuals);
        if (indicator.BaselineYear is not { } baselineYear || indicator.TargetYear is not { } targetYear)
        {
            return null;
        }

        return new IndicatorFacts(baselineYear, NumberOf(indicator.Baseline), targetYear, indicator.Target, indicator.Direction, [.. actuals])
        {
            PlannedMilestones = indicator.PlannedMilestones,
        };
    }

    private static decimal? NumberOf(StatedValue? value) => value?.Comparison switch
    {
        TargetComparison.Exactly or TargetComparison.AtLeast or TargetComparison.GreaterThan => value.Lower,
        TargetComparison.AtMost or TargetComparison.LessThan => value.Upper,
        TargetComparison.Range => (value.Lower + value.Upper) / 2,
        _ => null,
    };
}

/// <summary>The official verdict words of Chinese plan evaluations, plus the end-of-period and no-data cases.</summary>
public enum IndicatorVerdict
{
    /// <summary>暂无数据: no actual value after the baseline year yet.</summary>
    NoData,

    /// <summary>无法量化评价: a text target without milestone counts, or no baseline to measure progress from.</summary>
    NotQuantifiable,

    /// <summary>提前实现: the target is met before its year.</summary>
    AlreadyMet,

    /// <summary>快于预期: 完成进度 above 时序进度 by more than the band.</summary>
    AheadOfSchedule,

    /// <summary>基本符合预期: 完成进度 within the band of 时序进度.</summary>
    OnSchedule,

    /// <summary>滞后: 完成进度 below 时序进度 by more than the band.</summary>
    Behind,

    /// <summary>已实现: the target year's value meets the target.</summary>
    Met,

    /// <summary>未实现: the target year's value misses the target.</summary>
    Missed,
}

public enum ProjectionMethod
{
    /// <summary>Least squares through the actual values (two or more).</summary>
    LeastSquares,

    /// <summary>The line from the baseline through the only actual value.</summary>
    FromBaseline,
}

/// <summary>The value expected in the target year if the trend holds (预计到期完成情况).</summary>
public sealed record IndicatorProjection(int Year, decimal Value, bool MeetsTarget, ProjectionMethod Method);

/// <summary>
/// An indicator's computed status at a point in time. Percentages are 完成进度 (<see cref="ProgressPercent"/>) and
/// 时序进度 (<see cref="TimePercent"/>); <see cref="GapPoints"/> is 时序进度 − 完成进度 (positive: behind).
/// <see cref="OriginalTarget"/> and <see cref="OriginalProgressPercent"/> are set when the target was adjusted.
/// </summary>
public sealed record IndicatorAssessment(
    IndicatorVerdict Verdict,
    StatusColour Colour,
    int? ActualYear,
    decimal? ActualValue,
    decimal? ExpectedValue,
    decimal? ProgressPercent,
    decimal? TimePercent,
    decimal? GapPoints,
    StatedValue Target,
    StatedValue? OriginalTarget,
    decimal? OriginalProgressPercent,
    IndicatorProjection? Projection,
    string Reason)
{
    public string VerdictText => IndicatorStatusRules.Chinese(Verdict);

    public bool TargetAdjusted => OriginalTarget is not null;
}
