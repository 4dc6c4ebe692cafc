using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// Plan versions in real Chromium, on a portal of its own (an approved adjustment makes the shipped plan's version 2,
/// which the shared portal's other tests must not see): from the versions list to the diff of versions 1 and 2.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class PlanVersionsInChromiumTests(PortalInChromium portal) : IClassFixture<PortalInChromium>
{
    [Fact]
    public async Task Reporter_OpensTheVersions_ComparesVersion1With2_AndSeesTheChanges()
    {
        var (planId, oldTitle) = await ApproveAnAdjustmentAsync();
        var (page, errors) = await portal.SignedInPageAsync("bj-reporter");

        await page.GotoAsync($"/plans/{planId}/versions");
        await Assertions.Expect(page.Locator("tr.version-row")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Link, new() { Name = "与上一版比较" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("第1版与第2版比较");
        await Assertions.Expect(page.Locator(".diff-kind")).ToHaveTextAsync(["表述修改 1", "时间调整 1"]);
        var reworded = page.Locator(".diff-group[data-kind='Reworded'] tr.diff-change");
        await Assertions.Expect(reworded.Locator(".before")).ToContainTextAsync(oldTitle);
        await Assertions.Expect(reworded.Locator(".after")).ToContainTextAsync("在浏览器中看到的新表述");
        await Assertions.Expect(page.Locator(".diff-group[data-kind='DatesChanged'] .after")).ToHaveTextAsync("2013年1月1日至2014年12月31日");
        await Assertions.Expect(page.Locator("ul.between")).ToContainTextAsync("浏览器测试调整");

        await page.GetByRole(AriaRole.Link, new() { Name = "规划版本", Exact = true }).ClickAsync();
        await page.Locator("tr.version-row[data-version='1']").GetByRole(AriaRole.Link, new() { Name = "查看该版本" }).ClickAsync();
        await Assertions.Expect(page.Locator(".version-banner")).ToContainTextAsync("现行版本为第2版");
        errors.Should().BeEmpty();
    }

    private async Task<(int PlanId, string OldTitle)> ApproveAnAdjustmentAsync()
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var version = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).OrderBy(v => v.Id).FirstAsync();
        var task = await db.PlanNodes.Where(n => n.PlanVersionId == version.Id && n.Kind == NodeKind.Task).OrderBy(n => n.Position).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var adjustment = new Adjustment(version.PlanId, version.Id, "浏览器测试调整", "测试版本比较。", "planner", null, now);
        adjustment.AddChange(PlanChanges.ToStored(new RewordTask(task.Key, "在浏览器中看到的新表述", null), 1));
        adjustment.AddChange(PlanChanges.ToStored(new MoveDates(task.Key, new(2013, 1, 1), new(2014, 12, 31)), 2));
        adjustment.Submit("planner", now).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        var result = await new AdjustmentApproval(db, TimeProvider.System).ApproveAsync(adjustment.Id, "planner", "同意");
        result.Outcome.Should().Be(ApprovalOutcome.Approved, string.Join("；", result.Problems));
        return (version.PlanId, task.Title);
    }
}
