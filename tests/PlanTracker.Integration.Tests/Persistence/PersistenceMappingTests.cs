using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Integration.Tests.Support;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.Integration.Tests.Persistence;

/// <summary>Every entity of the model round-trips through PostgreSQL with its constraints in force.</summary>
public sealed class PersistenceMappingTests(MigratedDatabaseFixture database) : IClassFixture<MigratedDatabaseFixture>
{
    private static readonly DateTimeOffset Now = TestClock.Default;

    [Fact]
    public async Task Migrations_AppliedToFreshDatabase_LeaveNoPendingModelChanges()
    {
        await using var db = database.CreateContext();

        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a committed migration");
    }

    [Fact]
    public async Task Plan_WithVersionNodesAndIndicators_RoundTripsTreeAndStatedValues()
    {
        var planId = await SavePlanAsync("映射测试规划一", "测试〔2020〕1号");

        await using var db = database.CreateContext();
        var plan = await db.Plans.Include(p => p.Versions).ThenInclude(v => v.Indicators).SingleAsync(p => p.Id == planId);
        var version = plan.Versions.Single();
        var nodes = await db.PlanNodes.Where(n => n.PlanVersionId == version.Id).OrderBy(n => n.Position).ToListAsync();

        plan.Title.Should().Be("映射测试规划一");
        plan.IssueDate.Should().Be(new DateOnly(2020, 3, 1));
        plan.RowVersion.Should().NotBe(0u, "xmin is the concurrency token");
        nodes.Select(n => n.Kind).Should().Equal(NodeKind.Chapter, NodeKind.SpecialColumn, NodeKind.Task);
        nodes[2].ParentId.Should().Be(nodes[1].Id);
        nodes[1].ParentId.Should().Be(nodes[0].Id);
        nodes[2].Span.Should().Be(new SourceSpan(10, 4));
        var indicator = version.Indicators.Single();
        indicator.Target.Should().Be(new StatedValue("≥50", TargetComparison.AtLeast, 50m, null));
        indicator.Baseline.Should().Be(new StatedValue("18", TargetComparison.Exactly, 18m, 18m));
        indicator.Nature.Should().Be(IndicatorNature.Binding);
    }

