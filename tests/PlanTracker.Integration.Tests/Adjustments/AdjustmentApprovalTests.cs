using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Adjustments;

/// <summary>Approving adjustment proposals against a generated plan (6 tasks, 37 units, reports in every state).</summary>
public sealed class AdjustmentApprovalTests : IAsyncLifetime
{
    private static readonly string[] Small = ["--plans", "1", "--tasks", "6", "--periods", "4", "--indicators-per-plan", "3"];

    private static readonly DateTimeOffset ApprovedAt = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await GeneratedVolume.CreateAsync(Small);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Approval_AppliesEveryChangeType_AsTheNextPublishedVersion_AndLeavesTheOldOneAsItWas()
    {
        var (planId, v1) = await CurrentAsync();
        PlanSnapshot before;
        await using (var db = _database.CreateContext())
        {
            before = await db.SnapshotAsync(v1);
        }

        var tasks = before.Nodes.Where(n => n.Kind == NodeKind.Task).ToList();
        var lead = before.AssignmentsOf(tasks[2].Key).First().UnitId;
        var (newTask, partA, partB) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var year = before.StartYear!.Value + 1;
        var approvedBefore = await ScalarAsync($"SELECT count(*) FROM progress_reports r JOIN plan_nodes n ON n.id = r.task_id WHERE n.plan_version_id = {v1} AND r.status = 'Approved'");
        var id = await ProposeAsync(planId, v1, [
            new RewordTask(tasks[0].Key, "重新表述的任务", "新的任务内容"),
            new MoveDates(tasks[1].Key, new(year, 1, 1), new(year + 2, 12, 31)),
            new ReassignUnits(tasks[1].Key, [lead], []),
            new AddTask(newTask, tasks[0].ParentKey!.Value, "新增的任务", null, new(year, 7, 1), new(year + 1, 6, 30), [lead], []),
            new CancelTask(tasks[3].Key),
            new MergeTasks([tasks[4].Key, tasks[5].Key], "合并后的任务"),
            new SplitTask(tasks[2].Key, [new SplitPart(partA, "拆分甲"), new SplitPart(partB, "拆分乙")]),
            new ReviseTarget(before.Indicators[0].Key, "≥1", before.Indicators[0].TargetYear),
        ]);

        var result = await ApproveAsync(id);

        result.Outcome.Should().Be(ApprovalOutcome.Approved, string.Join("；", result.Problems));
        result.VersionNumber.Should().Be(2);
        result.Changes.Select(c => c.Kind).Distinct().Should().BeEquivalentTo(
            [VersionChangeKind.Reworded, VersionChangeKind.DatesChanged, VersionChangeKind.UnitsChanged, VersionChangeKind.Added, VersionChangeKind.Removed, VersionChangeKind.TargetChanged]);

        await using var check = _database.CreateContext();
        var versions = await check.PlanVersions.Where(v => v.PlanId == planId).OrderBy(v => v.Number).ToListAsync();
        versions.Select(v => (v.Number, v.Status)).Should().Equal((1, PlanVersionStatus.Superseded), (2, PlanVersionStatus.Published));
        (await check.SnapshotAsync(v1)).Should().BeEquivalentTo(before, "the old version is never edited");
        var after = await check.SnapshotAsync(result.VersionId!.Value);
        PlanVersionDiff.Compare(before, after).Should().BeEquivalentTo(result.Changes, "what was stored is what the revision computed");
        after.Node(tasks[0].Key)!.Title.Should().Be("重新表述的任务");
        after.Node(tasks[3].Key).Should().BeNull();
        after.Node(tasks[5].Key).Should().BeNull();
        after.AssignmentsOf(tasks[1].Key).Should().ContainSingle().Which.UnitId.Should().Be(lead);
        after.AssignmentsOf(partA).Should().HaveCount(37, "split tasks keep the task's units");
        after.AssignmentsOf(tasks[0].Key).Should().HaveCount(37, "unchanged tasks keep all their units");

        (await ScalarAsync($"SELECT count(*) FROM progress_reports r JOIN plan_nodes n ON n.id = r.task_id WHERE n.plan_version_id = {v1} AND r.status = 'Approved'"))
            .Should().Be(approvedBefore, "approved reports keep pointing at the version they were written against");
        (await ScalarAsync($"SELECT count(*) FROM progress_reports r JOIN plan_nodes n ON n.id = r.task_id JOIN plan_nodes kept ON kept.key = n.key AND kept.plan_version_id = {result.VersionId} WHERE n.plan_version_id = {v1} AND r.status <> 'Approved'"))
            .Should().Be(0, "reports still in the workflow follow their task into the new version");
        (await ScalarAsync($"SELECT count(*) FROM adjustments WHERE id = {id} AND status = 'Approved' AND resulting_version_id = {result.VersionId}")).Should().Be(1);
        (await ScalarAsync($"SELECT count(*) FROM audit_log WHERE entity_type = 'Adjustment' AND entity_id = '{id}'")).Should().BeGreaterThan(1);

        // Monitoring reads the new version, and the rollup still finds each kept task's approved progress by its key.
        var statuses = await new MonitoringSql(check).TaskUnitsAsync(planId, new DateOnly(2026, 11, 26));
        statuses.Select(s => s.TaskId).Distinct().Should().HaveCount(after.Nodes.Count(n => n.Kind == NodeKind.Task));
        statuses.Where(s => s.TaskKey == tasks[0].Key).Should().Contain(s => s.Percent != null);
    }

