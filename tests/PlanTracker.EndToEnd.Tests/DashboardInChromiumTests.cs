using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// The monitoring dashboards in real Chromium: every chart is drawn (Chart.js under the page's CSP) and the unit tile
/// map lays out its 37 tiles. The data: the plan's last three tasks (default span 2011–2015, so 50.7% expected on
/// 2013-07-15) assigned to 河北 (60% approved), 江苏 (20%) and 浙江 (40%) in the first half of 2013.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class DashboardInChromiumTests(PortalInChromium portal)
{
    private const string AsOf = "2013-07-15";

    [Fact]
    public async Task Planner_OpensThePlanOverview_AndEveryChartIsDrawnWithData_AndTheUnitMapHas37Tiles()
    {
        var planId = await SeedAsync();
        var (page, errors) = await portal.SignedInPageAsync("planner");

        await page.GetByRole(AriaRole.Link, new() { Name = "监测", Exact = true }).ClickAsync();
        await page.Locator($"a[href='/monitoring/plans/{planId}']").ClickAsync();
        await page.GotoAsync($"/monitoring/plans/{planId}?asOf={AsOf}");

        var canvases = page.Locator("canvas[data-chart]");
        (await canvases.CountAsync()).Should().BeGreaterThanOrEqualTo(4, "colours, chapters, special columns and reporting");
        for (var i = 0; i < await canvases.CountAsync(); i++)
        {
            var canvas = canvases.Nth(i);
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-rendered", "true");
            int.Parse(await canvas.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "各单位完成情况（地图）" }).ClickAsync();
        await Assertions.Expect(page.Locator(".tile-map .tile")).ToHaveCountAsync(37);
        await Assertions.Expect(page.Locator(".tile-map .tile[data-unit-code='130000']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-green"));
        await Assertions.Expect(page.Locator(".tile-map .tile[data-unit-code='320000']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("status-red"));
        var box = await page.Locator(".tile-map .tile[data-unit-code='650000']").BoundingBoxAsync();
        var east = await page.Locator(".tile-map .tile[data-unit-code='310000']").BoundingBoxAsync();
        box!.X.Should().BeLessThan(east!.X, "新疆 lies west of 上海 on the map");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^江苏省：完成进度20%") }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("江苏省");
        await Assertions.Expect(page.Locator("#table-tasks")).ToContainTextAsync("滞后30.7个百分点");
        errors.Should().BeEmpty();
    }

    private async Task<int> SeedAsync()
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var now = DateTimeOffset.UtcNow;
        var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderByDescending(n => n.Position).Take(3).ToListAsync();
        var planId = await db.PlanVersions.Where(v => v.Id == tasks[0].PlanVersionId).Select(v => v.PlanId).SingleAsync();
        var units = await db.Units.Where(u => u.Code == "130000" || u.Code == "320000" || u.Code == "330000").ToDictionaryAsync(u => u.Code!);
        var plan = new (int Task, string Unit, decimal Percent)[] { (0, "130000", 60), (1, "320000", 20), (2, "330000", 40) };
        foreach (var (task, unit, _) in plan)
        {
            db.TaskAssignments.Add(new TaskAssignment(tasks[task], units[unit], AssignmentRole.Lead, now));
        }

        var period = await new PeriodBuilder().OfPlan(planId).HalfYear(2013, 1).EntryDates(new(2013, 7, 1), new(2013, 7, 20), new(2013, 8, 10)).Open().SaveAsync(db);
        foreach (var (task, unit, percent) in plan)
        {
            await ReportBuilder.For(period, tasks[task], units[unit].Id).At(now).Saying(TaskProgress.OnTrack, percent).Approved().SaveAsync(db);
        }

        return planId;
    }
}
