using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Integration.Tests.Support;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.Integration.Tests.Persistence;

/// <summary>
/// The test-data builders of TestSupport store what the portal itself would: a published outline in document order with
/// its assignments, periods in the status asked for, and reports whose events and submitted versions are those of the
/// steps that brought them there. The tests that start from builders rely on this.
/// </summary>
public sealed class TestDataBuildersTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task PlanBuilder_SavesAPublishedOutlineInDocumentOrder_WithItsAssignments()
    {
        await using var db = database.CreateContext();
        db.Units.AddRange(new OrgUnit("构建省", null, UnitKind.Province, "970000", 1), new OrgUnit("构建市", null, UnitKind.SeparatelyPlannedCity, "970200", 2));
        await db.SaveChangesAsync();

        var plan = await new PlanBuilder()
            .Titled("构建测试规划一")
            .Chapter("发展基础", c => c.Section("数字服务", "云服务平台", "数据交易平台"))
            .Chapter("重点任务", c => c.SpecialColumn("智慧服务", "智能客服系统"))
            .Assign("云服务平台", "970000")
            .Assign("智能客服系统", "970200", AssignmentRole.Participating)
            .SaveAsync(db);

        await using var read = database.CreateContext();
        var version = await read.PlanVersions.Include(v => v.Plan).SingleAsync(v => v.PlanId == plan.Id);
        version.Status.Should().Be(PlanVersionStatus.Published);
        version.Plan!.Status.Should().Be(PlanStatus.Published);
        var nodes = await read.PlanNodes.Where(n => n.PlanVersionId == version.Id).OrderBy(n => n.Position).ToListAsync();
        nodes.Select(n => (n.Kind, n.Number, n.Title)).Should().Equal(
            (NodeKind.Chapter, "一", "发展基础"),
            (NodeKind.Section, "（一）", "数字服务"),
            (NodeKind.Task, "1", "云服务平台"),
            (NodeKind.Task, "2", "数据交易平台"),
            (NodeKind.Chapter, "二", "重点任务"),
            (NodeKind.SpecialColumn, null, "智慧服务"),
            (NodeKind.Task, "1", "智能客服系统"));
        nodes.Select(n => n.ParentId).Should().Equal(null, nodes[0].Id, nodes[1].Id, nodes[1].Id, null, nodes[4].Id, nodes[5].Id);
        var assignments = await read.TaskAssignments.Where(a => a.Task!.PlanVersionId == version.Id)
            .OrderBy(a => a.Task!.Position).Select(a => new { a.Task!.Title, a.Unit!.Code, a.Role }).ToListAsync();
        assignments.Should().Equal(
            new { Title = "云服务平台", Code = (string?)"970000", Role = AssignmentRole.Lead },
            new { Title = "智能客服系统", Code = (string?)"970200", Role = AssignmentRole.Participating });
    }

    [Fact]
    public async Task PlanBuilder_UnpublishedOrWithoutVersion_IsADraftPlan()
    {
        await using var db = database.CreateContext();

        var unpublished = await new PlanBuilder().Titled("构建测试规划二").WithTasks("任务甲").Unpublished().SaveAsync(db);
        var bare = await new PlanBuilder().Titled("构建测试规划三").WithoutVersion().SaveAsync(db);

        await using var read = database.CreateContext();
        (await read.Plans.Where(p => p.Id == unpublished.Id || p.Id == bare.Id).Select(p => p.Status).ToListAsync()).Should().AllBeEquivalentTo(PlanStatus.Draft);
        (await read.PlanVersions.SingleAsync(v => v.PlanId == unpublished.Id)).Status.Should().Be(PlanVersionStatus.Draft);
        (await read.PlanVersions.AnyAsync(v => v.PlanId == bare.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task PeriodBuilder_SavesTheScheduledDates_InTheStatusAskedFor()
    {
        await using var db = database.CreateContext();
        var plan = await new PlanBuilder().Titled("构建测试规划四").SaveAsync(db);

        var scheduled = await new PeriodBuilder().OfPlan(plan.Id).Annual(2012).SaveAsync(db);
        var open = await new PeriodBuilder().OfPlan(plan.Id).HalfYear(2013, 1).Open().SaveAsync(db);
        var closed = await new PeriodBuilder().OfPlan(plan.Id).Quarter(2013, 3).Labelled("三季度").Closed().SaveAsync(db);

        await using var read = database.CreateContext();
        var stored = await read.ReportingPeriods.Where(p => p.PlanId == plan.Id).OrderBy(p => p.Id).ToListAsync();
        stored.Select(p => (p.Label, p.Status)).Should().Equal(("2012年度", PeriodStatus.Scheduled), ("2013年上半年", PeriodStatus.Open), ("三季度", PeriodStatus.Closed));
        (stored[0].OpensOn, stored[0].DueOn, stored[0].ClosesOn).Should().Be((new DateOnly(2013, 1, 1), new DateOnly(2013, 1, 31), new DateOnly(2013, 2, 28)));
        stored[1].OpensOn.Should().Be(new DateOnly(2013, 7, 1), "a period opened on its own open day keeps its dates");
        stored.Select(p => p.Id).Should().Equal(scheduled.Id, open.Id, closed.Id);
    }

    [Fact]
    public async Task ReportBuilder_SavedByIds_ReachesEachStatus_ThroughTheStepsOfTheWorkflow()
    {
        await using var db = database.CreateContext();
        var unit = new OrgUnit("构建自治区", null, UnitKind.AutonomousRegion, "970700", 3);
        db.Units.Add(unit);
        var plan = await new PlanBuilder().Titled("构建测试规划五").WithTasks("任务一", "任务二", "任务三", "任务四", "任务五", "任务六").SaveAsync(db);
        var period = await new PeriodBuilder().OfPlan(plan.Id).Annual(2013).Open().SaveAsync(db);
        var tasks = plan.Versions.Single().Nodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Select(n => n.Id).ToList();
        ReportBuilder Report(int task) => ReportBuilder.For(period.Id, tasks[task], unit.Id);

        var ids = new[]
        {
            (await Report(0).SaveAsync(db)).Id,
            (await Report(1).Submitted().SaveAsync(db)).Id,
            (await Report(2).Reviewed().SaveAsync(db)).Id,
            (await Report(3).Approved().SaveAsync(db)).Id,
            (await Report(4).Returned("数据不全").SaveAsync(db)).Id,
            (await Report(5).Saying(TaskProgress.Behind, 20).Reopened("补报投资").SaveAsync(db)).Id,
        };

        await using var read = database.CreateContext();
        var stored = await read.ProgressReports.Include(r => r.Events).Include(r => r.Versions).Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync();
        stored.Select(r => r.Status).Should().Equal(ReportStatus.Draft, ReportStatus.Submitted, ReportStatus.Reviewed, ReportStatus.Approved, ReportStatus.Returned, ReportStatus.Returned);
        stored.Select(r => string.Join(" ", r.Events.OrderBy(e => e.Id).Select(e => e.Step))).Should().Equal(
            "Created",
            "Created Submitted",
            "Created Submitted Reviewed",
            "Created Submitted Approved",
            "Created Submitted Returned",
            "Created Submitted Approved Reopened");
        stored.Select(r => r.Versions.Count).Should().Equal(0, 1, 1, 1, 1, 1);
        stored[0].ProgressText.Should().BeNull("a draft given no content is only started");
        stored[4].Events.Single(e => e.Step == ReportStep.Returned).Comment.Should().Be("数据不全");
        stored[5].Should().BeEquivalentTo(new { IsReopened = true, Progress = TaskProgress.Behind, PercentComplete = 20m, Problems = "问题" });
    }
}
