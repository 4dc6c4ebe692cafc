namespace PlanTracker.Domain.Reporting;

/// <summary>
/// What one unit says about one task in one reporting period (填报): the unit's own status, percent complete,
/// the four narratives and money invested, moved through draft → submitted → approved or returned.
/// </summary>
public sealed class ProgressReport
{
    private readonly List<ProgressReportEvent> _events = [];
    private readonly List<ProgressReportVersion> _versions = [];

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

    /// <summary>The task node of the plan version the report was last written against (its wording, its dates).</summary>
    public int TaskId { get; private set; }

    /// <summary>
    /// The task's stable identity (<c>plan_nodes.key</c>), the same in every plan version: the report belongs to the task,
    /// not to one version of it, so a reworded or rescheduled task keeps its reports. The database fills it in from
    /// <see cref="TaskId"/> (a report can only name the key of its own node).
    /// </summary>
    public Guid TaskKey { get; private set; }

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

    /// <summary>The money split by source, where the unit knows it; the parts add up to <see cref="InvestmentWan"/>.</summary>
    public List<InvestmentBySource> InvestmentSources { get; private set; } = [];

    /// <summary>Milestones reached in the period, each with its day.</summary>
    public List<Milestone> Milestones { get; private set; } = [];

    /// <summary>
    /// A planner reopened the report (重新开放) with a recorded reason: the unit may change and submit it again even
    /// though the period is closed, until the ministry approves it again.
    /// </summary>
    public bool IsReopened { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public uint RowVersion { get; private set; }

    /// <summary>The workflow timeline: who did what, when, and why.</summary>
    public IReadOnlyCollection<ProgressReportEvent> Events => _events;

    /// <summary>What was submitted each time (报送版本), kept readable after the report moves on.</summary>
    public IReadOnlyCollection<ProgressReportVersion> Versions => _versions;

    /// <summary>A new report as its unit starts it, with the Created step on its timeline.</summary>
    public static ProgressReport Start(int periodId, int taskId, int unitId, string? actor, DateTimeOffset at)
    {
        var report = new ProgressReport(periodId, taskId, unitId, at);
        report._events.Add(new ProgressReportEvent(ReportStep.Created, actor, null, at));
        return report;
    }

    /// <summary>
    /// Stores what the unit has written so far, complete or not; only a draft or a returned report may change. What
    /// cannot be right in any draft (percent over 100, money that does not add up, a milestone outside the period)
    /// is refused whole: nothing of the draft is taken.
    /// </summary>
    public ReportOutcome SaveDraft(ReportDraft draft, PeriodWindow period, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReportNotEditable, Status);
        }

        if (ReportSubmission.Invalid(draft, period) is { } invalid)
        {
            return invalid;
        }

        Progress = draft.Progress;
        PercentComplete = draft.PercentComplete;
        ProgressText = Clean(draft.ProgressText);
        Achievements = Clean(draft.Achievements);
        Problems = Clean(draft.Problems);
        NextSteps = Clean(draft.NextSteps);
        InvestmentSources = [.. draft.InvestmentSources.Where(s => s.AmountWan != 0).OrderBy(s => s.Source)];

        // Where only the split is known the total is its sum; a total without a split stays as typed.
        InvestmentWan = draft.InvestmentWan ?? (InvestmentSources.Count > 0 ? InvestmentSources.Sum(s => s.AmountWan) : null);
        Milestones = [.. draft.Milestones.Select(m => m with { Title = m.Title.Trim() }).OrderBy(m => m.ReachedOn)];
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>The report's content as it stands, in the shape the form and the Excel template write it.</summary>
    public ReportDraft Content() =>
        new(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps, InvestmentWan, [.. InvestmentSources], [.. Milestones]);

    /// <summary>Whether the report's status lets it change: a draft, or one the ministry or its reviewer returned.</summary>
    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>
    /// May the unit change this report now (its content, its evidence)? The period comes first: a period that is not
    /// open locks its reports, except one a planner reopened for the unit (重新开放); then only a draft or a returned
    /// report changes. Every page and writer asks this; none works it out again.
    /// </summary>
    public ReportOutcome EditabilityIn(PeriodStatus period) => Editability(period, IsReopened, Status);

    /// <summary>May the unit start a report it has not started yet: only while the period is open.</summary>
    public static ReportOutcome EditabilityOfNew(PeriodStatus period) => Editability(period, false, null);

    /// <summary>
    /// <see cref="EditabilityIn"/> from a report's parts, for a page that reads them without the report (null status:
    /// not started yet).
    /// </summary>
    public static ReportOutcome Editability(PeriodStatus period, bool isReopened, ReportStatus? status)
    {
        if (!PeriodAdmits(period, isReopened))
        {
            return ReportOutcome.Refused(ReportRefusalCode.PeriodNotOpen);
        }

        return status is null or ReportStatus.Draft or ReportStatus.Returned
            ? ReportOutcome.Done
            : ReportOutcome.Refused(ReportRefusalCode.ReportNotEditable, status.Value);
    }

