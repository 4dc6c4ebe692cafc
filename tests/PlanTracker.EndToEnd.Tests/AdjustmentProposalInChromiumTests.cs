using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed partial class AdjustmentProposalInChromiumTests(PortalInChromium portal)
{
    // A plan of its own: the other tests of the collection change the shipped plan's assignments (one leaves a task
    // with participating units only, which PlanRevision refuses for any proposal on that plan).
    private const string PlanText = """
        某省现代服务业调整试点规划
        省科技厅
        2021年6月30日
        一、发展基础
        全省服务业创新能力持续增强。
        二、重点任务
        （一）发展数字服务
        推动数字服务企业集聚发展。
        专栏：数字服务调整试点项目
        云服务试点平台、智慧物流试点平台、智能客服试点系统。
        三、保障措施
        加强组织领导，强化监测评估。
        """;

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
        int planId;
        await using (var seed = AppDbContextOptions.Create(portal.ConnectionString))
        {
            var imported = await new PlanImportService(seed, TimeProvider.System, NullLogger<PlanImportService>.Instance)
                .ImportAsync(PlanText, new PlanImportOptions { Publish = true, ActorName = "e2e" });
            planId = imported.PlanId ?? throw new InvalidOperationException(imported.Message);
        }

        await page.GotoAsync($"/plans/{planId}");
        await page.Locator(".plan-adjustments").GetByRole(AriaRole.Link, new() { Name = "调整方案" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "新建调整方案" }).ClickAsync();

        // Act: the draft, then two changes
        await page.GetByLabel("标题").FillAsync("浏览器中起草的调整方案");
        await page.GetByLabel("调整理由").FillAsync("监测显示两项任务需要调整。");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("调整方案草稿已创建");

        var cancel = page.Locator("details[data-kind=CancelTask]");
        await cancel.Locator("summary").ClickAsync();
        await cancel.Locator("select[name=TaskKey]").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await cancel.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("变更已添加。");

        var reword = page.Locator("details[data-kind=RewordTask]");
        await reword.Locator("summary").ClickAsync();
        await reword.Locator("select[name=TaskKey]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
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
