using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Web.Tests.Support;
using PlanTracker.Web.Tests.TaskDashboard;

namespace PlanTracker.Web.Tests.PlanVersions;

/// <summary>
/// The shipped plan taken through three versions by approving two adjustments with <see cref="AdjustmentApproval"/>:
/// v1 published 2026-01-10 (Beijing), v2 on 2026-03-01 (task A reworded and its units swapped, task B's dates moved,
/// the indicator's target lowered), v3 on 2026-06-01 (a task added, task C cancelled). No adjustment kind moves a node
/// to another parent, so v3's task D is moved by SQL after the approval, for the diff's 移动.
/// </summary>
public sealed class VersionedPlanFixture : PortalFactory
{
    public static readonly DateOnly V1Day = new(2026, 1, 10);
    public static readonly DateOnly V2Day = new(2026, 3, 1);
    public static readonly DateOnly V3Day = new(2026, 6, 1);

    public int PlanId { get; private set; }

    public int First { get; private set; }

    public int Second { get; private set; }

    public Guid IndicatorKey { get; private set; }

    /// <summary>Tasks of v1: A reworded and reassigned, B moved in time, C cancelled, D moved, E untouched.</summary>
    public (Guid Key, string Title) A { get; private set; }

    public Guid B { get; private set; }

    public (Guid Key, string Title) C { get; private set; }

    public (Guid Key, string Title) D { get; private set; }

    public Guid E { get; private set; }

    public Guid Added { get; } = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var cs = ConnectionString;
        var (plan, v1) = await MonitoringSeed.PlanAsync(cs);
        PlanId = plan;
        var a = await MonitoringSeed.TaskAsync(cs, 0, new(2011, 1, 1), new(2015, 12, 31));
        var b = await MonitoringSeed.TaskAsync(cs, 1, new(2011, 1, 1), new(2015, 12, 31));
        await MonitoringSeed.AssignAsync(cs, a, "110000", AssignmentRole.Lead);
        await MonitoringSeed.AssignAsync(cs, a, "310000", AssignmentRole.Participating);
        await MonitoringSeed.AssignAsync(cs, b, "440000", AssignmentRole.Lead);
        var indicator = await MonitoringSeed.IndicatorAsync(cs, "版本测试指标", 2010, "18", 2015, "≥30");
        await MonitoringSeed.ExecuteAsync(cs, $"UPDATE plan_versions SET published_at = '2026-01-10T02:00:00Z' WHERE id = {v1}");

        int beijing, shanghai, guangdong;
        PlanSnapshot before;
        await using (var db = SeededDatabase.CreateContext(cs))
        {
            before = await db.SnapshotAsync(v1);
            IndicatorKey = await db.Indicators.Where(i => i.Id == indicator).Select(i => i.Key).SingleAsync();
            beijing = await MonitoringSeed.UnitAsync(cs, "110000");
            shanghai = await MonitoringSeed.UnitAsync(cs, "310000");
            guangdong = await MonitoringSeed.UnitAsync(cs, "440000");
        }

        var tasks = before.Nodes.Where(n => n.Kind == NodeKind.Task).ToList();
        A = (tasks[0].Key, tasks[0].Title);
        B = tasks[1].Key;
        C = (tasks[2].Key, tasks[2].Title);
        var d = tasks.Last(t => t.ParentKey != tasks[0].ParentKey);
        D = (d.Key, d.Title);
        E = tasks[3].Key;

        First = await ApproveAsync(plan, v1, "第一次动态调整", "任务甲进展滞后，调整牵头单位。", V2Day, [
            new RewordTask(A.Key, "调整后的任务甲", null),
            new ReassignUnits(A.Key, [shanghai], [beijing]),
            new MoveDates(B, new(2013, 1, 1), new(2015, 6, 30)),
            new ReviseTarget(IndicatorKey, "≥25", 2015),
        ]);
        int v2;
        await using (var db = SeededDatabase.CreateContext(cs))
        {
            v2 = (await db.CurrentVersionAsync(plan))!.Id;
        }

        Second = await ApproveAsync(plan, v2, "第二次动态调整", "新增一项任务，取消已无必要的任务丙。", V3Day, [
            new AddTask(Added, tasks[0].ParentKey!.Value, "新增的任务乙", null, new(2014, 1, 1), new(2015, 12, 31), [guangdong], []),
            new CancelTask(C.Key),
        ]);

        // Task D of v3 is moved under task A's parent (see the summary).
        await MonitoringSeed.ExecuteAsync(cs, $"""
            UPDATE plan_nodes n SET parent_id = p.parent_id
            FROM plan_versions v, plan_nodes p
            WHERE v.plan_id = {plan} AND v.number = 3 AND n.plan_version_id = v.id AND p.plan_version_id = v.id
              AND n.key = '{D.Key}' AND p.key = '{A.Key}'
            """);
    }

    private async Task<int> ApproveAsync(int plan, int basedOn, string title, string reason, DateOnly day, IReadOnlyList<PlanChange> changes)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero); // 10:00 in Beijing
        await using var db = SeededDatabase.CreateContext(ConnectionString);
        var adjustment = new Adjustment(plan, basedOn, title, reason, "planner", null, at.AddDays(-7));
        for (var i = 0; i < changes.Count; i++)
        {
            adjustment.AddChange(PlanChanges.ToStored(changes[i], i + 1));
        }

        adjustment.Submit("planner", at.AddDays(-6)).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        var result = await new AdjustmentApproval(db, new FixedClock(at)).ApproveAsync(adjustment.Id, "director", "同意调整");
        result.Outcome.Should().Be(ApprovalOutcome.Approved, string.Join("；", result.Problems));
        return adjustment.Id;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
