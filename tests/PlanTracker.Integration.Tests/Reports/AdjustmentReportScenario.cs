using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Reports;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Reports;

/// <summary>
/// One generated plan (6 tasks, 37 units, reports in every state) with, inside the window 2026-01-01 … 2026-11-26:
/// three warnings (a red task, an amber indicator, an amber unit's task), a unit's 存在问题 on the warned task, a proposal
/// approved with a target change, one rejected with a comment, one still pending, and one task forced red that no
/// proposal touches. Built once for the report tests, which only read it.
/// </summary>
public sealed class AdjustmentReportScenario : IAsyncLifetime
{
    public static readonly DateOnly From = new(2026, 1, 1);
    public static readonly DateOnly To = new(2026, 11, 26);

    public const string ProblemSentence = "配套资金拨付滞后，地方配套政策尚未出台，项目开工推迟。";
    public const string RedReason = "完成进度10%，按时间应完成60%，落后50个百分点。";
    public const string NewTarget = "≥2";
    public const string RejectComment = "理由不充分，请补充监测依据。";

    private static readonly string[] Small = ["--plans", "1", "--tasks", "6", "--periods", "4", "--indicators-per-plan", "3"];

    public MigratedDatabase Database { get; private set; } = null!;

    public int PlanId { get; private set; }

    public PlanSnapshot Before { get; private set; } = null!;

    public Guid WarnedTask { get; private set; }

    public Guid UntouchedRedTask { get; private set; }

    public string ProblemUnit { get; private set; } = string.Empty;

    public int Approved { get; private set; }

    public int Rejected { get; private set; }

    public int Pending { get; private set; }

