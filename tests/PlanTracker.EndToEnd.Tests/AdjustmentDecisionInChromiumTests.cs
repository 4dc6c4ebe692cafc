using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// A planner decides a proposal in Chromium. The class has its own portal and database (not the shared collection):
/// approving writes a new version of the shipped plan, which the other browser tests do not expect.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class AdjustmentDecisionInChromiumTests(PortalInChromium portal) : IClassFixture<PortalInChromium>
{
    [Fact]
    public async Task Planner_OpensASubmittedProposalFromTheQueue_SeesThePreview_AndApprovesIt()
    {
        var (id, number) = await ProposeAsync();
        var (page, errors) = await portal.SignedInPageAsync("planner");

        await page.GetByRole(AriaRole.Link, new() { Name = "调整审定", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "浏览器中审定的方案" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/adjustments/{id}$"));
        var preview = page.Locator(".decision-preview");
        await Assertions.Expect(preview).ToContainTextAsync($"批准后将在第{number}版基础上形成第{number + 1}版");
        await Assertions.Expect(preview.Locator("table.data")).ToContainTextAsync("浏览器中改写的任务");
        await Assertions.Expect(page.Locator("#table-changes")).ToContainTextAsync("修改任务表述");

        await page.Locator("#approve-comment").FillAsync("同意");
        await page.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"已批准，形成第{number + 1}版");
        await Assertions.Expect(page.Locator(".proposal-resulting a")).ToHaveAttributeAsync("href", $"/plans/{await PlanIdAsync()}/versions/{number + 1}");
        await Assertions.Expect(page.Locator(".decision-forms")).ToHaveCountAsync(0);
        errors.Should().BeEmpty();
    }

    private async Task<int> PlanIdAsync()
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        return await db.Plans.Select(p => p.Id).SingleAsync();
    }

    private async Task<(int Id, int Number)> ProposeAsync()
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();
        var current = (await db.CurrentVersionAsync(planId))!;
        var snapshot = await db.SnapshotAsync(current.Id);
        var task = snapshot.Nodes.First(n => n.Kind == NodeKind.Task);
        var adjustment = new Adjustment(planId, current.Id, "浏览器中审定的方案", "进展滞后，需要调整。", "planner", null, DateTimeOffset.UtcNow);
        adjustment.AddChange(PlanChanges.ToStored(new RewordTask(task.Key, "浏览器中改写的任务", null), 1));
        adjustment.Submit("planner", DateTimeOffset.UtcNow).Succeeded.Should().BeTrue();
        db.Adjustments.Add(adjustment);
        await db.SaveChangesAsync();
        return (adjustment.Id, current.Number);
    }
}
