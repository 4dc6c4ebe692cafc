using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Web.Features.Indicators;

/// <summary>The plan and version an indicator page is about.</summary>
public sealed record IndicatorPlanHeader(int PlanId, string PlanTitle, int VersionId, int VersionNumber, PlanVersionStatus VersionStatus);

public sealed record IndicatorRow(
    int Id,
    int Ordinal,
    string? Category,
    string Name,
    IndicatorNature? Nature,
    string? Unit,
    int? BaselineYear,
    StatedValue? Baseline,
    string? BaselineNote,
    int? TargetYear,
    StatedValue Target,
    IndicatorDirection Direction,
    IndicatorAggregation Aggregation,
    IReadOnlyList<string> LinkedNodes,
    uint RowVersion);

public sealed record IndicatorListViewModel(IndicatorPlanHeader Header, IReadOnlyList<IndicatorRow> Rows, bool CanEdit, IReadOnlyList<string> Problems);

/// <summary>A node a planner may link an indicator to, labelled and indented by depth.</summary>
public sealed record LinkableNode(int Id, string Label, int Depth);

/// <param name="IndicatorId">Null for a new indicator.</param>
/// <param name="Problems">Why the last save was refused (shown with HTTP 422); empty otherwise.</param>
public sealed record IndicatorFormViewModel(
    IndicatorPlanHeader Header,
    int? IndicatorId,
    IndicatorInput Input,
    IReadOnlyList<LinkableNode> Nodes,
    IReadOnlyList<string> Problems);

/// <summary>One POST of the indicator form. Values are typed as the plan writes them.</summary>
public sealed class IndicatorInput
{
    public string? Name { get; set; }

    public string? Category { get; set; }

    public string? Unit { get; set; }

    public IndicatorNature? Nature { get; set; }

    public IndicatorDirection Direction { get; set; }

    public IndicatorAggregation Aggregation { get; set; }

    public int? BaselineYear { get; set; }

    public string? BaselineText { get; set; }

    public string? BaselineNote { get; set; }

    public int? TargetYear { get; set; }

    public string? TargetText { get; set; }

    /// <summary>For a qualitative target: how many milestones the period holds (the yearly figure is the number reached).</summary>
    public int? PlannedMilestones { get; set; }

    public List<int> NodeIds { get; set; } = [];

    public uint RowVersion { get; set; }

    public IndicatorDraft ToDraft() =>
        new(Name, Category, Unit, Nature, Direction, Aggregation, BaselineYear, BaselineText, BaselineNote, TargetYear, TargetText, PlannedMilestones);
}

public sealed class IndicatorDeleteInput
{
    public uint RowVersion { get; set; }
}

public sealed record ThresholdsViewModel(int PlanId, string PlanTitle, ThresholdsInput Input, bool CanEdit, IReadOnlyList<string> Problems);

public sealed class ThresholdsInput
{
    public decimal AmberGapPoints { get; set; }

    public decimal RedGapPoints { get; set; }

    public decimal OnScheduleBandPoints { get; set; }

    public int OverdueRedDays { get; set; }

    public int ReturnedRedDays { get; set; }

    public uint RowVersion { get; set; }

    public static ThresholdsInput From(MonitoringThresholds thresholds, uint rowVersion)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return new()
        {
            AmberGapPoints = thresholds.AmberGapPoints,
            RedGapPoints = thresholds.RedGapPoints,
            OnScheduleBandPoints = thresholds.OnScheduleBandPoints,
            OverdueRedDays = thresholds.OverdueRedDays,
            ReturnedRedDays = thresholds.ReturnedRedDays,
            RowVersion = rowVersion,
        };
    }

    public MonitoringThresholds ToThresholds() => new()
    {
        AmberGapPoints = AmberGapPoints,
        RedGapPoints = RedGapPoints,
        OnScheduleBandPoints = OnScheduleBandPoints,
        OverdueRedDays = OverdueRedDays,
        ReturnedRedDays = ReturnedRedDays,
    };
}

/// <summary>What a write did: saved, not found, or refused with messages (already in the user's language).</summary>
public sealed record IndicatorWriteResult(bool NotFound, IReadOnlyList<string> Problems)
{
    public static readonly IndicatorWriteResult Done = new(false, []);
    public static readonly IndicatorWriteResult Missing = new(true, []);

    public bool Succeeded => !NotFound && Problems.Count == 0;

    public static IndicatorWriteResult Refused(IReadOnlyList<string> problems) => new(false, problems);

    public static IndicatorWriteResult Refused(string problem) => new(false, [problem]);
}
