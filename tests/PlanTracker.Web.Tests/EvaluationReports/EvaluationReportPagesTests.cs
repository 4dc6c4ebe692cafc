using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.EvaluationReports;

/// <summary>
/// The evaluation report over HTTP on the seeded database: the shipped plan with three tasks reported and approved for
/// 2012 by 北京 and 上海. The page, its Word and Excel downloads, a province's own report, issuing and refusals.
/// </summary>
public sealed class EvaluationReportPagesTests(EvaluationReportPagesTests.Fixture portal) : IClassFixture<EvaluationReportPagesTests.Fixture>
{
    private const string BeijingProblem = "北京：专业人才不足，平台运营经费缺口较大。";
    private const string ShanghaiProblem = "上海：跨部门数据共享机制尚未建立。";

    private string Page(string query) => $"/plans/{portal.PlanId}/evaluation{query}";

    [Fact]
    public async Task AnnualPage_ShowsTheReportsChapters_FiguresAndPictures_FromApprovedData()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = WebUtility.HtmlDecode(await planner.GetStringAsync(Page("?kind=annual&year=2012")));

        html.Should().Contain("2012年度实施情况评估报告")
            .And.Contain("一、总体进展情况").And.Contain("二、主要指标完成情况").And.Contain("六、存在的主要问题").And.Contain("八、动态调整建议")
            .And.Contain($"规划确定的{portal.TaskCount}项重点任务中")
            .And.Contain("应报进展报告4份，已报送4份")
            .And.Contain(BeijingProblem).And.Contain(ShanghaiProblem)
            .And.Contain("data:image/png;base64,", "the unit map is drawn into the page")
            .And.Contain("format=docx").And.Contain("format=xlsx").And.Contain("data-print");
    }

    [Fact]
    public async Task Downloads_AreTheWordReportAndItsAnnex_NamedAfterTheReport()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var word = await planner.GetAsync(Page("?kind=annual&year=2012&format=docx"));
        word.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        word.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("2012年度评估报告_");
        using (var package = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), false))
        {
            package.MainDocumentPart!.Document.Body!.InnerText.Should().Contain(BeijingProblem);
        }

        var annex = await planner.GetAsync(Page("?kind=annual&year=2012&format=xlsx"));
        annex.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("2012年度评估报告_附表_");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await annex.Content.ReadAsByteArrayAsync()), false);
        workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).Should().Contain("存在问题");
    }

    [Fact]
    public async Task BadChoices_Are422_WithTheReason_AndTheMidTermReportCoversThePlanFromItsStart()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var outside = await planner.GetAsync(Page("?kind=annual&year=2019"));
        outside.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()).Should().Contain("所选年份（2019年）不在规划期（2011—2015年）内。");
        (await planner.GetAsync(Page("?kind=midterm&to=yesterday"))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var midTermResponse = await planner.GetAsync(Page("?kind=midterm&to=2013-06-30"));
        var midTerm = WebUtility.HtmlDecode(await midTermResponse.Content.ReadAsStringAsync());
        midTermResponse.StatusCode.Should().Be(HttpStatusCode.OK, System.Text.RegularExpressions.Regex.Match(midTerm, "role=\"alert\">([^<]*)").Groups[1].Value);
        midTerm.Should().Contain("中期评估报告").And.Contain("评估期：2011年1月1日至2013年6月30日");
        (await planner.GetAsync("/plans/999999/evaluation")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AProvince_GetsItsOwnUnitsReport_WhateverItAsksFor()
    {
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");

        var html = WebUtility.HtmlDecode(await reviewer.GetStringAsync(Page($"?kind=annual&year=2012&unit={portal.ShanghaiId}")));

        html.Should().Contain("（北京市）").And.Contain(BeijingProblem).And.NotContain(ShanghaiProblem).And.NotContain("name=\"unit\"");
        html.Should().NotContain("/evaluation/issue", "only planners issue");
    }

    [Fact]
    public async Task Issue_KeepsTheReport_ASecondIssueIsAConflict_AndIssuedFilesAreScoped()
    {
        using var planner = await portal.SignedInClientAsync("planner", allowAutoRedirect: false);
        var page = await planner.GetStringAsync(Page("?kind=annual&year=2011"));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery.TokenIn(page), ["kind"] = "annual", ["year"] = "2011" };

        var issued = await planner.PostAsync(Page("/issue"), new FormUrlEncodedContent(form));
        issued.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await planner.GetStringAsync(issued.Headers.Location!.ToString()));
        after.Should().Contain("已印发").And.Contain("SHA-256").And.Contain("印发以来数据未发生变化。");
        after.Should().Contain("评估期内已批准的进展报告中未反映存在问题。").And.Contain("评估期内没有到期的报送任务。")
            .And.Contain("尚无已批准的完成比例", "a year without approved data still gets its report, saying plainly where there is none");

        var again = await planner.PostAsync(Page("/issue"), new FormUrlEncodedContent(form));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).Should().Contain("不能重复印发");

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var stored = await db.IssuedReports.SingleAsync(r => r.PlanId == portal.PlanId && r.From == new DateOnly(2011, 1, 1) && r.UnitId == null);
        (await planner.GetByteArrayAsync($"/evaluation/issued/{stored.Id}/docx")).Should().Equal(stored.Docx);
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer");
        (await reviewer.GetAsync($"/evaluation/issued/{stored.Id}/docx")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the whole plan's report is the ministry's");

        using var evaluator = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);
        var evaluatorPage = await evaluator.GetStringAsync(Page("?kind=annual&year=2012"));
        form["__RequestVerificationToken"] = Antiforgery.TokenIn(evaluatorPage);
        form["year"] = "2012";
        (await evaluator.PostAsync(Page("/issue"), new FormUrlEncodedContent(form))).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await db.IssuedReports.CountAsync(r => r.From == new DateOnly(2012, 1, 1))).Should().Be(0);
    }

    public sealed class Fixture : PortalFactory
    {
        public int PlanId { get; private set; }

        public int TaskCount { get; private set; }

        public int ShanghaiId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var now = new DateTimeOffset(2013, 1, 20, 2, 0, 0, TimeSpan.Zero);
            var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Take(3).ToListAsync();
            PlanId = await db.PlanVersions.Where(v => v.Id == tasks[0].PlanVersionId).Select(v => v.PlanId).SingleAsync();
            TaskCount = await db.PlanNodes.CountAsync(n => n.Kind == NodeKind.Task && n.PlanVersionId == tasks[0].PlanVersionId);
            var units = await db.Units.Where(u => u.Code == "110000" || u.Code == "310000").ToDictionaryAsync(u => u.Code!);
            ShanghaiId = units["310000"].Id;
            db.TaskAssignments.AddRange(
                new TaskAssignment(tasks[0], units["110000"], AssignmentRole.Lead, now),
                new TaskAssignment(tasks[0], units["310000"], AssignmentRole.Participating, now),
                new TaskAssignment(tasks[1], units["110000"], AssignmentRole.Lead, now),
                new TaskAssignment(tasks[2], units["310000"], AssignmentRole.Lead, now));
            var period = await new PeriodBuilder().OfPlan(PlanId).Annual(2012).Open().SaveAsync(db);

            Task<ProgressReport> ApprovedAsync(PlanNode task, string unit, decimal percent, string problem) =>
                ReportBuilder.For(period, task, units[unit].Id).At(now)
                    .WithContent(ReportDraft.Of(TaskProgress.OnTrack, percent, "按计划推进。", "建成平台一个。", problem, "继续推进。", 10))
                    .Approved().SaveAsync(db);

            await ApprovedAsync(tasks[0], "110000", 40, BeijingProblem);
            await ApprovedAsync(tasks[0], "310000", 30, ShanghaiProblem);
            await ApprovedAsync(tasks[1], "110000", 60, BeijingProblem);
            await ApprovedAsync(tasks[2], "310000", 20, ShanghaiProblem);
        }
    }
}
