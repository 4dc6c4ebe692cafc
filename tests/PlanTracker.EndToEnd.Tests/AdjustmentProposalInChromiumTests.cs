using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
public sealed partial class AdjustmentProposalInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task Planner_DraftsAProposalWithTwoChanges_AndSubmitsIt()
    {
        // Arrange: from the plan's outline to its proposals. The proposal's own page belongs to the decisions
        // feature: the submit reaches the portal, and its redirect is kept here instead of being followed.
        var (page, errors) = await portal.SignedInPageAsync("planner");
        string? redirectedTo = null;
        await page.RouteAsync(SubmitUrl(), async route =>
        {
            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            redirectedTo = response.Headers.GetValueOrDefault("location");
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>ok</title>" });
        });
        await page.GotoAsync("/plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "现代服务业科技发展“十二五”专项规划" }).ClickAsync();
        await page.Locator(".plan-adjustments").GetByRole(AriaRole.Link, new() { Name = "调整方案" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新建调整方案" }).ClickAsync();

        // Act: the draft, then two changes
        await page.GetByLabel("标题").FillAsync("浏览器中起草的调整方案");
        await page.GetByLabel("调整理由").FillAsync("监测显示两项任务需要调整。");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("调整方案草稿已创建");

        var cancel = page.Locator("details[data-kind=CancelTask]");
        await cancel.Locator("summary").ClickAsync();
        await cancel.Locator("select[name=TaskKey]").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await cancel.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("变更已添加。");

        var reword = page.Locator("details[data-kind=RewordTask]");
        await reword.Locator("summary").ClickAsync();
        await reword.Locator("select[name=TaskKey]").SelectOptionAsync(new SelectOptionValue { Index = 3 });
        await reword.GetByLabel("新的任务名称").FillAsync("浏览器中改写的任务名称");
        await reword.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Assertions.Expect(page.Locator(".proposal-change-list li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".proposal-change-list")).ToContainTextAsync("浏览器中改写的任务名称");
        var editor = page.Url;

        await page.Locator(".proposal-submit").GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await page.WaitForURLAsync(SubmitUrl());

        // Assert
        var id = int.Parse(SubmitUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        editor.Should().EndWith($"/adjustments/{id}/edit");
        redirectedTo.Should().Be($"/adjustments/{id}");
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var adjustment = await db.Adjustments.AsNoTracking().Include(a => a.Changes).SingleAsync(a => a.Id == id);
        adjustment.Status.Should().Be(AdjustmentStatus.Submitted);
        adjustment.Title.Should().Be("浏览器中起草的调整方案");
        adjustment.Changes.Select(c => c.Kind).Should().BeEquivalentTo([AdjustmentChangeKind.CancelTask, AdjustmentChangeKind.RewordTask]);
        errors.Should().BeEmpty("the proposal pages must satisfy the CSP and run without script errors");
    }

    [GeneratedRegex(@"/adjustments/([0-9]+)/submit$")]
    private static partial Regex SubmitUrl();
}
