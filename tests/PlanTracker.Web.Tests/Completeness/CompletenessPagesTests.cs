using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Completeness;

/// <summary>
/// The completeness matrix, a unit's tasks and 催报 over HTTP on the seeded PostgreSQL database. The fixture assigns
/// 北京 three tasks (draft, submitted, approved), 上海 two (none, returned) and 广东 one (reviewed) in the shipped plan,
/// with a past-due annual period.
/// </summary>
public sealed partial class CompletenessPagesTests(CompletenessPagesTests.Fixture portal) : IClassFixture<CompletenessPagesTests.Fixture>
{
    [Fact]
    public async Task Matrix_CountsEachStatePerUnit_WithTotalsAndCompletion()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}", UriKind.Relative));

        // Columns: 未填报 草稿 已报送 已审核 已退回 已通过 | tasks | completion.
        Cells(html, "110000").Should().Equal("0", "1", "1", "0", "0", "1", "3", "66%");
        Cells(html, "310000").Should().Equal("1", "0", "0", "0", "1", "0", "2", "0%");
        Cells(html, "440000").Should().Equal("0", "0", "0", "1", "0", "0", "1", "100%");
        Rows(html).Should().Equal("110000", "310000", "440000");
        Totals(html).Should().Equal("1", "1", "1", "1", "1", "1", "6", "50%");
        html.Should().Contain($"/review/periods/{portal.PastPeriodId}/units/{portal.ShanghaiId}");
    }

    [Fact]
    public async Task Matrix_FiltersByState_AndByUnitKind()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/review/periods/{portal.PastPeriodId}";

        Rows(await planner.GetStringAsync(new Uri(url + "?state=Returned", UriKind.Relative))).Should().Equal("310000");
        Rows(await planner.GetStringAsync(new Uri(url + "?state=None", UriKind.Relative))).Should().Equal("310000");
        Rows(await planner.GetStringAsync(new Uri(url + "?state=Approved", UriKind.Relative))).Should().Equal("110000");
        Rows(await planner.GetStringAsync(new Uri(url + "?kind=Province", UriKind.Relative))).Should().Equal("110000", "310000", "440000");
        var cities = await planner.GetStringAsync(new Uri(url + "?kind=City", UriKind.Relative));
        Rows(cities).Should().BeEmpty();
        cities.Should().Contain("没有符合筛选条件的单位");
    }

    [Fact]
    public async Task UnitPage_ListsTheUnitsTasks_WithTheirStates_AndLinksToTheReports()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var beijing = await planner.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}/units/{portal.BeijingId}", UriKind.Relative));
        var shanghai = await planner.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}/units/{portal.ShanghaiId}", UriKind.Relative));

        States(beijing).Should().Equal("草稿", "已报送", "已通过");
        foreach (var report in portal.BeijingReportIds)
        {
            beijing.Should().Contain($"href=\"/progress/reports/{report}\"");
        }

        States(shanghai).Should().Equal("未填报", "已退回");
        ReportLinks().Matches(shanghai).Should().ContainSingle();
        (await planner.GetAsync(new Uri($"/review/periods/{portal.PastPeriodId}/units/0", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overdue_AfterTheDueDate_ListsUnitsWithUnsubmittedTasks_AndTheirContact()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}/overdue", UriKind.Relative));

        OverdueRows(html).Should().Equal("310000", "110000");
        var shanghai = Row(html, "310000");
        shanghai.Should().Contain("王联络").And.Contain("021-12345678").And.Contain("mailto:sh@example.cn");
        CellValues().Matches(shanghai).Select(m => m.Groups[1].Value).Should().Equal("2", "1", "0", "1");
        html.Should().Contain("已逾期");
    }

    [Fact]
    public async Task Overdue_BeforeTheDueDate_SaysSo()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/review/periods/{portal.FuturePeriodId}/overdue", UriKind.Relative));

        OverdueRows(html).Should().BeEmpty();
        html.Should().Contain("尚未到报送截止日期");
    }

    [Fact]
    public async Task EmptyPeriod_ShowsTheEmptyState()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/review/periods/{portal.EmptyPeriodId}", UriKind.Relative));
        var overdue = await planner.GetStringAsync(new Uri($"/review/periods/{portal.EmptyPeriodId}/overdue", UriKind.Relative));

        Rows(html).Should().BeEmpty();
        html.Should().Contain("尚未向任何单位分解任务");
        overdue.Should().Contain("所有单位均已按期报送");
    }

    [Fact]
    public async Task Landing_ListsThePeriods_ForPlannerAndEvaluator()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        (await planner.GetStringAsync(new Uri("/review", UriKind.Relative))).Should().Contain($"/review/periods/{portal.PastPeriodId}").And.Contain("填报完成情况");
        Cells(await evaluator.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}", UriKind.Relative)), "310000").Should().Equal("1", "0", "0", "0", "1", "0", "2", "0%");
    }

    [Theory]
    [InlineData("bj-reporter")]
    [InlineData("bj-reviewer")]
    public async Task UnitAccounts_Get403(string person)
    {
        using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);

        (await client.GetAsync(new Uri($"/review/periods/{portal.PastPeriodId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync(new Uri($"/review/periods/{portal.PastPeriodId}/overdue", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task English_ShowsTheStateHeadings()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/review/periods/{portal.PastPeriodId}?culture=en", UriKind.Relative));

        html.Should().Contain("Not started").And.Contain("Returned").And.Contain("Completion");
    }

    private static string Row(string html, string code)
    {
        var row = UnitRow(code).Match(html);
        row.Success.Should().BeTrue($"the page has a row for {code}");
        return row.Groups[1].Value;
    }

    private static List<string> Cells(string html, string code) => CellValues().Matches(Row(html, code)).Select(m => m.Groups[1].Value).ToList();

    private static List<string> Totals(string html) => CellValues().Matches(TotalsRow().Match(html).Groups[1].Value).Select(m => m.Groups[1].Value).ToList();

    private static List<string> Rows(string html) => UnitCodes().Matches(MatrixTable().Match(html).Value).Select(m => m.Groups[1].Value).ToList();

    private static List<string> OverdueRows(string html) => UnitCodes().Matches(OverdueTable().Match(html).Value).Select(m => m.Groups[1].Value).ToList();

    private static List<string> States(string html) => TaskStates().Matches(html).Select(m => m.Groups[1].Value.Trim()).ToList();

    [GeneratedRegex("<tr data-unit=\"([0-9]+)\">")]
    private static partial Regex UnitCodes();

    [GeneratedRegex("<table class=\"table review-matrix\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex MatrixTable();

    [GeneratedRegex("<table class=\"table review-overdue\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex OverdueTable();

    [GeneratedRegex("<tr class=\"review-totals\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TotalsRow();

    private static Regex UnitRow(string code) => new($"<tr data-unit=\"{code}\">(.*?)</tr>", RegexOptions.Singleline);

    [GeneratedRegex("<td class=\"num[^\"]*\">([0-9]+%?)</td>")]
    private static partial Regex CellValues();

    [GeneratedRegex("class=\"report-status [^\"]*\"[^>]*>([^<]*)</")]
    private static partial Regex TaskStates();

    [GeneratedRegex("href=\"/progress/reports/[0-9]+\"")]
    private static partial Regex ReportLinks();

    /// <summary>The portal with the assignments, periods and reports the review pages are checked against.</summary>
    public sealed class Fixture : PortalFactory
    {
        public int PastPeriodId { get; private set; }

        public int FuturePeriodId { get; private set; }

        public int EmptyPeriodId { get; private set; }

        public int BeijingId { get; private set; }

        public int ShanghaiId { get; private set; }

        public IReadOnlyList<long> BeijingReportIds { get; private set; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var now = DateTimeOffset.UtcNow;
            var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Take(6).ToListAsync();
            var planId = await db.PlanVersions.Where(v => v.Id == tasks[0].PlanVersionId).Select(v => v.PlanId).SingleAsync();
            var beijing = await db.Units.SingleAsync(u => u.Code == "110000");
            var shanghai = await db.Units.SingleAsync(u => u.Code == "310000");
            var guangdong = await db.Units.SingleAsync(u => u.Code == "440000");
            shanghai.SetContact("王联络", "021-12345678", "sh@example.cn");
            BeijingId = beijing.Id;
            ShanghaiId = shanghai.Id;

            var past = await new PeriodBuilder().OfPlan(planId).Annual(2011).SaveAsync(db);
            var future = await new PeriodBuilder().OfPlan(planId).Annual(2099).SaveAsync(db);
            var emptyPlan = await new PlanBuilder().Titled("空规划").WithoutVersion().SaveAsync(db);
            var empty = await new PeriodBuilder().OfPlan(emptyPlan.Id).Annual(2011).Labelled("空规划2011年度").SaveAsync(db);
            db.TaskAssignments.AddRange(
                new TaskAssignment(tasks[0], beijing, AssignmentRole.Lead, now),
                new TaskAssignment(tasks[1], beijing, AssignmentRole.Lead, now),
                new TaskAssignment(tasks[2], beijing, AssignmentRole.Participating, now),
                new TaskAssignment(tasks[3], shanghai, AssignmentRole.Lead, now),
                new TaskAssignment(tasks[4], shanghai, AssignmentRole.Lead, now),
                new TaskAssignment(tasks[5], guangdong, AssignmentRole.Lead, now));
            ReportBuilder Report(int task, OrgUnit unit) => ReportBuilder.For(past, tasks[task], unit.Id).At(now);
            var draft = await Report(0, beijing).WithContent(ReportDraft.Of(null, 10, "起步", null, null, null, null)).SaveAsync(db);
            var submitted = await Report(1, beijing).Submitted().SaveAsync(db);
            var approved = await Report(2, beijing).Approved().SaveAsync(db);
            await Report(4, shanghai).Returned("请补充").SaveAsync(db);
            await Report(5, guangdong).Reviewed("gd-reviewer").SaveAsync(db);

            PastPeriodId = past.Id;
            FuturePeriodId = future.Id;
            EmptyPeriodId = empty.Id;
            BeijingReportIds = [draft.Id, submitted.Id, approved.Id];
        }
    }
}
