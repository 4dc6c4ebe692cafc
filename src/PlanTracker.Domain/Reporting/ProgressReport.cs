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

    /// <summary>A new report as its unit starts it, with the Created step on its timeline.</summary>
    public static ProgressReport Start(int periodId, int taskId, int unitId, string? actor, DateTimeOffset at)
    {
        var report = new ProgressReport(periodId, taskId, unitId, at);
        report._events.Add(new ProgressReportEvent(ReportStep.Created, actor, null, at));
        return report;
    }

    /// <summary>Stores what the unit has written so far, complete or not; only a draft or a returned report may change.</summary>
    public ReportOutcome SaveDraft(TaskProgress? progress, decimal? percentComplete, string? progressText, string? achievements, string? problems, string? nextSteps, decimal? investmentWan, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalReason.NotEditable, $"报告{ReportSubmission.Chinese(Status)}，不能修改。");
        }

        if (percentComplete is < 0 or > 100)
        {
            return ReportOutcome.Refused(ReportRefusalReason.PercentOutOfRange, "完成进度须在0到100之间。");
        }

        Progress = progress;
        PercentComplete = percentComplete;
        ProgressText = Clean(progressText);
        Achievements = Clean(achievements);
        Problems = Clean(problems);
        NextSteps = Clean(nextSteps);
        InvestmentWan = investmentWan;
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>Whether the unit may still change the report: a draft, or one the ministry or its reviewer returned.</summary>
    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>What a submit would refuse for, in order; empty when the report is complete.</summary>
    public IReadOnlyList<ReportField> Missing() => ReportSubmission.Missing(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps);

    /// <summary>报送: a complete draft or returned report goes to review.</summary>
    public ReportOutcome Submit(string? actor, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalReason.NotEditable, $"报告{ReportSubmission.Chinese(Status)}，不能再次报送。");
        }

        var missing = Missing();
        if (missing.Count > 0)
        {
            return ReportOutcome.Refused(ReportRefusalReason.Incomplete, "报告不完整，请补充：" + string.Join("、", missing.Select(ReportSubmission.Chinese)) + "。", missing);
        }

        return Step(ReportStatus.Submitted, ReportStep.Submitted, actor, null, at);
    }

    /// <summary>审核: the unit's own reviewer has checked a submitted report; it waits for the ministry.</summary>
    public ReportOutcome Review(string? actor, string? comment, DateTimeOffset at) =>
        Status == ReportStatus.Submitted
            ? Step(ReportStatus.Reviewed, ReportStep.Reviewed, actor, Clean(comment), at)
            : WrongStatus("审核", "已报送");

    /// <summary>通过: the ministry approves a submitted or reviewed report; it is read-only from then on.</summary>
    public ReportOutcome Approve(string? actor, string? comment, DateTimeOffset at) =>
        Status is ReportStatus.Submitted or ReportStatus.Reviewed
            ? Step(ReportStatus.Approved, ReportStep.Approved, actor, Clean(comment), at)
            : WrongStatus("通过", "已报送或已审核");

    /// <summary>退回: the ministry or the unit's reviewer sends a submitted or reviewed report back, with the reason kept for good.</summary>
    public ReportOutcome Return(string? actor, string? reason, DateTimeOffset at)
    {
        if (Status is not (ReportStatus.Submitted or ReportStatus.Reviewed))
        {
            return WrongStatus("退回", "已报送或已审核");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReportOutcome.Refused(ReportRefusalReason.ReasonRequired, "退回须填写理由。");
        }

        return Step(ReportStatus.Returned, ReportStep.Returned, actor, reason.Trim(), at);
    }

    private ReportOutcome Step(ReportStatus status, ReportStep step, string? actor, string? comment, DateTimeOffset at)
    {
        Status = status;
        UpdatedAt = at;
        if (status == ReportStatus.Submitted)
        {
            SubmittedAt = at;
        }
        else if (status == ReportStatus.Approved)
        {
            ApprovedAt = at;
        }

        _events.Add(new ProgressReportEvent(step, actor, comment, at));
        return ReportOutcome.Done;
    }

    private ReportOutcome WrongStatus(string action, string from) =>
        ReportOutcome.Refused(ReportRefusalReason.WrongStatus, $"报告{ReportSubmission.Chinese(Status)}，不能{action}：只有{from}的报告可以{action}。");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
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