    /// <summary>
    /// Whether the period lets the unit act on the report at all (enter it, or its reviewer review it): the period is
    /// open, or the report was reopened for the unit.
    /// </summary>
    public static bool PeriodAdmits(PeriodStatus period, bool isReopened) => period == PeriodStatus.Open || isReopened;

    /// <summary>
    /// May a planner reopen the report (重新开放), reason aside: an approved report, or any report of a closed period,
    /// unless it is reopened and still with its unit. <see cref="Reopen"/> asks the same, and so does the page that
    /// offers it.
    /// </summary>
    public static ReportOutcome Reopenability(ReportStatus status, bool isReopened, bool periodClosed)
    {
        var editable = status is ReportStatus.Draft or ReportStatus.Returned;
        if (isReopened && editable)
        {
            return ReportOutcome.Refused(ReportRefusalCode.AlreadyReopened);
        }

        return !periodClosed && status != ReportStatus.Approved ? ReportOutcome.Refused(ReportRefusalCode.ReopenNotNeeded, status) : ReportOutcome.Done;
    }

    /// <summary>What a submit would refuse for, in order; empty when the report is complete.</summary>
    public IReadOnlyList<ReportField> Missing() => ReportSubmission.Missing(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps);

    /// <summary>报送: a complete draft or returned report goes to review; what was sent is kept as a new version.</summary>
    /// <param name="evidence">The files attached at the moment of submitting, kept by name and hash in the version.</param>
    public ReportOutcome Submit(string? actor, DateTimeOffset at, IReadOnlyList<EvidenceRef>? evidence = null)
    {
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReportNotResubmittable, Status);
        }

        var missing = Missing();
        if (missing.Count > 0)
        {
            return ReportOutcome.Incomplete(missing);
        }

        _versions.Add(new ProgressReportVersion(_versions.Count + 1, ReportSnapshot.Of(Content(), evidence), actor, at));
        return Step(ReportStatus.Submitted, ReportStep.Submitted, actor, null, at);
    }

    /// <summary>审核: the unit's own reviewer has checked a submitted report; it waits for the ministry.</summary>
    public ReportOutcome Review(string? actor, string? comment, DateTimeOffset at) =>
        Status == ReportStatus.Submitted
            ? Step(ReportStatus.Reviewed, ReportStep.Reviewed, actor, Clean(comment), at)
            : ReportOutcome.Refused(ReportRefusalCode.ReviewWrongStatus, Status);

    /// <summary>通过: the ministry approves a submitted or reviewed report; it is read-only from then on.</summary>
    public ReportOutcome Approve(string? actor, string? comment, DateTimeOffset at) =>
        Status is ReportStatus.Submitted or ReportStatus.Reviewed
            ? Step(ReportStatus.Approved, ReportStep.Approved, actor, Clean(comment), at)
            : ReportOutcome.Refused(ReportRefusalCode.ApproveWrongStatus, Status);

    /// <summary>退回: the ministry or the unit's reviewer sends a submitted or reviewed report back, with the reason kept for good.</summary>
    public ReportOutcome Return(string? actor, string? reason, DateTimeOffset at)
    {
        if (Status is not (ReportStatus.Submitted or ReportStatus.Reviewed))
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReturnWrongStatus, Status);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReturnReasonRequired);
        }

        return Step(ReportStatus.Returned, ReportStep.Returned, actor, reason.Trim(), at);
    }

    /// <summary>
    /// 重新开放: a planner lets the unit change one report again, with the reason kept for good. An approved report
    /// goes back to the unit; any report of a closed period becomes editable for its unit alone.
    /// </summary>
    /// <param name="periodClosed">Whether the report's period is closed (a draft of an open period needs no reopening).</param>
    public ReportOutcome Reopen(string? actor, string? reason, bool periodClosed, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReopenReasonRequired);
        }

        if (Reopenability(Status, IsReopened, periodClosed).Refusal is { } refusal)
        {
            return new ReportOutcome(refusal);
        }

        IsReopened = true;
        Status = IsEditable ? Status : ReportStatus.Returned;
        UpdatedAt = at;
        _events.Add(new ProgressReportEvent(ReportStep.Reopened, actor, reason.Trim(), at));
        return ReportOutcome.Done;
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

            // The exception a planner granted ends with the ministry's approval: a closed period locks the report again.
            IsReopened = false;
        }

        _events.Add(new ProgressReportEvent(step, actor, comment, at));
        return ReportOutcome.Done;
    }

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