    [Fact]
    public async Task AProposalAgainstASupersededVersion_IsRefusedAsStale_WithWhatChanged_AndChangesNothing()
    {
        var (planId, v1) = await CurrentAsync();
        var task = await ScalarGuidAsync($"SELECT key FROM plan_nodes WHERE plan_version_id = {v1} AND kind = 'Task' ORDER BY position LIMIT 1");
        var first = await ProposeAsync(planId, v1, [new RewordTask(task, "甲方案的表述", null)]);
        var second = await ProposeAsync(planId, v1, [new RewordTask(task, "乙方案的表述", null)]);
        (await ApproveAsync(first)).Outcome.Should().Be(ApprovalOutcome.Approved);

        var stale = await ApproveAsync(second);

        stale.Outcome.Should().Be(ApprovalOutcome.Stale);
        stale.Problems.Single().Should().Contain("已不是当前版本");
        stale.Changes.Should().ContainSingle().Which.After.Should().Contain("甲方案的表述");
        (await ScalarAsync($"SELECT count(*) FROM plan_versions WHERE plan_id = {planId}")).Should().Be(2);
        (await ScalarAsync($"SELECT count(*) FROM adjustments WHERE id = {second} AND status = 'Submitted'")).Should().Be(1);
    }

    [Fact]
    public async Task ATasksHistory_ListsEachVersionThatChangedIt_WithTheAdjustmentBehind_AndTheVersionInForceOnADay()
    {
        var (planId, v1) = await CurrentAsync();
        var task = await ScalarGuidAsync($"SELECT key FROM plan_nodes WHERE plan_version_id = {v1} AND kind = 'Task' ORDER BY position OFFSET 3 LIMIT 1");
        var first = await ProposeAsync(planId, v1, [new RewordTask(task, "第一次调整后的表述", null)]);
        var v2 = (await ApproveAsync(first)).VersionId!.Value;
        var second = await ProposeAsync(planId, v2, [new MoveDates(task, new(2027, 1, 1), new(2027, 12, 31))]);
        (await ApproveAsync(second)).Outcome.Should().Be(ApprovalOutcome.Approved, "the proposal was written against version 2");

        await using var db = _database.CreateContext();
        var history = await db.HistoryOfAsync(planId, task);

        history.Select(h => (h.Version.Number, h.Change.Kind, h.Version.Adjustment!.AdjustmentId)).Should().Equal(
            (2, VersionChangeKind.Reworded, first), (3, VersionChangeKind.DatesChanged, second));
        history[0].Version.Adjustment!.DecidedBy.Should().Be("director");
        (await db.VersionOnAsync(planId, new DateOnly(2026, 11, 25)))!.Id.Should().Be(v1);
        (await db.VersionOnAsync(planId, new DateOnly(2026, 11, 26)))!.Number.Should().Be(3);
        (await db.VersionsAsync(planId)).Select(v => v.Status).Should().Equal(PlanVersionStatus.Superseded, PlanVersionStatus.Superseded, PlanVersionStatus.Published);
    }

