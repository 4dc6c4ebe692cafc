using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ProgressWorkflowInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task Reporter_EntersAttachesAndSubmits_PlannerReturns_ReporterResubmits_PlannerApproves()
    {
        var (periodId, taskId) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 3, "110000");
        var entry = $"/progress/{periodId}/tasks/{taskId}";
        var (reporter, reporterErrors) = await portal.SignedInPageAsync("bj-reporter");

        await reporter.GotoAsync(entry);
        await reporter.Locator("#Progress").SelectOptionAsync("OnTrack");
        await reporter.Locator("#PercentComplete").FillAsync("40");
        await reporter.Locator("#ProgressText").FillAsync("已建成区域电子商务公共服务平台一期");
        await reporter.Locator("#Achievements").FillAsync("接入企业120家");
        await reporter.Locator("#NextSteps").FillAsync("推进二期建设");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("#ProgressText")).ToHaveValueAsync("已建成区域电子商务公共服务平台一期");
        await reporter.Locator("#evidence-files").SetInputFilesAsync(new FilePayload
        {
            Name = "进展证明.pdf",
            MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        });
        await reporter.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(reporter.GetByRole(AriaRole.Link, new() { Name = "进展证明.pdf" })).ToBeVisibleAsync();
        await reporter.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("已报送");

        var reportId = await ReportIdAsync(periodId, taskId);
        var (planner, plannerErrors) = await portal.SignedInPageAsync("planner");
        await planner.GotoAsync($"/progress/reports/{reportId}");
        await Assertions.Expect(planner.GetByRole(AriaRole.Link, new() { Name = "进展证明.pdf" })).ToBeVisibleAsync();
        await planner.Locator("#Comment").FillAsync("请补充投入资金");
        await planner.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
        await Assertions.Expect(planner.Locator("body")).ToContainTextAsync("已退回");

        await reporter.GotoAsync(entry);
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("请补充投入资金");
        await reporter.Locator("#InvestmentWan").FillAsync("350");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("已报送");

        await planner.GotoAsync($"/progress/reports/{reportId}");
        await planner.GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true }).ClickAsync();
        await Assertions.Expect(planner.Locator("body")).ToContainTextAsync("已通过");
        await reporter.GotoAsync(entry);
        await Assertions.Expect(reporter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" })).ToHaveCountAsync(0);

        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        (await db.ProgressReports.SingleAsync(r => r.Id == reportId)).Status.Should().Be(ReportStatus.Approved);
        reporterErrors.Should().BeEmpty();
        plannerErrors.Should().BeEmpty();
    }


    private async Task<long> ReportIdAsync(int periodId, int taskId)
    {
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        return await db.ProgressReports.Where(r => r.PeriodId == periodId && r.TaskId == taskId).Select(r => r.Id).SingleAsync();
    }
}
