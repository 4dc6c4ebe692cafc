using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>
/// A planner makes the 2012 evaluation report in Chromium and prints it: the form, the report with its unit map drawn,
/// the print button. Its own portal: the report reads a unit's approved 2012 report that the other browser tests do not expect.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class EvaluationReportInChromiumTests(PortalInChromium portal) : IClassFixture<PortalInChromium>
{
    [Fact]
    public async Task Planner_ChoosesAYear_SeesTheReportWithItsPicture_AndPrintsIt()
    {
        var planId = await ApprovedReportOf2012Async();
        var (page, errors) = await portal.SignedInPageAsync("planner");

        await page.GotoAsync($"{portal.BaseUrl}/plans/{planId}/evaluation");
        await page.Locator("#year").SelectOptionAsync("2012");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成报告" }).ClickAsync();

        var report = page.Locator("article.evaluation-report");
        await Assertions.Expect(report.Locator(".report-title")).ToContainTextAsync("2012年度实施情况评估报告");
        await Assertions.Expect(report.Locator("h3.report-heading").First).ToHaveTextAsync("一、总体进展情况");
        await Assertions.Expect(report).ToContainTextAsync("已批准1份");
        var map = report.Locator("figure.report-figure img");
        await Assertions.Expect(map).ToHaveCountAsync(1);
        (await map.EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(500, "the unit map is a picture the browser could decode");

        await page.EvaluateAsync("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "打印" }).ClickAsync();
        (await page.EvaluateAsync<bool>("() => window.__printed")).Should().BeTrue();
        errors.Should().BeEmpty();
    }

    private async Task<int> ApprovedReportOf2012Async()
    {
        var (periodId, taskId) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 0, "110000");
        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var unitId = await db.Units.Where(u => u.Code == "110000").Select(u => u.Id).SingleAsync();
        await ReportBuilder.For(periodId, taskId, unitId).WrittenBy("bj-reporter").At(new DateTimeOffset(2013, 1, 20, 2, 0, 0, TimeSpan.Zero))
            .WithContent(ReportDraft.Of(TaskProgress.OnTrack, 40, "按计划推进。", "建成平台一个。", "人才不足。", "继续推进。", 10))
            .Approved().SaveAsync(db);
        return await db.ReportingPeriods.Where(p => p.Id == periodId).Select(p => p.PlanId).SingleAsync();
    }
}
