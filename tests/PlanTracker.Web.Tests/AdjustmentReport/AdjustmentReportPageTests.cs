using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.AdjustmentReport;

/// <summary>
/// The 动态调整报告 page and its downloads over HTTP on the seeded database. The shipped plan (2011–2015) gets, in 2015,
/// a red warning on its first task and a proposal that was rejected with a comment.
/// </summary>
public sealed class AdjustmentReportPageTests(AdjustmentReportPageTests.Fixture portal) : IClassFixture<AdjustmentReportPageTests.Fixture>
{
    private const string WarningReason = "报告期内完成进度明显落后于时间进度。";
    private const string ProposalTitle = "调整首项任务的表述";
    private const string RejectComment = "依据不足，暂不调整。";

    private string Report(string query) => $"/plans/{portal.PlanId}/adjustment-report{query}";

    [Fact]
    public async Task Page_ShowsEverySection_WithTheFiguresOfTheWindow()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = WebUtility.HtmlDecode(await planner.GetStringAsync(Report("?from=2015-01-01&to=2015-12-31")));

        foreach (var heading in new[] { "一、基本情况", "二、监测发现的滞后情况", "三、滞后原因", "四、调整建议提出情况", "五、审定情况", "六、指标目标调整前后对照", "七、仍滞后但未提出调整的任务", "八、下一步工作建议" })
        {
            html.Should().Contain(heading);
        }

        html.Should().Contain("共发出预警1条，其中红色预警1条、黄色预警0条；提出调整方案1项；审定批准0项、不予批准1项")
            .And.Contain(WarningReason)
            .And.Contain(ProposalTitle)
            .And.Contain(RejectComment)
            .And.Contain("报告期内未批准调整指标目标。")
            .And.Contain($"/plans/{portal.PlanId}/adjustment-report?from=2015-01-01&to=2015-12-31&format=docx");
        html.Should().MatchRegex($"<a href=\"/adjustments/\\d+\">{ProposalTitle}</a>", "the page links each proposal it names to its page");
    }

    [Fact]
    public async Task Page_WithoutAWindow_OpensOnTheCurrentYearKeptInsideThePlansYears()
    {
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var html = await evaluator.GetStringAsync(Report(string.Empty));

        html.Should().Contain("value=\"2015-01-01\"").And.Contain("value=\"2015-12-31\"", "the shipped plan ended in 2015, before today");
    }

    [Fact]
    public async Task Page_AnEmptyWindow_SaysSoInEverySection_WithNoEmptyTable()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = WebUtility.HtmlDecode(await planner.GetStringAsync(Report("?from=2012-01-01&to=2012-03-31")));

        html.Should().Contain("报告期内未发出预警。").And.Contain("报告期内未提出调整方案。").And.Contain("报告期内未审定调整方案。")
            .And.Contain("报告期内未批准调整指标目标。");
        html.Split("<table").Length.Should().Be(2, "only the table of counts is shown, and it has rows");
    }

    [Theory]
    [InlineData("?from=2015-06-01&to=2015-01-01", "报告期的开始日期不能晚于结束日期。")]
    [InlineData("?from=2009-01-01&to=2015-01-01", "报告期须在规划期（2011—2015年）之内。")]
    [InlineData("?from=2015-13-01&to=2015-12-31", "报告期的日期应按“年-月-日”填写")]
    public async Task Page_ABadWindow_Is422_WithTheReasonAndTheForm(string query, string reason)
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await planner.GetAsync(Report(query));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain(reason).And.Contain("name=\"from\"").And.NotContain("一、基本情况");
        (await planner.GetAsync(Report(query + "&format=docx"))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "no document for a bad window either");
    }

    [Fact]
    public async Task Word_DownloadsAsDocx_NamedAfterPlanAndWindow_WithTheFigures()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await planner.GetAsync(Report("?from=2015-01-01&to=2015-12-31&format=docx"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        Uri.UnescapeDataString(disposition.FileNameStar!).Should().StartWith("动态调整报告_").And.EndWith("_2015-01-01_2015-12-31.docx");
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        text.Should().Contain("共发出预警1条").And.Contain(RejectComment).And.Contain(WarningReason);
    }

    [Fact]
    public async Task Tables_DownloadAsCsv_AndAnUnknownTableIs404()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var csv = await planner.GetAsync(Report("?from=2015-01-01&to=2015-12-31&table=decisions&format=csv"));
        var unknown = await planner.GetAsync(Report("?from=2015-01-01&to=2015-12-31&table=nothing&format=csv"));
        var xlsx = await planner.GetAsync(Report("?from=2015-01-01&to=2015-12-31&table=counts&format=xlsx"));

        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await csv.Content.ReadAsStringAsync()).Should().Contain(ProposalTitle).And.Contain("不予批准").And.Contain(RejectComment);
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownPlan_Is404_AndAProvincialReviewerIsForbidden()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);

        (await planner.GetAsync("/plans/999999/adjustment-report")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reviewer.GetAsync(Report(string.Empty))).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    public sealed class Fixture : PortalFactory
    {
        public int PlanId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var task = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).FirstAsync();
            PlanId = await db.PlanVersions.Where(v => v.Id == task.PlanVersionId).Select(v => v.PlanId).SingleAsync();
            db.EarlyWarnings.Add(new EarlyWarning(
                PlanId, WarningSubject.Task(task.Key, task.Id), StatusColour.Red, null, WarningReason, new DateOnly(2015, 3, 1), new DateTimeOffset(2015, 3, 1, 1, 0, 0, TimeSpan.Zero)));
            var adjustment = new Adjustment(PlanId, task.PlanVersionId, ProposalTitle, "表述已不合时宜。", "planner", null, new DateTimeOffset(2015, 4, 1, 1, 0, 0, TimeSpan.Zero));
            adjustment.AddChange(PlanChanges.ToStored(new RewordTask(task.Key, "新的表述", null), 1));
            adjustment.Submit("planner", new DateTimeOffset(2015, 4, 1, 1, 0, 0, TimeSpan.Zero)).Succeeded.Should().BeTrue();
            adjustment.Reject("director", RejectComment, new DateTimeOffset(2015, 5, 1, 1, 0, 0, TimeSpan.Zero)).Succeeded.Should().BeTrue();
            db.Adjustments.Add(adjustment);
            await db.SaveChangesAsync();
        }
    }
}
