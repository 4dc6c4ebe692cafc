using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Progress;

/// <summary>The report workflow over HTTP against the seeded PostgreSQL database. Each test opens its own period (a year) and task.</summary>
public sealed partial class ProgressPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";

    [Fact]
    public async Task Workflow_Draft_IncompleteSubmit_Submit_Return_Resubmit_Approve_ThenReadOnly()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 0, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");

        // The list shows the task, not started; opening the form creates nothing.
        (await reporter.GetStringAsync(new Uri("/progress", UriKind.Relative))).Should().Contain(entry).And.Contain("未填报");
        var form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        form.Should().Contain("保存草稿");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();

        // A partial draft saves without any completeness check.
        var saved = await ReportForms.PostAsync(reporter, entry + "/save", form, ("Progress", "Behind"), ("PercentComplete", "30"), ("ProgressText", "已完成方案论证"));
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().Contain("草稿已保存");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Draft);

        // Submitting it lists exactly what is missing, and it stays a draft.
        form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        var incomplete = await ReportForms.PostAsync(reporter, entry + "/submit", form, ("Progress", "Behind"), ("PercentComplete", "30"), ("ProgressText", "已完成方案论证"));
        incomplete.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        ReportForms.Missing(await incomplete.Content.ReadAsStringAsync()).Should().Equal("主要成效", "存在问题", "下一步工作");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Draft);

        form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        var submitted = await ReportForms.PostAsync(reporter, entry + "/submit", form, Complete());
        submitted.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        report.Status.Should().Be(ReportStatus.Submitted);

        // The ministry returns it: a reason is required, and the reporter reads it.
        var page = await planner.GetStringAsync(new Uri($"/progress/reports/{report.Id}", UriKind.Relative));
        page.Should().Contain("试点园区3个");
        var noReason = await ReportForms.PostAsync(planner, $"/progress/reports/{report.Id}/return", page, ("Comment", " "));
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("退回须填写理由");
        var returned = await ReportForms.PostAsync(planner, $"/progress/reports/{report.Id}/return", page, ("Comment", "主要成效请补充量化数据"));
        returned.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Returned);
        form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        form.Should().Contain("退回理由：主要成效请补充量化数据").And.Contain("已退回");

        // Resubmitted, then approved: read-only from then on.
        (await ReportForms.PostAsync(reporter, entry + "/submit", form, Complete())).StatusCode.Should().Be(HttpStatusCode.OK);
        page = await planner.GetStringAsync(new Uri($"/progress/reports/{report.Id}", UriKind.Relative));
        (await ReportForms.PostAsync(planner, $"/progress/reports/{report.Id}/approve", page)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Approved);
        form = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));
        form.Should().Contain("报告已通过，不能再修改").And.NotContain("保存草稿");
        var late = await ReportForms.PostAsync(reporter, entry + "/save", form, Complete());
        late.StatusCode.Should().Be(HttpStatusCode.Conflict, "a save not drawn from the stored version is a conflict");
        (await late.Content.ReadAsStringAsync()).Should().Contain("报告现为“已通过”");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Approved);

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.ProgressReportEvents.Where(e => e.ProgressReportId == report.Id).OrderBy(e => e.Id).Select(e => e.Step).ToListAsync())
            .Should().Equal(ReportStep.Created, ReportStep.Submitted, ReportStep.Returned, ReportStep.Submitted, ReportStep.Approved);
        (await db.ProgressReportEvents.SingleAsync(e => e.ProgressReportId == report.Id && e.Step == ReportStep.Returned)).Comment.Should().Be("主要成效请补充量化数据");
    }

    [Fact]
    public async Task UnitReviewer_ReviewsOrReturns_ThenThePlannerApproves()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2012, 1, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        using var planner = await portal.SignedInClientAsync("planner");
        await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)), Complete());

        var form = await reviewer.GetStringAsync(new Uri(entry, UriKind.Relative));
        (await ReportForms.PostAsync(reviewer, entry + "/return", form, ("Comment", "请核实投入资金"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Returned);
        await ReportForms.PostAsync(reporter, entry + "/submit", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)), Complete());
        form = await reviewer.GetStringAsync(new Uri(entry, UriKind.Relative));
        (await ReportForms.PostAsync(reviewer, entry + "/review", form, ("Comment", "已核实"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!;
        report.Status.Should().Be(ReportStatus.Reviewed);

        var page = await planner.GetStringAsync(new Uri($"/progress/reports/{report.Id}", UriKind.Relative));
        (await ReportForms.PostAsync(planner, $"/progress/reports/{report.Id}/approve", page)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.Status.Should().Be(ReportStatus.Approved);
    }

    [Fact]
    public async Task AnotherUnitsReporter_Gets404_OnTheTaskAndItsPosts_AndAnUnassignedTaskIs404()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2013, 2, Beijing);
        var unassigned = await TaskAsync(3);
        using var shanghai = await portal.SignedInClientAsync("sh-reporter");
        using var beijing = await portal.SignedInClientAsync("bj-reporter");
        var token = await beijing.GetStringAsync(new Uri($"/progress/{period}/tasks/{task}", UriKind.Relative));

        (await shanghai.GetAsync(new Uri($"/progress/{period}/tasks/{task}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReportForms.PostAsync(shanghai, $"/progress/{period}/tasks/{task}/save", await shanghai.GetStringAsync(new Uri("/progress", UriKind.Relative)), Complete())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReportForms.PostAsync(beijing, $"/progress/{period}/tasks/{unassigned}/save", token, Complete())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await beijing.GetAsync(new Uri($"/progress/{period}/tasks/{unassigned}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task)).Should().BeNull();
        (await ReportForms.ReportAsync(portal.ConnectionString, period, unassigned)).Should().BeNull();
    }

    [Fact]
    public async Task Planner_CannotEnterReports_403()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2014, 4, Beijing);
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);

        (await planner.GetAsync(new Uri($"/progress/{period}/tasks/{task}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await planner.GetAsync(new Uri("/progress", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StaleSave_IsRefused_WithAClearMessage_AndKeepsTheOtherSave()
    {
        var (period, task) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2015, 5, Beijing);
        var entry = $"/progress/{period}/tasks/{task}";
        using var first = await portal.SignedInClientAsync("bj-reporter");
        using var second = await portal.SignedInClientAsync("bj-reporter");
        await ReportForms.PostAsync(first, entry + "/save", await first.GetStringAsync(new Uri(entry, UriKind.Relative)), ("ProgressText", "第一版"));
        var formA = await first.GetStringAsync(new Uri(entry, UriKind.Relative));
        var formB = await second.GetStringAsync(new Uri(entry, UriKind.Relative));

        (await ReportForms.PostAsync(first, entry + "/save", formA, ("ProgressText", "甲的修改"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var stale = await ReportForms.PostAsync(second, entry + "/save", formB, ("ProgressText", "乙的修改"));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var page = await stale.Content.ReadAsStringAsync();
        page.Should().Contain("该报告已被他人修改，未保存").And.Contain("最近一次修改：bj-reporter").And.Contain("报告现为“草稿”");
        (await ReportForms.ReportAsync(portal.ConnectionString, period, task))!.ProgressText.Should().Be("甲的修改");

        // The other change is in view beside what this person typed: nothing typed is lost.
        var conflict = page[page.IndexOf("id=\"save-conflict\"", StringComparison.Ordinal)..];
        conflict.Should().Contain("您填写的（未保存）").And.Contain("当前已保存的");
        conflict.Should().Contain("乙").And.Contain("甲", "the narrative diff shows the typed and the stored text");
        conflict.Should().Contain("data-field=\"ProgressText\"");
    }

    private static (string, string)[] Complete() =>
    [
        ("Progress", "OnTrack"), ("PercentComplete", "60"), ("ProgressText", "建成试点园区3个"), ("Achievements", "带动就业1200人"),
        ("NextSteps", "扩大试点范围"), ("InvestmentWan", "350.5"),
    ];

    private async Task<int> TaskAsync(int index)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Skip(index).Select(n => n.Id).FirstAsync();
    }
}
