using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class AssignmentsInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task Planner_AssignsATaskToALeadAndParticipants_WithTheGroupBox_AndSeesItOnTheUnitsPage()
    {
        var (task, title) = await TaskAsync(9);
        var (page, errors) = await portal.SignedInPageAsync("planner");
        await page.GotoAsync($"/assignments/tasks/{task}");

        await page.Locator("#LeadUnitId").SelectOptionAsync(new SelectOptionValue { Label = "北京市" });
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "上海市", Exact = true }).CheckAsync();
        var cities = page.Locator("fieldset", new() { HasText = "计划单列市" });
        await cities.GetByRole(AriaRole.Checkbox, new() { Name = "本组全部" }).CheckAsync();
        await Assertions.Expect(cities.Locator("[data-pick-one]:checked")).ToHaveCountAsync(5);
        await cities.GetByRole(AriaRole.Checkbox, new() { Name = "深圳市", Exact = true }).UncheckAsync();
        await Assertions.Expect(cities.GetByRole(AriaRole.Checkbox, new() { Name = "本组全部" })).Not.ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存分配" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("已保存：新增6个分配");
        var assigned = page.Locator("table.assigned-units tbody tr");
        await Assertions.Expect(assigned).ToHaveCountAsync(6);
        await Assertions.Expect(assigned.First).ToContainTextAsync("北京市");
        await Assertions.Expect(assigned.First).ToContainTextAsync("牵头");
        await Assertions.Expect(page.Locator("table.assigned-units")).Not.ToContainTextAsync("深圳市");

        await assigned.First.GetByRole(AriaRole.Link, new() { Name = "北京市" }).ClickAsync();
        var row = page.Locator($"tr[data-task-id='{task}']");
        await Assertions.Expect(row).ToContainTextAsync(title);
        await Assertions.Expect(row).ToContainTextAsync("牵头");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Reporter_SeesItsOwnUnitsAssignments_AndGetsTheChinese404ForAnotherUnit()
    {
        var (task, title) = await TaskAsync(10);
        int beijing, shanghai;
        await using (var db = AppDbContextOptions.Create(portal.ConnectionString))
        {
            var node = await db.PlanNodes.SingleAsync(n => n.Id == task);
            var unit = await db.Units.SingleAsync(u => u.Code == "110000");
            db.TaskAssignments.Add(new TaskAssignment(node, unit, AssignmentRole.Participating, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            beijing = unit.Id;
            shanghai = await db.Units.Where(u => u.Code == "310000").Select(u => u.Id).SingleAsync();
        }

        var (page, errors) = await portal.SignedInPageAsync("bj-reporter");
        await page.GetByRole(AriaRole.Link, new() { Name = "本单位" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/units/{beijing}$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("北京市");
        await Assertions.Expect(page.Locator($"tr[data-task-id='{task}']")).ToContainTextAsync(title);

        var response = await page.GotoAsync($"/units/{shanghai}");
        response!.Status.Should().Be(404);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("页面不存在");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("上海市");

        // Chromium logs the page's own 404 status on the console; that one is the point of the test, anything else fails it.
        errors.Should().OnlyContain(e => e == "Failed to load resource: the server responded with a status of 404 (Not Found)");
    }

    private async Task<(int Id, string Title)> TaskAsync(int index)
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var task = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(index).Select(n => new { n.Id, n.Title }).FirstAsync();
        return (task.Id, task.Title);
    }
}