    public async Task InitializeAsync()
    {
        Database = await GeneratedVolume.CreateAsync(Small);
        await using (var db = Database.CreateContext())
        {
            PlanId = await db.Plans.Select(p => p.Id).SingleAsync();
            var v1 = (await db.CurrentVersionAsync(PlanId))!.Id;
            Before = await db.SnapshotAsync(v1);
        }

        // The plan runs over the window's year, so the window is inside the plan's years.
        await Database.ExecuteAsync($"UPDATE plans SET start_year = 2024, end_year = 2028 WHERE id = {PlanId}");

        var tasks = Before.Nodes.Where(n => n.Kind == NodeKind.Task).ToList();
        WarnedTask = tasks[0].Key;
        UntouchedRedTask = tasks[5].Key;
        var indicator = Before.Indicators[0];
        var v1Id = await VersionIdAsync(1);
        var warnedTaskId = await NodeIdAsync(v1Id, WarnedTask);

        // A unit's approved report on the warned task, its latest approved inside the window, says what the problem is.
        var reportId = await Database.CountAsync(
            $"SELECT r.id FROM progress_reports r WHERE r.task_id = {warnedTaskId} AND r.status = 'Approved' ORDER BY r.unit_id LIMIT 1");
        await Database.ExecuteAsync($"UPDATE progress_reports SET problems = '{ProblemSentence}', approved_at = '2026-11-25T02:00:00Z' WHERE id = {reportId}");
        var unitId = await Database.CountAsync($"SELECT unit_id FROM progress_reports WHERE id = {reportId}");
        await using (var db = Database.CreateContext())
        {
            ProblemUnit = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
            var indicatorId = await db.Indicators.Where(i => i.PlanVersionId == v1Id && i.Key == indicator.Key).Select(i => i.Id).SingleAsync();
            var raised = new DateTimeOffset(2026, 9, 1, 1, 0, 0, TimeSpan.Zero);
            db.EarlyWarnings.AddRange(
                new EarlyWarning(PlanId, WarningSubject.Task(WarnedTask, warnedTaskId, reportId), StatusColour.Red, StatusColour.Amber, RedReason, new DateOnly(2026, 9, 1), raised),
                new EarlyWarning(PlanId, WarningSubject.Indicator(indicator.Key, indicatorId), StatusColour.Amber, null, "指标实际值低于按时间应达到的水平。", new DateOnly(2026, 9, 1), raised),
                new EarlyWarning(PlanId, WarningSubject.TaskUnit(WarnedTask, warnedTaskId, (int)unitId, reportId), StatusColour.Amber, null, "该单位进展落后。", new DateOnly(2026, 9, 1), raised),

                // Outside the window: not counted.
                new EarlyWarning(PlanId, WarningSubject.Task(tasks[1].Key, await NodeIdAsync(v1Id, tasks[1].Key)), StatusColour.Red, null, "窗口之前的预警。", new DateOnly(2025, 6, 1), new DateTimeOffset(2025, 6, 1, 1, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync();
        }

        var submitted = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        Approved = await ProposeAsync(v1Id, "调整指标目标值", [new ReviseTarget(indicator.Key, NewTarget, indicator.TargetYear), new RewordTask(tasks[1].Key, "调整后的任务表述", null)], submitted, evidence: true);
        Rejected = await ProposeAsync(v1Id, "取消第三项任务", [new CancelTask(tasks[2].Key)], submitted, evidence: false);
        await using (var db = Database.CreateContext())
        {
            var rejected = await db.Adjustments.SingleAsync(a => a.Id == Rejected);
            rejected.Reject("director", RejectComment, new DateTimeOffset(2026, 10, 15, 2, 0, 0, TimeSpan.Zero)).Succeeded.Should().BeTrue();
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateContext())
        {
            var result = await new AdjustmentApproval(db, new TestClock(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero))).ApproveAsync(Approved, "director", "同意调整");
            result.Outcome.Should().Be(ApprovalOutcome.Approved, string.Join("；", result.Problems));
        }

        var v2Id = await VersionIdAsync(2);
        Pending = await ProposeAsync(v2Id, "推迟第四项任务", [new MoveDates(tasks[3].Key, new(2026, 1, 1), new(2028, 12, 31))], submitted.AddDays(30), evidence: false);

        // The last task runs 2024–2027 and every unit's latest approved progress on it is nil: it is red at the end of the window.
        await Database.ExecuteAsync($"UPDATE plan_nodes SET starts_on = '2024-01-01', ends_on = '2027-12-31' WHERE key = '{UntouchedRedTask}'");
        await Database.ExecuteAsync($"UPDATE task_progress_rollups SET percent_complete = 0, progress = NULL WHERE plan_id = {PlanId} AND task_key = '{UntouchedRedTask}'");
    }

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();

    public async Task<AdjustmentReportResult> ReadAsync(DateOnly from, DateOnly to, int? planId = null)
    {
        await using var db = Database.CreateContext();
        return await new AdjustmentReportReader(db, new TestClock(new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero))).ReadAsync(planId ?? PlanId, from, to);
    }

    private async Task<int> ProposeAsync(int versionId, string title, IReadOnlyList<PlanChange> changes, DateTimeOffset submittedAt, bool evidence)
    {
        await using var db = Database.CreateContext();
        var adjustment = new Adjustment(PlanId, versionId, title, "监测显示进展滞后，需要调整。", "planner", null, submittedAt);
        for (var i = 0; i < changes.Count; i++)
        {
            adjustment.AddChange(PlanChanges.ToStored(changes[i], i + 1));
        }

        if (evidence)
        {
            var warning = await db.EarlyWarnings.Where(w => w.Kind == WarningKind.Indicator).Select(w => w.Id).FirstAsync();
            adjustment.AddEvidence(AdjustmentEvidence.ForWarning(warning)).Succeeded.Should().BeTrue();
        }

        adjustment.Submit("planner", submittedAt).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        return adjustment.Id;
    }

    private async Task<int> VersionIdAsync(int number) =>
        (int)await Database.CountAsync($"SELECT id FROM plan_versions WHERE plan_id = {PlanId} AND number = {number}");

    private async Task<int> NodeIdAsync(int versionId, Guid key) =>
        (int)await Database.CountAsync($"SELECT id FROM plan_nodes WHERE plan_version_id = {versionId} AND key = '{key}'");
}
