using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Messages;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using static PlanTracker.Web.Tests.Progress.ReportForms;

namespace PlanTracker.Web.Tests.Completeness;

/// <summary>催报 over HTTP: a planner sends reminders from the overdue list and sees whether each unit read the last one.</summary>
public sealed class ReminderPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Remind_OneUnit_ThenAll_StoresAMessageEach_WithTheCount_AndShowsWhenItWasRead()
    {
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 0, "110000");
        await AssignAnotherTaskAsync(portal.ConnectionString, 1, "110000");
        await AssignAnotherTaskAsync(portal.ConnectionString, 2, "310000");
        var beijing = await UnitIdAsync(portal.ConnectionString, "110000");
        var shanghai = await UnitIdAsync(portal.ConnectionString, "310000");
        var overdue = $"/review/periods/{period}/overdue";
        using var planner = await portal.SignedInClientAsync("planner");
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        // The form proposes a text built from the period and its due date, with the count to fill in per unit.
        var page = await planner.GetStringAsync(Url(overdue));
        page.Should().Contain("2011年度进展填报已于2012年1月31日截止").And.Contain("{未报送数}").And.Contain("未催报");

        var one = await PostAsync(planner, overdue + "/remind", page, ("UnitId", beijing.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Body", "贵单位尚有{未报送数}项任务未报送，请于本周内报送。"));
        one.StatusCode.Should().Be(HttpStatusCode.OK);
        (await one.Content.ReadAsStringAsync()).Should().Contain("已向1个单位发送催报消息");
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var sent = await db.PortalMessages.SingleAsync(m => m.PeriodId == period);
            sent.UnitId.Should().Be(beijing);
            sent.Kind.Should().Be(MessageKind.Reminder);
            sent.Body.Should().Be("贵单位尚有2项任务未报送，请于本周内报送。");
        }

        // The unit reads it; the overdue list says so.
        var inbox = await reporter.GetStringAsync(Url("/messages"));
        inbox.Should().Contain("催报：2011年度进展填报").And.Contain("message-unread");
        var id = await MessageIdAsync(period, beijing);
        (await reporter.GetStringAsync(Url($"/messages/{id}"))).Should().Contain("贵单位尚有2项任务未报送");
        page = await planner.GetStringAsync(Url(overdue));
        page.Should().Contain("bj-reporter于");

        // To all overdue units at once.
        var all = await PostAsync(planner, overdue + "/remind", page, ("Body", "请尽快报送（{未报送数}项）。"));
        all.StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            // Other tests of the class assign tasks of the same plan too: every overdue unit gets one, with its own count.
            var sent = await db.PortalMessages.Where(m => m.PeriodId == period && m.Body.StartsWith("请尽快")).Select(m => new { m.UnitId, m.Body }).ToListAsync();
            sent.Should().ContainEquivalentOf(new { UnitId = beijing, Body = "请尽快报送（2项）。" }).And.ContainEquivalentOf(new { UnitId = shanghai, Body = "请尽快报送（1项）。" });
            sent.Select(m => m.UnitId).Should().OnlyHaveUniqueItems().And.HaveCount(System.Text.RegularExpressions.Regex.Matches(page, "name=\"UnitId\"").Count);
        }

        (await planner.GetStringAsync(Url(overdue))).Should().Contain("未读");
    }

    [Fact]
    public async Task Remind_WithoutText_OrBeforeTheDueDate_IsRefused_AndSendsNothing()
    {
        var (past, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 3, "440000");
        var (future, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2090, 4, "440000");
        using var planner = await portal.SignedInClientAsync("planner");
        var page = await planner.GetStringAsync(Url($"/review/periods/{past}/overdue"));

        var blank = await PostAsync(planner, $"/review/periods/{past}/overdue/remind", page, ("Body", "  "));
        var early = await PostAsync(planner, $"/review/periods/{future}/overdue/remind", page, ("Body", "请报送"));

        blank.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await blank.Content.ReadAsStringAsync()).Should().Contain("催报内容不能为空");
        early.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await early.Content.ReadAsStringAsync()).Should().Contain("填报尚未截止，不能催报");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PortalMessages.AnyAsync(m => m.PeriodId == past || m.PeriodId == future)).Should().BeFalse();
    }

    [Fact]
    public async Task Evaluator_SeesTheOverdueList_WithoutTheReminderForm()
    {
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 5, "440000");
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var page = await evaluator.GetStringAsync(Url($"/review/periods/{period}/overdue"));

        page.Should().Contain("最近催报").And.NotContain("name=\"Body\"");
    }

    private async Task<long> MessageIdAsync(int period, int unit)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.PortalMessages.Where(m => m.PeriodId == period && m.UnitId == unit).Select(m => m.Id).FirstAsync();
    }
}
