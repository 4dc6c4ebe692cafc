using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;

namespace PlanTracker.EndToEnd.Tests;

/// <summary>The entry form's money by source and milestone rows in a real browser, with the add-a-row script.</summary>
[Collection(PortalCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Browser)]
public sealed class ReportContentInChromiumTests(PortalInChromium portal)
{
    [Fact]
    public async Task Reporter_AddsAFourthMilestoneRow_AndSavesTheSplit_TheTotalIsTheirSum()
    {
        // A task far from the ones the other browser tests pick (they share one database and order tasks the same way).
        var (periodId, taskId) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 30, "110000");
        var (reporter, errors) = await portal.SignedInPageAsync("bj-reporter");

        await reporter.GotoAsync($"/progress/{periodId}/tasks/{taskId}");
        await reporter.GetByLabel("中央财政").FillAsync("80");
        await reporter.GetByLabel("银行贷款").FillAsync("20");
        await Assertions.Expect(reporter.Locator("[data-milestone-row]")).ToHaveCountAsync(3);
        await reporter.GetByRole(AriaRole.Button, new() { Name = "增加一行" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("[data-milestone-row]")).ToHaveCountAsync(4);
        await reporter.Locator("#Milestones_3__Title").FillAsync("完成中期检查");
        await reporter.Locator("#Milestones_3__ReachedOn").FillAsync("2014-07-01");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(reporter.Locator("body")).ToContainTextAsync("草稿已保存");

        await using var db = AppDbContextOptions.Create(portal.ConnectionString);
        var report = await db.ProgressReports.AsNoTracking().SingleAsync(r => r.PeriodId == periodId && r.TaskId == taskId);
        report.InvestmentWan.Should().Be(100m);
        report.InvestmentSources.Should().Equal(new InvestmentBySource(FundingSource.Central, 80m), new InvestmentBySource(FundingSource.BankLoan, 20m));
        report.Milestones.Should().Equal(new Milestone("完成中期检查", new(2014, 7, 1)));
        errors.Should().BeEmpty();
    }
}
