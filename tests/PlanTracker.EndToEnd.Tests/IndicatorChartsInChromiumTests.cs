using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>The task page's and the indicator page's charts drawn by Chart.js in a real browser, under the CSP.</summary>
[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class IndicatorChartsInChromiumTests(PortalInChromium portal)
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TaskPage_And_IndicatorPage_DrawTheirCharts_WithData_AndNoConsoleError()
    {
        var (taskId, indicatorId) = await SeedAsync();
        var (page, errors) = await portal.SignedInPageAsync("planner");

        await page.GotoAsync($"/monitoring/tasks/{taskId}?asOf=2013-12-31");
        var taskChart = page.Locator("canvas#task-progress-canvas");
        await Assertions.Expect(taskChart).ToHaveAttributeAsync("data-rendered", "true");
        int.Parse(await taskChart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        await Assertions.Expect(page.Locator("#table-units")).ToContainTextAsync("北京市");

        await page.GotoAsync($"/monitoring/indicators/{indicatorId}?asOf=2014-06-30");
        var indicatorChart = page.Locator("canvas#indicator-values-canvas");
        await Assertions.Expect(indicatorChart).ToHaveAttributeAsync("data-rendered", "true");
        int.Parse(await indicatorChart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        await Assertions.Expect(page.Locator(".verdict")).ToHaveTextAsync("快于预期");

        errors.Should().BeEmpty();
    }

    /// <summary>A task (far from the other browser tests' ones) with one approved report, and an indicator with one national figure.</summary>
    private async Task<(int Task, int Indicator)> SeedAsync()
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var version = await db.PlanVersions.Include(v => v.Indicators).Where(v => v.Status == PlanVersionStatus.Published).OrderByDescending(v => v.Number).FirstAsync();
        var task = await db.PlanNodes.Where(n => n.PlanVersionId == version.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(45).FirstAsync();
        var unit = await db.Units.SingleAsync(u => u.Code == "110000");
        var period = new PeriodBuilder().OfPlan(version.PlanId).Quarter(2013, 2).Labelled("2013年第二季度（图表测试）").Closed().Build();
        db.ReportingPeriods.Add(period);
        if (!await db.TaskAssignments.AnyAsync(a => a.TaskId == task.Id && a.UnitId == unit.Id))
        {
            db.TaskAssignments.Add(new TaskAssignment(task, unit, AssignmentRole.Lead, At));
        }

        var indicator = new Indicator("图表测试指标", "测试", "个", null, null, null, StatedValue.Parse("≥200"), IndicatorNature.Expected, version.Indicators.Count + 1, Guid.NewGuid(), IndicatorAggregation.NationalOnly);
        indicator.Revise(new IndicatorDraft("图表测试指标", "测试", "个", IndicatorNature.Expected, IndicatorDirection.HigherIsBetter, IndicatorAggregation.NationalOnly, 2010, "100", null, 2015, "≥200"), []).Should().BeEmpty();
        version.AddIndicator(indicator);
        await db.SaveChangesAsync();

        db.ProgressReports.Add(ReportBuilder.For(period, task, unit.Id).At(At)
            .WithContent(ReportDraft.Of(TaskProgress.OnTrack, 40m, "推进情况", "主要成效", "存在问题", "下一步安排", null)).Approved().Build());
        var figure = new IndicatorValue(indicator.Id, null, period.Id, 190m, null, "个", "国家统计局", null, At);
        figure.Submit("planner", At).Refusal.Should().BeNull();
        figure.Approve("planner", At).Refusal.Should().BeNull();
        db.IndicatorValues.Add(figure);
        await db.SaveChangesAsync();
        return (task.Id, indicator.Id);
    }
}
