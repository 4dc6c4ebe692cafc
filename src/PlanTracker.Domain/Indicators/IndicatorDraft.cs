namespace PlanTracker.Domain.Indicators;

/// <summary>
/// What a planner typed for an indicator, values as the plan writes them (`≥50`, `3-5`, `新增一批`).
/// <see cref="IndicatorRules.Check"/> says in Chinese what is wrong with it; <see cref="Indicator.Revise"/> applies it.
/// </summary>
public sealed record IndicatorDraft(
    string? Name,
    string? Category,
    string? Unit,
    IndicatorNature? Nature,
    IndicatorDirection Direction,
    IndicatorAggregation Aggregation,
    int? BaselineYear,
    string? BaselineText,
    string? BaselineNote,
    int? TargetYear,
    string? TargetText,
    int? PlannedMilestones = null)
{
    public StatedValue Baseline => StatedValue.Parse(BaselineText);

    public StatedValue Target => StatedValue.Parse(TargetText);
}

/// <summary>The rules an indicator's fields must meet, with the Chinese refusal for each.</summary>
public static class IndicatorRules
{
    public const int MaxNameLength = 300;
    public const int MaxCategoryLength = 100;
    public const int MaxUnitLength = 40;
    public const int MaxValueTextLength = 200;
    public const int MaxNoteLength = 1000;

    /// <summary>A qualitative target is rated by how many of its planned milestones are reached.</summary>
    public const int MaxPlannedMilestones = 50;

    /// <summary>Plans this portal tracks are from the reform era on; a year outside this range is a typing slip.</summary>
    public const int EarliestYear = 1949;
    public const int LatestYear = 2100;

    /// <param name="otherNames">The names of the version's other indicators (not the one being edited).</param>
    public static IReadOnlyList<string> Check(IndicatorDraft draft, IEnumerable<string> otherNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(otherNames);
        var problems = new List<string>();
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            problems.Add("请填写指标名称。");
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add($"指标名称不能超过{MaxNameLength}个字。");
        }
        else if (otherNames.Any(other => string.Equals(other.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"本规划版本已有名为“{name}”的指标。");
        }

        if (draft.Category?.Trim().Length > MaxCategoryLength)
        {
            problems.Add($"指标类别不能超过{MaxCategoryLength}个字。");
        }

        if (draft.Unit?.Trim().Length > MaxUnitLength)
        {
            problems.Add($"计量单位不能超过{MaxUnitLength}个字。");
        }

        if (draft.BaselineText?.Trim().Length > MaxValueTextLength || draft.TargetText?.Trim().Length > MaxValueTextLength)
        {
            problems.Add($"基期值和目标值不能超过{MaxValueTextLength}个字。");
        }

        if (draft.BaselineNote?.Trim().Length > MaxNoteLength)
        {
            problems.Add($"规划原文摘录不能超过{MaxNoteLength}个字。");
        }

        var yearsInRange = true;
        foreach (var (year, label) in new[] { (draft.BaselineYear, "基期年份"), (draft.TargetYear, "目标年份") })
        {
            if (year is int y && (y < EarliestYear || y > LatestYear))
            {
                problems.Add($"{label}须在{EarliestYear}年至{LatestYear}年之间。");
                yearsInRange = false;
            }
        }

        if (yearsInRange && draft.BaselineYear is int baselineYear && draft.TargetYear is int targetYear && targetYear < baselineYear)
        {
            problems.Add("目标年份不能早于基期年份。");
        }

        if (draft.Baseline.Comparison != TargetComparison.None && draft.BaselineYear is null)
        {
            problems.Add("填写了基期值，请同时填写基期年份。");
        }

        if (draft.Aggregation is IndicatorAggregation.Sum or IndicatorAggregation.Average && draft.Target.Comparison == TargetComparison.None)
        {
            problems.Add("按各单位合计或平均汇总的指标须填写目标值（定性目标可填写文字）。");
        }

        if (!Enum.IsDefined(draft.Direction) || !Enum.IsDefined(draft.Aggregation) || draft.Nature is IndicatorNature nature && !Enum.IsDefined(nature))
        {
            problems.Add("指标方向、汇总方式或属性的取值无效。");
        }

        if (draft.PlannedMilestones is { } planned)
        {
            if (planned is < 1 or > MaxPlannedMilestones)
            {
                problems.Add($"里程碑数须在1到{MaxPlannedMilestones}之间。");
            }
            else if (draft.Target.Comparison is not (TargetComparison.Qualitative or TargetComparison.None))
            {
                problems.Add("里程碑数只用于定性目标（如“建立…体系”）：数值目标按数值评价。");
            }
        }

        return problems;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
