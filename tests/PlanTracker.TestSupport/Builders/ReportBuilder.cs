using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.TestSupport.Builders;

/// <summary>
/// A unit's progress report for a test, in the status it asks for, brought there by the report's own workflow steps
/// (Start, SaveDraft, Submit, Review, Approve, Return, Reopen) so that its events and submitted versions are the ones the
/// portal would have written. Unless told otherwise: a draft with nothing written yet, started by "reporter" at
/// 2013-01-20 02:00 UTC; a report that goes further than a draft first gets <see cref="CompleteContent"/>.
/// </summary>
/// <remarks>
/// <see cref="Build"/> needs nothing but the domain: given no period or task it uses a 2012 annual period and a task of
/// its own (both unsaved). <c>SaveAsync</c> (ReportBuilder.Save.cs) reads a period or task given by id from the database
/// and writes the report through <c>AppDbContext</c>.
/// </remarks>
public sealed partial class ReportBuilder
{
    /// <summary>What a complete report says unless told otherwise: on track, half done, every narrative, 10 万元.</summary>
    public static readonly ReportDraft CompleteContent = ReportDraft.Of(TaskProgress.OnTrack, 50, "进展", "成效", "问题", "下一步", 10);

    private ReportingPeriod? _period;
    private int? _periodId;
    private PlanNode? _task;
    private int? _taskId;
    private int _unitId = 1;
    private string _reporter = "reporter";
    private DateTimeOffset _at = new(2013, 1, 20, 2, 0, 0, TimeSpan.Zero);
    private ReportDraft? _content;
    private IReadOnlyList<EvidenceRef>? _evidence;
    private Stage _stage = Stage.Draft;
    private string? _actor;
    private string? _comment;

    private enum Stage
    {
        Draft,
        Submitted,
        Reviewed,
        Approved,
        Returned,
        Reopened,
    }

    /// <summary>A report of <paramref name="unitId"/> on <paramref name="task"/> in <paramref name="period"/> (both saved by the time the report is built).</summary>
    public static ReportBuilder For(ReportingPeriod period, PlanNode task, int unitId) =>
        new ReportBuilder().In(period).OnTask(task).ForUnit(unitId);

    /// <summary>A report of <paramref name="unitId"/> on the task with <paramref name="taskId"/> in the period with <paramref name="periodId"/>, for <c>SaveAsync</c>.</summary>
    public static ReportBuilder For(int periodId, int taskId, int unitId) =>
        new ReportBuilder().InPeriod(periodId).OnTask(taskId).ForUnit(unitId);

    public ReportBuilder In(ReportingPeriod period)
    {
        (_period, _periodId) = (period, null);
        return this;
    }

    /// <summary>The period by id: <c>SaveAsync</c> reads it (its dates bound the milestones).</summary>
    public ReportBuilder InPeriod(int periodId)
    {
        (_period, _periodId) = (null, periodId);
        return this;
    }

    public ReportBuilder OnTask(PlanNode task)
    {
        (_task, _taskId) = (task, null);
        return this;
    }

    /// <summary>The task by id: <c>SaveAsync</c> reads its node.</summary>
    public ReportBuilder OnTask(int taskId)
    {
        (_task, _taskId) = (null, taskId);
        return this;
    }

    public ReportBuilder ForUnit(int unitId)
    {
        _unitId = unitId;
        return this;
    }

    /// <summary>Who starts, writes and submits the report ("reporter" unless told).</summary>
    public ReportBuilder WrittenBy(string reporter)
    {
        _reporter = reporter;
        return this;
    }

    /// <summary>When every step happens.</summary>
    public ReportBuilder At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    /// <summary>What the unit wrote; saved as the draft even when the report stays a draft.</summary>
    public ReportBuilder WithContent(ReportDraft content)
    {
        _content = content;
        return this;
    }

    /// <summary>A change to the content so far (<see cref="CompleteContent"/> if none was given), e.g. <c>c =&gt; c with { Problems = null }</c>.</summary>
    public ReportBuilder WithContent(Func<ReportDraft, ReportDraft> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _content = change(_content ?? CompleteContent);
        return this;
    }