    [Fact]
    public async Task Indicator_WithoutBaseline_StoresNullBaseline()
    {
        var planId = await SavePlanAsync("映射测试规划二", "测试〔2020〕2号", withBaseline: false);

        await using var db = database.CreateContext();
        var indicator = await db.Indicators.SingleAsync(i => db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId));
        indicator.Baseline.Should().BeNull();
        indicator.Target.Comparison.Should().Be(TargetComparison.AtLeast);
    }

    [Fact]
    public async Task Plan_DuplicateDocumentNumber_IsRefusedByUniqueIndex()
    {
        await SavePlanAsync("映射测试规划三", "测试〔2020〕3号");

        var act = () => SavePlanAsync("另一个规划", "测试〔2020〕3号");

        (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task StaleRowVersion_OnSave_RaisesConcurrencyConflict()
    {
        var planId = await SavePlanAsync("映射测试规划四", "测试〔2020〕4号");
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Plans.SingleAsync(p => p.Id == planId);
        var theirs = await second.Plans.SingleAsync(p => p.Id == planId);

        theirs.MarkPublished();
        await second.SaveChangesAsync();
        mine.MarkPublished();
        first.Entry(mine).Property(p => p.Status).IsModified = true;
        var act = () => first.SaveChangesAsync();

        await act.Should().ThrowAsync<DbUpdateConcurrencyException>();
    }

    [Fact]
    public async Task UnitsAssignmentsPeriodsReportsAndValues_RoundTripWithTheirKeys()
    {
        var planId = await SavePlanAsync("映射测试规划五", "测试〔2020〕5号");
        await using var db = database.CreateContext();
        var task = await db.PlanNodes.SingleAsync(n => n.Kind == NodeKind.Task && db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId));
        var indicator = await db.Indicators.SingleAsync(i => db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId));
        var province = new OrgUnit("映射省", "Mapping Province", UnitKind.Province, "990000", 1);
        var city = new OrgUnit("映射市", "Mapping City", UnitKind.SeparatelyPlannedCity, "990200", 2, province);
        db.Units.AddRange(province, city);
        db.TaskAssignments.Add(new TaskAssignment(task, province, AssignmentRole.Lead, Now));
        db.TaskAssignments.Add(new TaskAssignment(task, city, AssignmentRole.Participating, Now));
        var period = await new PeriodBuilder().OfPlan(planId).Quarter(2013, 2).SaveAsync(db);

        var report = await ReportBuilder.For(period, task, province.Id).At(Now)
            .WithContent(ReportDraft.Of(TaskProgress.OnTrack, 42.5m, "进展情况", "主要成效", "存在问题", "下一步工作", 120.5m)).SaveAsync(db);
        db.IndicatorValues.Add(new IndicatorValue(indicator.Id, province.Id, period.Id, 21m, null, "家", "部门统计", null, Now));
        db.IndicatorValues.Add(new IndicatorValue(indicator.Id, null, period.Id, 25m, null, "家", "全国汇总", "国家数", Now));
        await db.SaveChangesAsync();

        await using var read = database.CreateContext();
        var assignments = await read.TaskAssignments.Where(a => a.TaskId == task.Id).OrderBy(a => a.Role).ToListAsync();
        assignments.Select(a => a.Role).Should().Equal(AssignmentRole.Lead, AssignmentRole.Participating);
        var storedCity = await read.Units.SingleAsync(u => u.Code == "990200");
        storedCity.ParentId.Should().Be(province.Id);
        var storedReport = await read.ProgressReports.SingleAsync(r => r.Id == report.Id);
        storedReport.PercentComplete.Should().Be(42.5m);
        storedReport.Progress.Should().Be(TaskProgress.OnTrack);
        storedReport.InvestmentWan.Should().Be(120.5m);
        (await read.IndicatorValues.CountAsync(v => v.IndicatorId == indicator.Id)).Should().Be(2);
        var kind = await read.Database.SqlQuery<string>($"SELECT kind AS \"Value\" FROM reporting_periods WHERE id = {period.Id}").SingleAsync();
        kind.Should().Be("Quarter", "enums are stored as words");
    }

    [Fact]
    public async Task ReportMoneyBySourceMilestonesAndSubmittedVersions_RoundTripAsJson()
    {
        var planId = await SavePlanAsync("映射测试规划十七", "测试〔2020〕17号");
        await using var db = database.CreateContext();
        var task = await db.PlanNodes.SingleAsync(n => n.Kind == NodeKind.Task && db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId));
        var unit = new OrgUnit("映射自治区", "Mapping Region", UnitKind.Province, "990700", 1);
        db.Units.Add(unit);
        var period = await new PeriodBuilder().OfPlan(planId).HalfYear(2013, 1).SaveAsync(db);

        var draft = new ReportDraft(
            TaskProgress.OnTrack, 55m, "进展情况", "主要成效", null, "下一步工作", null,
            [new InvestmentBySource(FundingSource.Local, 80m), new InvestmentBySource(FundingSource.Central, 120.5m)],
            [new Milestone("示范平台上线", new(2013, 5, 20)), new Milestone("完成中期检查", new(2013, 3, 1))]);
        var report = await ReportBuilder.For(period, task, unit.Id).At(Now)
            .WithContent(draft).WithEvidence(new EvidenceRef("验收报告.pdf", new string('a', 64), 2048)).Submitted().SaveAsync(db);

        await using var read = database.CreateContext();
        var stored = await read.ProgressReports.Include(r => r.Versions).SingleAsync(r => r.Id == report.Id);
        stored.InvestmentWan.Should().Be(200.5m, "the total of a split without a typed total is its sum");
        stored.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 120.5m), new InvestmentBySource(FundingSource.Local, 80m));
        stored.Milestones.Select(m => m.Title).Should().Equal("完成中期检查", "示范平台上线");
        var version = stored.Versions.Should().ContainSingle().Subject;
        version.Number.Should().Be(1);
        version.Content.Milestones.Should().HaveCount(2);
        version.Content.Evidence.Should().ContainSingle().Which.FileName.Should().Be("验收报告.pdf");
        var sources = await read.Database.SqlQuery<string>($"SELECT investment_sources::text AS \"Value\" FROM progress_reports WHERE id = {report.Id}").SingleAsync();
        sources.Should().Contain("\"Central\"", "sources are stored as words in the jsonb column");
    }

    [Fact]
    public async Task NationalIndicatorValue_TwiceForSamePeriod_IsRefused()
    {
        var planId = await SavePlanAsync("映射测试规划六", "测试〔2020〕6号");
        await using var db = database.CreateContext();
        var indicator = await db.Indicators.SingleAsync(i => db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId));
        var period = await new PeriodBuilder().OfPlan(planId).Annual(2013).SaveAsync(db);
        db.IndicatorValues.Add(new IndicatorValue(indicator.Id, null, period.Id, 25m, null, null, null, null, Now));
        await db.SaveChangesAsync();

        db.IndicatorValues.Add(new IndicatorValue(indicator.Id, null, period.Id, 26m, null, null, null, null, Now));
        var act = () => db.SaveChangesAsync();

        (await act.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation, "NULLS NOT DISTINCT keeps one national figure per period");
    }

    [Fact]
    public async Task Adjustment_WithChanges_StoresPayloadAsJsonb()
    {
        var planId = await SavePlanAsync("映射测试规划七", "测试〔2020〕7号");
        await using var db = database.CreateContext();
        var versionId = await db.PlanVersions.Where(v => v.PlanId == planId).Select(v => v.Id).SingleAsync();
        var adjustment = new Adjustment(planId, versionId, "调整目标", "监测显示滞后", "规划司", null, Now);
        adjustment.AddChange(new AdjustmentChange(AdjustmentChangeKind.ReviseTarget, Guid.NewGuid(), """{"target":"≥40"}""", 1));
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();

        var target = await db.Database.SqlQuery<string>($"SELECT payload->>'target' AS \"Value\" FROM adjustment_changes WHERE adjustment_id = {adjustment.Id}").SingleAsync();
        target.Should().Be("≥40");
    }

    [Fact]
    public async Task AuditLog_Insert_Succeeds_ButUpdateDeleteAndTruncateAreRefused()
    {
        await using var db = database.CreateContext();
        db.AuditEntries.Add(new AuditEntry(Now, "u1", "规划司张三", null, "create", "Plan", "1", null, """{"title":"x"}""", "req-1"));
        await db.SaveChangesAsync();
        var id = await db.AuditEntries.MaxAsync(a => a.Id);

        var update = () => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET user_name = 'someone else' WHERE id = {id}");
        var delete = () => db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE id = {id}");
        var truncate = () => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_log");

        foreach (var act in new[] { update, delete, truncate })
        {
            (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
        }

        (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id)).UserName.Should().Be("规划司张三");
    }

    [Fact]
    public async Task ProgressReport_PercentOver100_IsRefusedByCheckConstraint()
    {
        var planId = await SavePlanAsync("映射测试规划八", "测试〔2020〕8号");
        await using var db = database.CreateContext();
        var task = await db.PlanNodes.SingleAsync(n => n.Kind == NodeKind.Task && db.PlanVersions.Any(v => v.Id == n.PlanVersionId && v.PlanId == planId));
        var unit = new OrgUnit("约束省", null, UnitKind.Province, "980000", 1);
        db.Units.Add(unit);
        var period = await new PeriodBuilder().OfPlan(planId).Annual(2014).SaveAsync(db);
        await ReportBuilder.For(period, task, unit.Id).At(Now).SaveAsync(db);

        var act = () => db.Database.ExecuteSqlAsync($"UPDATE progress_reports SET percent_complete = 120 WHERE task_id = {task.Id}");

        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
    }

    private async Task<int> SavePlanAsync(string title, string documentNumber, bool withBaseline = true)
    {
        await using var db = database.CreateContext();
        var plan = new Plan(title, documentNumber, "科学技术部", new DateOnly(2020, 3, 1), 2021, 2025, Now);
        var version = plan.AddVersion(new PlanVersion(1, "一、总则\n专栏：示例\n示例任务。", new string('a', 64), Now));
        var chapter = new PlanNode(NodeKind.Chapter, "一", "总则", "总则", 0, 1, 0, new SourceSpan(0, 20), Guid.NewGuid());
        var column = new PlanNode(NodeKind.SpecialColumn, null, "示例", "示例任务。", 1, 1, 1, new SourceSpan(5, 15), Guid.NewGuid());
        var task = new PlanNode(NodeKind.Task, "1", "示例任务", "示例任务", 2, 1, 2, new SourceSpan(10, 4), Guid.NewGuid());
        chapter.AddChild(column);
        column.AddChild(task);
        version.AddNode(chapter);
        version.AddNode(column);
        version.AddNode(task);
        var indicator = new Indicator(
            "国家现代服务业产业化基地",
            "产业",
            "家",
            withBaseline ? 2010 : null,
            withBaseline ? new StatedValue("18", TargetComparison.Exactly, 18m, 18m) : null,
            2015,
            new StatedValue("≥50", TargetComparison.AtLeast, 50m, null),
            IndicatorNature.Binding,
            1,
            Guid.NewGuid());
        indicator.LinkTo(chapter);
        version.AddIndicator(indicator);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }
}