    [Fact]
    public async Task TwoApprovalsAtOnce_ExactlyOneWins_TheOtherIsStale()
    {
        var (planId, v1) = await CurrentAsync();
        var task = await ScalarGuidAsync($"SELECT key FROM plan_nodes WHERE plan_version_id = {v1} AND kind = 'Task' ORDER BY position OFFSET 1 LIMIT 1");
        var a = await ProposeAsync(planId, v1, [new RewordTask(task, "并发甲", null)]);
        var b = await ProposeAsync(planId, v1, [new RewordTask(task, "并发乙", null)]);

        var outcomes = await Task.WhenAll(ApproveAsync(a), ApproveAsync(b));

        outcomes.Select(o => o.Outcome).Should().BeEquivalentTo([ApprovalOutcome.Approved, ApprovalOutcome.Stale]);
        (await ScalarAsync($"SELECT count(*) FROM plan_versions WHERE plan_id = {planId} AND status = 'Published'")).Should().Be(1);
    }

    [Fact]
    public async Task AProposalBreakingARule_IsRefusedWithTheReason_AndNothingIsWritten()
    {
        var (planId, v1) = await CurrentAsync();
        var tasks = await ScalarGuidAsync($"SELECT key FROM plan_nodes WHERE plan_version_id = {v1} AND kind = 'Task' ORDER BY position OFFSET 2 LIMIT 1");
        var id = await ProposeAsync(planId, v1, [new RewordTask(tasks, "可以的修改", null), new ReassignUnits(tasks, [], [1])]);
        var versionsBefore = await ScalarAsync("SELECT count(*) FROM plan_versions");
        var nodesBefore = await ScalarAsync("SELECT count(*) FROM plan_nodes");

        var result = await ApproveAsync(id);

        result.Outcome.Should().Be(ApprovalOutcome.Refused);
        result.Problems.Should().ContainSingle().Which.Should().Contain("第2项变更（调整承担单位）：每项任务至少要有一个牵头单位");
        (await ScalarAsync("SELECT count(*) FROM plan_versions")).Should().Be(versionsBefore);
        (await ScalarAsync("SELECT count(*) FROM plan_nodes")).Should().Be(nodesBefore);
        (await ScalarAsync($"SELECT count(*) FROM adjustments WHERE id = {id} AND status = 'Submitted'")).Should().Be(1);
    }

    private async Task<(int Plan, int Version)> CurrentAsync()
    {
        await using var db = _database.CreateContext();
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();
        return (planId, (await db.CurrentVersionAsync(planId))!.Id);
    }

    private async Task<int> ProposeAsync(int planId, int versionId, IReadOnlyList<PlanChange> changes)
    {
        await using var db = _database.CreateContext();
        var adjustment = new Adjustment(planId, versionId, "调整方案", "进展滞后，需要调整。", "planner", null, TestClock.Default);
        for (var i = 0; i < changes.Count; i++)
        {
            adjustment.AddChange(PlanChanges.ToStored(changes[i], i + 1));
        }

        adjustment.Submit("planner", TestClock.Default).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        return adjustment.Id;
    }

    private async Task<ApprovalResult> ApproveAsync(int adjustmentId)
    {
        await using var db = _database.CreateContext();
        return await new AdjustmentApproval(db, new TestClock(ApprovedAt)).ApproveAsync(adjustmentId, "director", "同意");
    }

    private Task<long> ScalarAsync(string sql) => _database.CountAsync(sql);

    private async Task<Guid> ScalarGuidAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
