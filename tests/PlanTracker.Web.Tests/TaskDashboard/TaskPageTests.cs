using System.Net;
using System.Text;
using System.Text.Json;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.TaskDashboard;

/// <summary>
/// The task page over HTTP on hand-seeded reports. The task runs 2011-01-01 to 2015-12-31 (1825 days); on 2013-12-31
/// 1095 days have passed, so every unit should be at 60%. 北京 (lead) is approved at 10% then 30% and says 进展顺利;
/// 上海 at 40% then 90%; 广东 has no report and owes the 2012 report due 2013-01-31 (334 days overdue).
/// </summary>
public sealed class TaskPageTests(PortalFactory portal) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string AsOf = "2013-12-31";
    private int _task;
    private long _beijingReport;

    public async Task InitializeAsync()
    {
        var cs = portal.ConnectionString;
        if (await AlreadySeededAsync())
        {
            return;
        }

        var (plan, _) = await MonitoringSeed.PlanAsync(cs);
        var first = await MonitoringSeed.AnnualPeriodAsync(cs, plan, 2011);
        var second = await MonitoringSeed.AnnualPeriodAsync(cs, plan, 2012);
        _task = await MonitoringSeed.TaskAsync(cs, 3, new DateOnly(2011, 1, 1), new DateOnly(2015, 12, 31));
        await MonitoringSeed.AssignAsync(cs, _task, "110000", AssignmentRole.Lead);
        await MonitoringSeed.AssignAsync(cs, _task, "310000", AssignmentRole.Participating);
        await MonitoringSeed.AssignAsync(cs, _task, "440000", AssignmentRole.Participating);
        await MonitoringSeed.ApprovedReportAsync(cs, first, _task, "110000", 10m, TaskProgress.OnTrack);
        _beijingReport = await MonitoringSeed.ApprovedReportAsync(cs, second, _task, "110000", 30m, TaskProgress.OnTrack);
        await MonitoringSeed.ApprovedReportAsync(cs, first, _task, "310000", 40m, TaskProgress.OnTrack);
        await MonitoringSeed.ApprovedReportAsync(cs, second, _task, "310000", 90m, TaskProgress.OnTrack);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Page_ShowsEachUnitsColourAndReason_AndTheNationalStatusOnTheMean()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var page = await planner.GetStringAsync(new Uri($"/monitoring/tasks/{_task}?asOf={AsOf}", UriKind.Relative));

        page.Should().Contain("进度60%，按时间应达60%，与时间进度持平。", "the national status is judged on the mean of 30% and 90%")
            .And.Contain("3个承担单位中2个有通过审核的进度");
        Row(page, "北京市").Should().Contain("进度30%，按时间应达60%，滞后30个百分点。").And.Contain("status-red").And.Contain("红色预警")
            .And.Contain("单位自评进展顺利，但按时间测算滞后30个百分点，请核实。")
            .And.Contain($"/progress/reports/{_beijingReport}").And.Contain("/units/");
        Row(page, "上海市").Should().Contain("进度90%，按时间应达60%，超前30个百分点。").And.Contain("status-green").And.NotContain("请核实");
        Row(page, "广东省").Should().Contain("尚无通过审核的进展报告；报告已逾期334天。").And.Contain("status-red");
        page.Should().Contain("1个单位自评进展顺利或已完成，但按时间测算滞后");
    }

    [Fact]
    public async Task Page_HasTheUnitsByPeriodsTable_AndTheChartOfMeanLowestHighestAndExpected()
    {
        using var planner = await portal.SignedInClientAsync("evaluator");

        var page = await planner.GetStringAsync(new Uri($"/monitoring/tasks/{_task}?asOf={AsOf}", UriKind.Relative));

        var matrix = page[page.IndexOf("id=\"table-matrix\"", StringComparison.Ordinal)..];
        matrix.Should().Contain("<th scope=\"col\" class=\"num\">2011年度</th>").And.Contain("<th scope=\"col\" class=\"num\">2012年度</th>");
        Row(matrix, "北京市").Should().Contain("<td class=\"num heat-0\">10</td>").And.Contain("<td class=\"num heat-1\">30</td>");
        Row(matrix, "上海市").Should().Contain("<td class=\"num heat-2\">40</td>").And.Contain("<td class=\"num heat-4\">90</td>");
        Row(matrix, "广东省").Should().Contain("heat-none");

        using var chart = JsonDocument.Parse(Between(page, "id=\"task-progress-data\">", "</script>"));
        var data = chart.RootElement.GetProperty("data");
        data.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("2011年度", "2012年度");
        var series = data.GetProperty("datasets").EnumerateArray()
            .ToDictionary(d => d.GetProperty("label").GetString()!, d => d.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()).ToList());
        series["最低"].Should().Equal(10m, 30m);
        series["最高"].Should().Equal(40m, 90m);
        series["平均"].Should().Equal(25m, 60m);
        series["按时间应达（%）"].Should().Equal([19.9m, 40m], "the expected percent at each period's end: 364 and 730 of 1825 days");
    }

    [Fact]
    public async Task Downloads_HoldTheFiguresOfThePage()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var page = $"/monitoring/tasks/{_task}?asOf={AsOf}";

        var units = await planner.GetAsync(new Uri(page + "&table=units&format=csv", UriKind.Relative));
        var trend = await planner.GetAsync(new Uri(page + "&table=trend&format=csv", UriKind.Relative));
        var matrix = await planner.GetAsync(new Uri(page + "&table=matrix&format=xlsx", UriKind.Relative));
        var unknown = await planner.GetAsync(new Uri(page + "&table=nothing&format=csv", UriKind.Relative));
        var badFormat = await planner.GetAsync(new Uri(page + "&table=units&format=pdf", UriKind.Relative));

        var unitsCsv = Encoding.UTF8.GetString(await units.Content.ReadAsByteArrayAsync());
        unitsCsv.Should().Contain("北京市,牵头,30,60,30,红色预警,进度30%，按时间应达60%，滞后30个百分点。");
        unitsCsv.Should().Contain("上海市,参与,90,60,-30,正常");
        var trendCsv = Encoding.UTF8.GetString(await trend.Content.ReadAsByteArrayAsync());
        trendCsv.Should().Contain("2011年度,25,10,40,19.9,2").And.Contain("2012年度,60,30,90,40,2");
        matrix.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await matrix.Content.ReadAsByteArrayAsync()).Take(2).Should().Equal((byte)'P', (byte)'K');
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badFormat.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_IsTheMinistrys_ReporterForbidden_UnknownOrNonTaskNode404()
    {
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var chapter = db.PlanNodes.Where(n => n.Kind == Domain.Plans.NodeKind.Chapter).Select(n => n.Id).First();

        (await reporter.GetAsync(new Uri($"/monitoring/tasks/{_task}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await planner.GetAsync(new Uri("/monitoring/tasks/999999", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/tasks/{chapter}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/tasks/{_task}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "without asOf the page judges on today");
    }

    /// <summary>The table row that names the unit.</summary>
    private static string Row(string html, string unit)
    {
        var at = html.IndexOf(">" + unit + "<", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"{unit} has a row");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Between(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page has {from}");
        start += from.Length;
        return html[start..html.IndexOf(to, start, StringComparison.Ordinal)];
    }

    private async Task<bool> AlreadySeededAsync()
    {
        // xUnit builds the test class once per test; the fixture's database is seeded by the first one.
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var seeded = db.ProgressReports.Where(r => r.PercentComplete == 90m).Select(r => new { r.TaskId }).FirstOrDefault();
        if (seeded is null)
        {
            return false;
        }

        _task = seeded.TaskId;
        _beijingReport = db.ProgressReports.Where(r => r.TaskId == _task && r.PercentComplete == 30m).Select(r => r.Id).Single();
        return true;
    }
}
