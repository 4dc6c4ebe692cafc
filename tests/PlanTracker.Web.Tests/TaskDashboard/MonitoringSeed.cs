using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.TaskDashboard;

/// <summary>Rows the monitoring pages' tests start from, written through the database context and the domain's own steps.</summary>
public static class MonitoringSeed
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The shipped plan (the seeded database's only plan) and its published version.</summary>
    public static async Task<(int Plan, int Version)> PlanAsync(string connectionString)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        var version = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).OrderByDescending(v => v.Number).FirstAsync();
        return (version.PlanId, version.Id);
    }

    /// <summary>An annual period of the plan (status Closed: opened in its time, now over).</summary>
    public static async Task<int> AnnualPeriodAsync(string connectionString, int planId, int year) =>
        (await new PeriodBuilder().OfPlan(planId).Annual(year).Closed().SaveAsync(connectionString)).Id;

    /// <summary>The task number <paramref name="taskIndex"/> of the published version, with its span set to the given days.</summary>
    public static async Task<int> TaskAsync(string connectionString, int taskIndex, DateOnly startsOn, DateOnly endsOn)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        var (_, version) = await PlanAsync(connectionString);
        var taskId = await db.PlanNodes.Where(n => n.PlanVersionId == version && n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(taskIndex).Select(n => n.Id).FirstAsync();
        await ExecuteAsync(connectionString, $"DELETE FROM task_assignments WHERE task_id = {taskId}");
        await ExecuteAsync(connectionString, $"UPDATE plan_nodes SET starts_on = '{startsOn:yyyy-MM-dd}', ends_on = '{endsOn:yyyy-MM-dd}' WHERE id = {taskId}");
        return taskId;
    }

    public static async Task<int> UnitAsync(string connectionString, string code)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        return await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    public static async Task AssignAsync(string connectionString, int taskId, string unitCode, AssignmentRole role)
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        var task = await db.PlanNodes.SingleAsync(n => n.Id == taskId);
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        db.TaskAssignments.Add(new TaskAssignment(task, unit, role, At));
        await db.SaveChangesAsync();
    }

    /// <summary>A report written, submitted and approved, with the unit's status words and percent.</summary>
    public static async Task<long> ApprovedReportAsync(string connectionString, int periodId, int taskId, string unitCode, decimal percent, TaskProgress says)
    {
        var unitId = await UnitAsync(connectionString, unitCode);
        var report = await ReportBuilder.For(periodId, taskId, unitId).At(At)
            .WithContent(ReportDraft.Of(says, percent, "推进情况", "主要成效", "存在问题", "下一步安排", null))
            .Approved().SaveAsync(connectionString);
        return report.Id;
    }

    /// <summary>An indicator added to the published version.</summary>
    public static async Task<int> IndicatorAsync(
        string connectionString, string name, int baselineYear, string baseline, int targetYear, string target,
        IndicatorDirection direction = IndicatorDirection.HigherIsBetter, IndicatorAggregation aggregation = IndicatorAggregation.NationalOnly, string unit = "个")
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        var version = await db.PlanVersions.Include(v => v.Indicators).Where(v => v.Status == PlanVersionStatus.Published).OrderByDescending(v => v.Number).FirstAsync();
        var indicator = new Indicator(name, "测试", unit, null, null, null, StatedValue.Parse(target), IndicatorNature.Expected, version.Indicators.Count + 1, Guid.NewGuid(), aggregation);
        indicator.Revise(new IndicatorDraft(name, "测试", unit, IndicatorNature.Expected, direction, aggregation, baselineYear, baseline, null, targetYear, target), []).Should().BeEmpty();
        version.AddIndicator(indicator);
        await db.SaveChangesAsync();
        return indicator.Id;
    }

    /// <summary>An approved indicator value: the national figure when <paramref name="unitCode"/> is null.</summary>
    public static async Task ApprovedValueAsync(string connectionString, int indicatorId, int periodId, string? unitCode, decimal value, string source = "统计年鉴")
    {
        await using var db = SeededDatabase.CreateContext(connectionString);
        int? unitId = unitCode is null ? null : await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        var figure = new IndicatorValue(indicatorId, unitId, periodId, value, null, null, source, null, At);
        Succeeded(figure.Submit("reporter", At));
        Succeeded(figure.Approve("planner", At));
        db.IndicatorValues.Add(figure);
        await db.SaveChangesAsync();
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void Succeeded(ReportOutcome outcome) => outcome.Refusal.Should().BeNull();
}
