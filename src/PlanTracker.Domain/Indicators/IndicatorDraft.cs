namespace PlanTracker.Domain.Indicators;

/// <summary>
/// What a planner typed for an indicator, values as the plan writes them (`≥50`, `3-5`, `新增一批`).
/// <see cref="IndicatorRules.Check"/> says what is wrong with it (reason codes); <see cref="Indicator.Revise"/> applies it.
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

/// <summary>The rules an indicator's fields must meet, with the reason code of each refusal.</summary>
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
    public static IReadOnlyList<Reason> Check(IndicatorDraft draft, IEnumerable<string> otherNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(otherNames);
        var problems = new List<Reason>();
        var name = draft.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            problems.Add(new(IndicatorProblem.NameRequired));
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Add(new(IndicatorProblem.NameTooLong, MaxNameLength));
        }
        else if (otherNames.Any(other => string.Equals(other.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new(IndicatorProblem.NameTaken, name));
        }

        if (draft.Category?.Trim().Length > MaxCategoryLength)
        {
            problems.Add(new(IndicatorProblem.CategoryTooLong, MaxCategoryLength));
        }

        if (draft.Unit?.Trim().Length > MaxUnitLength)
        {
            problems.Add(new(IndicatorProblem.UnitTooLong, MaxUnitLength));
        }

        if (draft.BaselineText?.Trim().Length > MaxValueTextLength || draft.TargetText?.Trim().Length > MaxValueTextLength)
        {
            problems.Add(new(IndicatorProblem.ValueTooLong, MaxValueTextLength));
        }

        if (draft.BaselineNote?.Trim().Length > MaxNoteLength)
        {
            problems.Add(new(IndicatorProblem.NoteTooLong, MaxNoteLength));
        }

        var yearsInRange = true;
        foreach (var (year, problem) in new[] { (draft.BaselineYear, IndicatorProblem.BaselineYearOutOfRange), (draft.TargetYear, IndicatorProblem.TargetYearOutOfRange) })
        {
            if (year is int y && (y < EarliestYear || y > LatestYear))
            {
                problems.Add(new(problem, EarliestYear, LatestYear));
                yearsInRange = false;
            }
        }

        if (yearsInRange && draft.BaselineYear is int baselineYear && draft.TargetYear is int targetYear && targetYear < baselineYear)
        {
            problems.Add(new(IndicatorProblem.TargetBeforeBaseline));
        }

        if (draft.Baseline.Comparison != TargetComparison.None && draft.BaselineYear is null)
        {
            problems.Add(new(IndicatorProblem.BaselineYearRequired));
        }

        if (draft.Aggregation is IndicatorAggregation.Sum or IndicatorAggregation.Average && draft.Target.Comparison == TargetComparison.None)
        {
            problems.Add(new(IndicatorProblem.TargetRequired));
        }

        if (!Enum.IsDefined(draft.Direction) || !Enum.IsDefined(draft.Aggregation) || draft.Nature is IndicatorNature nature && !Enum.IsDefined(nature))
        {
            problems.Add(new(IndicatorProblem.InvalidChoice));
        }

        if (draft.PlannedMilestones is { } planned)
        {
            if (planned is < 1 or > MaxPlannedMilestones)
            {
                problems.Add(new(IndicatorProblem.MilestonesOutOfRange, MaxPlannedMilestones));
            }
            else if (draft.Target.Comparison is not (TargetComparison.Qualitative or TargetComparison.None))
            {
                problems.Add(new(IndicatorProblem.MilestonesForNumericTarget));
            }
        }

        return problems;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Why an indicator draft is refused; the portal words each (Resources: IndicatorProblem.*).</summary>
public enum IndicatorProblem
{
    NameRequired,
    NameTooLong,
    NameTaken,
    CategoryTooLong,
    UnitTooLong,
    ValueTooLong,
    NoteTooLong,
    BaselineYearOutOfRange,
    TargetYearOutOfRange,
    TargetBeforeBaseline,
    BaselineYearRequired,
    TargetRequired,
    InvalidChoice,
    MilestonesOutOfRange,
    MilestonesForNumericTarget,
}
