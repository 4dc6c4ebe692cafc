using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Messages;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;
using static PlanTracker.Web.Tests.Progress.ReportForms;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>重新开放 over HTTP: a planner reopens one unit's report with a reason; the unit may then change it, even in a closed period.</summary>
public sealed class ReopenPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    [Fact]
    public async Task Reopen_AnApprovedReport_NeedsAReason_ThenTheUnitMayChangeAndResubmit_AndIsTold()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2041, 0, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete());
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        var page = $"/progress/reports/{report.Id}";
        (await PostAsync(planner, page + "/approve", await planner.GetStringAsync(Url(page)))).StatusCode.Should().Be(HttpStatusCode.OK);

        var approved = await planner.GetStringAsync(Url(page));
        approved.Should().Contain("重新开放理由");
        var noReason = await PostAsync(planner, page + "/reopen", approved, ("Comment", "  "), ("RowVersion", ReopenRowVersion(approved)));
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("重新开放须填写理由");
        (await ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Approved);

        var reopened = await PostAsync(planner, page + "/reopen", approved, ("Comment", "请按资金来源补报投资"), ("RowVersion", ReopenRowVersion(approved)));
        reopened.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reopened.Content.ReadAsStringAsync()).Should().Contain("重新开放理由：请按资金来源补报投资");
        var after = (await ReportAsync(portal.ConnectionString, period, task))!;
        after.Status.Should().Be(ReportStatus.Returned);
        after.IsReopened.Should().BeTrue();

        var form = await reporter.GetStringAsync(Url(entry));
        form.Should().Contain("保存草稿").And.Contain("重新开放理由：请按资金来源补报投资");
        (await PostAsync(reporter, entry + "/submit", form, Complete("修订后的进展。"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Submitted);

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var message = await db.PortalMessages.SingleAsync(m => m.UnitId == report.UnitId && m.PeriodId == period);
        message.Kind.Should().Be(MessageKind.ReportReturned);
        message.Subject.Should().StartWith("报告已重新开放");
        message.Body.Should().Contain("请按资金来源补报投资");
        message.SentBy.Should().Be("planner");
    }

    [Fact]
    public async Task Reopen_ADraftOfAnOpenPeriod_IsRefused_AndNothingIsStored()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2042, 1, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ("ProgressText", "起步"));
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        var page = await planner.GetStringAsync(Url($"/progress/reports/{report.Id}"));
        page.Should().NotContain("reopen-form", "an open period's draft offers no reopening");

        var refused = await PostAsync(planner, $"/progress/reports/{report.Id}/reopen", page, ("Comment", "理由"), ("RowVersion", report.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("该报告无需重新开放");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.ProgressReportEvents.AnyAsync(e => e.ProgressReportId == report.Id && e.Step == ReportStep.Reopened)).Should().BeFalse();
        (await db.PortalMessages.AnyAsync(m => m.PeriodId == period)).Should().BeFalse();
    }

    [Fact]
    public async Task ClosedPeriod_LocksTheUnitsReports_UntilAPlannerReopensOne_AndTheOthersStayLocked()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2043, 2, Beijing);
        var other = await AssignAnotherTaskAsync(portal.ConnectionString, 3, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        var otherEntry = $"/progress/{period}/tasks/{other}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ("ProgressText", "起步"));
        await PostAsync(reporter, otherEntry + "/save", await reporter.GetStringAsync(Url(otherEntry)), ("ProgressText", "另一项"));
        await ClosePeriodAsync(portal.ConnectionString, period);

        // Closed: the form is gone and a save is refused.
        var locked = await reporter.GetStringAsync(Url(entry));
        locked.Should().NotContain("保存草稿").And.Contain("填报期未开放");
        (await PostAsync(reporter, entry + "/save", locked, ("ProgressText", "迟到的修改"))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        // Reopened with a reason: the unit saves, attaches evidence and submits that report.
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        var page = await planner.GetStringAsync(Url($"/progress/reports/{report.Id}"));
        (await PostAsync(planner, $"/progress/reports/{report.Id}/reopen", page, ("Comment", "系统故障，允许补报"), ("RowVersion", ReopenRowVersion(page)))).StatusCode.Should().Be(HttpStatusCode.OK);
        var form = await reporter.GetStringAsync(Url(entry));
        form.Should().Contain("保存草稿").And.Contain("该报告已由规划司重新开放").And.NotContain("填报期未开放");
        using (var upload = new MultipartFormDataContent())
        {
            upload.Add(new StringContent(Antiforgery.TokenIn(form)), "__RequestVerificationToken");
            var pdf = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
            pdf.Headers.ContentType = new("application/pdf");
            upload.Add(pdf, "files", "补报说明.pdf");
            (await reporter.PostAsync(Url(entry + "/evidence"), upload)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Submitted);

        // The other report of the closed period stays locked.
        var otherForm = await reporter.GetStringAsync(Url(otherEntry));
        otherForm.Should().NotContain("保存草稿");
        (await PostAsync(reporter, otherEntry + "/save", otherForm, ("ProgressText", "也想改"))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReportAsync(portal.ConnectionString, period, other))!.ProgressText.Should().Be("另一项");
    }

    [Fact]
    public async Task ReopenTask_OfAClosedPeriodWithoutReport_StartsAndReopensIt_ForThatUnitOnly()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2044, 4, Beijing);
        var beijing = await UnitIdAsync(portal.ConnectionString, Beijing);
        var cell = $"/review/periods/{period}/units/{beijing}/tasks/{task}/reopen";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");

        // While the period is open there is nothing to reopen.
        var unitPage = await planner.GetStringAsync(Url($"/review/periods/{period}/units/{beijing}"));
        unitPage.Should().NotContain("reopen-task");
        var open = await PostAsync(planner, cell, unitPage, ("Reason", "补报"));
        open.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await open.Content.ReadAsStringAsync()).Should().Contain("填报期未关闭");

        await ClosePeriodAsync(portal.ConnectionString, period);
        unitPage = await planner.GetStringAsync(Url($"/review/periods/{period}/units/{beijing}"));
        unitPage.Should().Contain($"action=\"{cell}\"");
        var blank = await PostAsync(planner, cell, unitPage, ("Reason", " "));
        blank.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await blank.Content.ReadAsStringAsync()).Should().Contain("重新开放须填写理由");
        (await ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();

        (await PostAsync(planner, cell, unitPage, ("Reason", "该单位系统账号延迟开通"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        report.IsReopened.Should().BeTrue();
        report.Status.Should().Be(ReportStatus.Draft);

        // The unit sees it in its inbox with the reason, and may fill it in; a second reopening of the cell is refused.
        var inbox = await reporter.GetStringAsync(Url("/progress"));
        inbox.Should().Contain("已关闭填报期中重新开放的报告").And.Contain("重新开放理由：该单位系统账号延迟开通");
        var entry = $"/progress/{period}/tasks/{task}";
        (await PostAsync(reporter, entry + "/save", await reporter.GetStringAsync(Url(entry)), ("ProgressText", "补报内容"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await PostAsync(planner, cell, unitPage, ("Reason", "再来一次"));
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).Should().Contain("该单位已有此任务的报告");

        // Another unit's reporter cannot reach it.
        using var shanghai = await portal.SignedInClientAsync("sh-reporter");
        (await shanghai.GetAsync(Url(entry))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inbox_ShowsDaysToTheDeadline_AndReturnedReportsFirst_WithTheirReason()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2027, 5, Beijing);
        var first = await AssignAnotherTaskAsync(portal.ConnectionString, 6, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(Url(entry)), Complete());
        var report = (await ReportAsync(portal.ConnectionString, period, task))!;
        (await reviewer.GetStringAsync(Url("/progress"))).Should().Contain("待审核的报告").And.Contain(entry);
        var page = $"/progress/reports/{report.Id}";
        await PostAsync(planner, page + "/return", await planner.GetStringAsync(Url(page)), ("Comment", "投入资金与附件不符"));

        var inbox = await reporter.GetStringAsync(Url("/progress"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var days = new DateOnly(2028, 1, 31).DayNumber - today.DayNumber;
        inbox.Should().Contain($"还剩{days}天");
        inbox.Should().Contain("退回理由：投入资金与附件不符");
        var section = inbox[inbox.IndexOf($"data-period=\"{period}\"", StringComparison.Ordinal)..];
        section.IndexOf($"data-task=\"{task}\"", StringComparison.Ordinal).Should().BeLessThan(section.IndexOf($"data-task=\"{first}\"", StringComparison.Ordinal), "returned reports come first");

        // And the unit got the return in its inbox.
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.PortalMessages.SingleAsync(m => m.PeriodId == period)).Body.Should().Contain("退回理由：投入资金与附件不符");
    }

    [Fact]
    public async Task Inbox_OfAPastDuePeriod_SaysHowManyDaysOverdue()
    {
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2021, 7, Beijing);
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var inbox = await reporter.GetStringAsync(Url("/progress"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var section = inbox[inbox.IndexOf($"data-period=\"{period}\"", StringComparison.Ordinal)..];
        section.Should().Contain($"已逾期{today.DayNumber - new DateOnly(2022, 1, 31).DayNumber}天");
    }
}