    /// <summary>The unit's own status words and percent complete, on the content so far.</summary>
    public ReportBuilder Saying(TaskProgress progress, decimal percentComplete) =>
        WithContent(c => c with { Progress = progress, PercentComplete = percentComplete });

    /// <summary>Evidence files listed in the submitted version (by name and hash; the files themselves are not stored).</summary>
    public ReportBuilder WithEvidence(params EvidenceRef[] files)
    {
        _evidence = files;
        return this;
    }

    /// <summary>Started, and its content (if any) saved: the unit may still change it.</summary>
    public ReportBuilder Draft() => To(Stage.Draft, null, null);

    /// <summary>报送 by its reporter.</summary>
    public ReportBuilder Submitted() => To(Stage.Submitted, null, null);

    /// <summary>Submitted, then 审核 by the unit's reviewer.</summary>
    public ReportBuilder Reviewed(string reviewer = "reviewer", string? comment = null) => To(Stage.Reviewed, reviewer, comment);

    /// <summary>Submitted, then 通过 by the ministry.</summary>
    public ReportBuilder Approved(string planner = "planner", string? comment = null) => To(Stage.Approved, planner, comment);

    /// <summary>Submitted, then 退回 with the reason.</summary>
    public ReportBuilder Returned(string reason = "请补充", string planner = "planner") => To(Stage.Returned, planner, reason);

    /// <summary>Approved, then 重新开放 by a planner with the reason: back with the unit (returned) until approved again.</summary>
    public ReportBuilder Reopened(string reason = "补充数据", string planner = "planner") => To(Stage.Reopened, planner, reason);

    /// <summary>The status by its value, for theories over statuses (default actors and reasons).</summary>
    public ReportBuilder WithStatus(ReportStatus status) => status switch
    {
        ReportStatus.Draft => Draft(),
        ReportStatus.Submitted => Submitted(),
        ReportStatus.Reviewed => Reviewed(),
        ReportStatus.Approved => Approved(),
        ReportStatus.Returned => Returned(),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown report status."),
    };

    public ProgressReport Build()
    {
        if (_periodId is not null || _taskId is not null)
        {
            throw new InvalidOperationException("A period or task given by id is read by SaveAsync; to build in memory, give the entity.");
        }

        var period = _period ?? new PeriodBuilder().Build();
        var task = _task ?? new PlanNode(NodeKind.Task, "1", "测试任务", "测试任务。", 0, 1, 2, null, Guid.NewGuid());

        // The one place a test report is made.
        var report = ProgressReport.Start(period.Id, task.Id, _unitId, _reporter, _at);
        if (_content is not null || _stage != Stage.Draft)
        {
            Done(report.SaveDraft(_content ?? CompleteContent, period.Window, _at), "save its draft");
        }

        if (_stage == Stage.Draft)
        {
            return report;
        }

        Done(report.Submit(_reporter, _at, _evidence), "be submitted");
        switch (_stage)
        {
            case Stage.Reviewed:
                Done(report.Review(_actor, _comment, _at), "be reviewed");
                break;
            case Stage.Approved:
                Done(report.Approve(_actor, _comment, _at), "be approved");
                break;
            case Stage.Returned:
                Done(report.Return(_actor, _comment, _at), "be returned");
                break;
            case Stage.Reopened:
                Done(report.Approve(_actor, null, _at), "be approved");
                Done(report.Reopen(_actor, _comment, periodClosed: period.Status == PeriodStatus.Closed, _at), "be reopened");
                break;
        }

        return report;
    }

    private ReportBuilder To(Stage stage, string? actor, string? comment)
    {
        (_stage, _actor, _comment) = (stage, actor, comment);
        return this;
    }

    private static void Done(ReportOutcome outcome, string step)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"The test's report could not {step}: {outcome.Refusal!.Code} {string.Join(", ", outcome.Refusal.Arguments)}");
        }
    }
}
