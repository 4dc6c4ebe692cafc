namespace PlanTracker.Domain.Reporting;

/// <summary>
/// What one unit says about one task in one reporting period (填报): the unit's own status, percent complete,
/// the four narratives and money invested, moved through draft → submitted → approved or returned.
/// </summary>
public sealed class ProgressReport
{
    private readonly List<ProgressReportEvent> _events = [];

    private ProgressReport()
    {
    }

    public ProgressReport(int periodId, int taskId, int unitId, DateTimeOffset createdAt)
    {
        PeriodId = periodId;
        TaskId = taskId;
        UnitId = unitId;
        Status = ReportStatus.Draft;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public long Id { get; private set; }

    public int PeriodId { get; private set; }

    /// <summary>The task node of the plan version the report was written against.</summary>
    public int TaskId { get; private set; }

    public int UnitId { get; private set; }

    public ReportStatus Status { get; private set; }

    /// <summary>The unit's own judgement (进展顺利 …); the portal computes its own status beside it.</summary>
    public TaskProgress? Progress { get; private set; }

    public decimal? PercentComplete { get; private set; }

    /// <summary>进展情况</summary>
    public string? ProgressText { get; private set; }

    /// <summary>主要成效</summary>
    public string? Achievements { get; private set; }

    /// <summary>存在问题</summary>
    public string? Problems { get; private set; }

    /// <summary>下一步工作</summary>
    public string? NextSteps { get; private set; }

    /// <summary>Money invested in the period, in 万元.</summary>
    public decimal? InvestmentWan { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>The workflow timeline: who did what, when, and why.</summary>
    public IReadOnlyCollection<ProgressReportEvent> Events => _events;

    public void SaveDraft(TaskProgress? progress, decimal? percentComplete, string? progressText, string? achievements, string? problems, string? nextSteps, decimal? investmentWan, DateTimeOffset at)
    {
        if (Status is not (ReportStatus.Draft or ReportStatus.Returned))
        {
            throw new InvalidOperationException($"A {Status} report cannot be edited.");
        }

        if (percentComplete is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentComplete), "Percent complete runs from 0 to 100.");
        }

        Progress = progress;
        PercentComplete = percentComplete;
        ProgressText = progressText;
        Achievements = achievements;
        Problems = problems;
        NextSteps = nextSteps;
        InvestmentWan = investmentWan;
        UpdatedAt = at;
    }
}

public enum ReportStatus
{
    Draft,
    Submitted,

    /// <summary>Checked by the unit's own reviewer, waiting for the ministry.</summary>
    Reviewed,
    Returned,
    Approved,
}

/// <summary>The unit's own status words: 未启动, 进展顺利, 进展滞后, 已完成, 已暂停.</summary>
public enum TaskProgress
{
    NotStarted,
    OnTrack,
    Behind,
    Completed,
    Suspended,
}
