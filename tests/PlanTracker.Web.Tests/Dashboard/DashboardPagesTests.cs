using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Dashboard;

/// <summary>
/// The monitoring dashboards over HTTP on the seeded PostgreSQL database, judged as of 2013-02-20. Every task of the
/// shipped plan runs 2013-01-01 → 2013-04-11 (100 days), so every task expects 50% that day. Four tasks of the first
/// chapter are assigned: T1 北京 lead 45% (进展顺利, green) + 上海 participating 20% (进展顺利, red: a disagreement);
/// T2 北京 lead 30% (进展滞后, amber) + 江苏 participating 35% (amber); T3 广东 lead, no report, 20 days overdue (red);
/// T4 北京 lead 100% (completed, green). The 2012 annual period (due 2013-01-31) is the current one.
/// </summary>
public sealed partial class DashboardPagesTests(DashboardPagesTests.Fixture portal) : IClassFixture<DashboardPagesTests.Fixture>
{
    private const string AsOf = "asOf=2013-02-20";

    [Fact]
    public async Task Index_ListsThePublishedPlans_WithTheirDocumentNumber_AndNotTheDraftOne()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri("/monitoring", UriKind.Relative));

        html.Should().Contain($"href=\"/monitoring/plans/{portal.PlanId}\"").And.Contain("国科发计〔2012〕70号");
        html.Should().NotContain($"/monitoring/plans/{portal.DraftPlanId}\"");
        html.Should().Contain("href=\"/monitoring\"", "the top bar links to the dashboards for the ministry");
    }

    [Fact]
    public async Task Overview_CountsTasksAndAssignmentsByColour()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}", UriKind.Relative));

        // Columns: 正常 黄色预警 红色预警 无数据 合计.
        var table = Table(html, "colours");
        Numbers(Row(table, "任务（按各单位平均进度）")).Should().Equal("1", "2", "0", (portal.TaskCount - 3).ToString(), portal.TaskCount.ToString());
        Numbers(Row(table, "分配（单位×任务）")).Should().Equal("2", "2", "2", "0", "6");
        html.Should().Contain("2013-02-20").And.Contain($"href=\"/plans/{portal.PlanId}/thresholds\"").And.Contain("滞后超过10个百分点为黄色");
    }

    [Fact]
    public async Task Overview_GivesTheChaptersCompletion_AndLinksToTheChapterPage()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}", UriKind.Relative));

        // Columns: 任务数 平均完成进度 时间进度 正常 黄色预警 红色预警 无数据. Means: (32.5 + 32.5 + 100) / 3 = 55.
        var row = Row(Table(html, "chapters"), portal.ChapterTitle);
        Numbers(row).Should().Equal(portal.ChapterTaskCount.ToString(), "55", "50", "1", "2", "0", (portal.ChapterTaskCount - 3).ToString());
        row.Should().Contain($"href=\"/monitoring/plans/{portal.PlanId}/chapters/{portal.ChapterId}?asOf=2013-02-20\"");
        html.Should().Contain("id=\"chapters-canvas\"").And.Contain("id=\"colours-canvas\"").And.Contain("/js/charts.");
    }

    [Fact]
    public async Task Overview_CountsTheCurrentPeriodsReportsByState_AndLinksToTheMatrix()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}", UriKind.Relative));

        var table = Table(html, "reporting");
        Numbers(Row(table, "未填报")).Should().Equal("1");
        Numbers(Row(table, "已通过")).Should().Equal("5");
        Numbers(Row(table, "已退回")).Should().Equal("0");
        Numbers(Row(table, "合计")).Should().Equal("6");
        html.Should().Contain("当前填报期：2012年度").And.Contain($"href=\"/review/periods/{portal.PeriodId}\"");
        html.Should().Contain($"href=\"/monitoring/plans/{portal.PlanId}/indicators\"").And.Contain($"href=\"/monitoring/plans/{portal.PlanId}/warnings\"");
    }

    [Fact]
    public async Task Overview_BeforeAnyPeriodOpens_SaysSoPlainly()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?asOf=2012-12-31", UriKind.Relative));

        html.Should().Contain("尚未开放任何填报期");
        html.Should().NotContain("id=\"table-reporting\"");
    }

    [Fact]
    public async Task Overview_OfAPlanWithoutAPublishedVersion_ShowsTheEmptyState()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.DraftPlanId}", UriKind.Relative));

        html.Should().Contain("该规划尚无已发布的版本");
        html.Should().NotContain("<table");
        html.Should().NotContain("<canvas");
    }

    [Fact]
    public async Task ChapterPage_GivesEachTasksFiguresAndReason()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/chapters/{portal.ChapterId}?{AsOf}", UriKind.Relative));

        var table = Table(html, "tasks");
        var t1 = Row(table, portal.Tasks[0].Title);
        t1.Should().Contain($"href=\"/monitoring/tasks/{portal.Tasks[0].Id}\"").And.Contain("黄色预警").And.Contain("进度32.5%，按时间应达50%，滞后17.5个百分点。").And.Contain("2013-01-01 — 2013-04-11");
        Numbers(t1).Should().Equal("50", "32.5", "2", "1", "0");
        Row(table, portal.Tasks[2].Title).Should().Contain("尚无通过审核的进展报告。").And.Contain("无数据");
        Numbers(Row(table, portal.Tasks[2].Title)).Should().Equal("50", "—", "1", "1", "0");
        Row(table, portal.Tasks[3].Title).Should().Contain("已完成。").And.Contain("正常");
        html.Should().Contain("id=\"tasks-canvas\"");
    }

    [Fact]
    public async Task ChapterPage_OfANodeThatIsNotAChapterOfThePlan_Is404()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}/chapters/{portal.Tasks[0].Id}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.DraftPlanId}/chapters/{portal.ChapterId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/0/chapters/{portal.ChapterId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnitMap_Has37Tiles_ColouredByTheUnitsAverageGap_WithATextLabel()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units?{AsOf}", UriKind.Relative));

        var tiles = Tiles().Matches(html).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
        tiles.Should().HaveCount(37);
        tiles["110000"].Should().Be("green", "北京 (45 + 30 + 100) / 3 = 58.3% against 50%");
        tiles["310000"].Should().Be("red", "上海 20% against 50%: 30 points behind");
        tiles["320000"].Should().Be("amber", "江苏 35% against 50%: 15 points behind");
        tiles["440000"].Should().Be("grey", "广东 has nothing approved");
        tiles[string.Empty].Should().Be("grey", "the XPCC has no code and no tasks");
        html.Should().Contain("aria-label=\"上海市：完成进度20%，红色预警\"");
        html.Should().NotContain("style=");
    }

    [Fact]
    public async Task UnitMap_TableHoldsEachUnitsFigures()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units?{AsOf}", UriKind.Relative));

        // Columns: 任务数 完成进度 时间进度 正常 黄色预警 红色预警 逾期未报.
        var table = Table(html, "units");
        Numbers(Row(table, "北京市")).Should().Equal("3", "58.3", "50", "2", "1", "0", "0");
        Numbers(Row(table, "上海市")).Should().Equal("1", "20", "50", "0", "0", "1", "0");
        Numbers(Row(table, "广东省")).Should().Equal("1", "—", "—", "0", "0", "1", "1");
        Row(table, "上海市").Should().Contain($"/monitoring/plans/{portal.PlanId}/units/{portal.ShanghaiId}");
    }

    [Fact]
    public async Task UnitPage_ListsTheUnitsAssignments_WithReasonAndDisagreement()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var shanghai = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units/{portal.ShanghaiId}?{AsOf}", UriKind.Relative));
        var beijing = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units/{portal.BeijingId}?{AsOf}", UriKind.Relative));

        var row = Row(Table(shanghai, "tasks"), portal.Tasks[0].Title);
        row.Should().Contain("参与").And.Contain("红色预警").And.Contain("进度20%，按时间应达50%，滞后30个百分点。");
        row.Should().Contain("单位自评进展顺利，但按时间测算滞后30个百分点，请核实。");
        row.Should().Contain($"href=\"/progress/reports/{portal.ShanghaiReportId}\"");
        shanghai.Should().Contain("1项任务的单位自评").And.Contain($"href=\"/review/periods/{portal.PeriodId}/units/{portal.ShanghaiId}\"");

        DataRows(Table(beijing, "tasks")).Should().HaveCount(3);
        beijing.Should().NotContain("单位自评进展顺利", "北京 calls T2 进展滞后 and is green on T1");
        Row(Table(beijing, "tasks"), portal.Tasks[1].Title).Should().Contain("牵头").And.Contain("黄色预警");
    }

    [Fact]
    public async Task UnitPage_OfAUnitThatDoesNotReport_Is404()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units/{portal.MinistryId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units/0", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/0/units/{portal.BeijingId}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/0/units", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/0", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Downloads_HoldTheFiguresOnScreen_AsCsvAndXlsx()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/monitoring/plans/{portal.PlanId}/units?{AsOf}&table=units";

        var csv = await planner.GetAsync(new Uri(url + "&format=csv", UriKind.Relative));
        var xlsx = await planner.GetAsync(new Uri(url + "&format=xlsx", UriKind.Relative));
        var overview = await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}&table=colours&format=csv", UriKind.Relative));

        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        lines[0].Should().Be("单位,状态,任务数,完成进度(%),时间进度(%),正常,黄色预警,红色预警,逾期未报");
        lines.Should().Contain("北京市,正常,3,58.3,50,2,1,0,0").And.Contain("上海市,红色预警,1,20,50,0,0,1,0").And.Contain("广东省,无数据,1,—,—,0,0,1,1");
        lines.Count(l => l.Length > 0).Should().Be(38, "a header and the 37 units");

        var cells = XlsxCells(await xlsx.Content.ReadAsByteArrayAsync());
        cells.Should().ContainInOrder("上海市", "红色预警", "1", "20", "50", "0", "0", "1", "0");
        Encoding.UTF8.GetString(await overview.Content.ReadAsByteArrayAsync()).Should().Contain($"分配（单位×任务）,2,2,2,0,6");
    }

    [Fact]
    public async Task Downloads_OfAnUnknownTableOrFormat_Are404()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}&table=nothing&format=csv", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/plans/{portal.PlanId}/units?{AsOf}&table=units&format=pdf", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("bj-reporter")]
    [InlineData("bj-reviewer")]
    public async Task UnitAccounts_Get403(string person)
    {
        using var client = await portal.SignedInClientAsync(person, allowAutoRedirect: false);

        foreach (var url in new[] { "/monitoring", $"/monitoring/plans/{portal.PlanId}", $"/monitoring/plans/{portal.PlanId}/units", $"/monitoring/plans/{portal.PlanId}/units/{portal.BeijingId}", $"/monitoring/plans/{portal.PlanId}/chapters/{portal.ChapterId}" })
        {
            (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }

        (await client.GetStringAsync(new Uri("/plans", UriKind.Relative))).Should().NotContain("href=\"/monitoring\"", "unit accounts get no 监测 link");
    }

    [Fact]
    public async Task English_LabelsTheOverview()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.PlanId}?{AsOf}&culture=en", UriKind.Relative));

        html.Should().Contain("Tasks and assignments by status").And.Contain("Completion by chapter").And.Contain("Reporting in the current period");
    }

    private static string Table(string html, string key)
    {
        var match = new Regex($"<section class=\"figure-table\" id=\"table-{key}\">(.*?)</section>", RegexOptions.Singleline).Match(html);
        match.Success.Should().BeTrue($"the page has the table {key}");
        return match.Groups[1].Value;
    }

    private static List<string> DataRows(string table) => BodyRow().Matches(TableBody().Match(table).Value).Select(m => m.Groups[1].Value).ToList();

    private static string Row(string table, string text)
    {
        var rows = DataRows(table).Where(r => r.Contains(text, StringComparison.Ordinal)).ToList();
        rows.Should().ContainSingle($"one row mentions {text}");
        return rows[0];
    }

    private static List<string> Numbers(string row) => NumberCell().Matches(row).Select(m => Tag().Replace(m.Groups[1].Value, string.Empty).Trim()).ToList();

    private static List<string> XlsxCells(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var shared = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Cell>()
            .Select(c => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
                : c.CellValue?.Text ?? string.Empty)
            .ToList();
    }

    [GeneratedRegex("<tbody>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableBody();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRow();

    [GeneratedRegex("<td class=\"num\">(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex NumberCell();

    [GeneratedRegex("<li class=\"tile status-([a-z]+) r[0-9]+ c[0-9]+\" data-unit-code=\"([0-9]*)\"")]
    private static partial Regex Tiles();

    /// <summary>The portal with the plan state described on the class, built straight through the database context.</summary>
    public sealed class Fixture : PortalFactory
    {
        public int PlanId { get; private set; }

        public int DraftPlanId { get; private set; }

        public int PeriodId { get; private set; }

        public int ChapterId { get; private set; }

        public string ChapterTitle { get; private set; } = string.Empty;

        public int ChapterTaskCount { get; private set; }

        public int TaskCount { get; private set; }

        public IReadOnlyList<(int Id, string Title)> Tasks { get; private set; } = [];

        public int BeijingId { get; private set; }

        public int ShanghaiId { get; private set; }

        public int MinistryId { get; private set; }

        public long ShanghaiReportId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var now = DateTimeOffset.UtcNow;
            var version = await db.PlanVersions.Where(v => v.Status == PlanVersionStatus.Published).SingleAsync();
            PlanId = version.PlanId;

            // Every task runs 2013-01-01 → 2013-04-11: each expects 50% on 2013-02-20.
            await using (var connection = new NpgsqlConnection(ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"UPDATE plan_nodes SET starts_on = DATE '2013-01-01', ends_on = DATE '2013-04-11' WHERE kind = 'Task' AND plan_version_id = {version.Id}", connection);
                await command.ExecuteNonQueryAsync();
            }

            var nodes = await db.PlanNodes.AsNoTracking().Where(n => n.PlanVersionId == version.Id).Select(n => new { n.Id, n.ParentId, n.Kind, n.Title, n.Number, n.Position }).ToListAsync();
            var byId = nodes.ToDictionary(n => n.Id);
            int? ChapterOf(int id)
            {
                for (var n = byId[id]; n.ParentId is { } parent; n = byId[parent])
                {
                    if (byId[parent].Kind == NodeKind.Chapter)
                    {
                        return parent;
                    }
                }

                return null;
            }

            var taskNodes = nodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).ToList();
            TaskCount = taskNodes.Count;
            var chapter = taskNodes.GroupBy(t => ChapterOf(t.Id)).First(g => g.Key is not null && g.Count() >= 4);
            ChapterId = chapter.Key!.Value;
            var chapterNode = byId[ChapterId];
            ChapterTitle = string.IsNullOrEmpty(chapterNode.Number) ? chapterNode.Title : chapterNode.Number + " " + chapterNode.Title;
            ChapterTaskCount = chapter.Count();
            Tasks = [.. chapter.Take(4).Select(t => (t.Id, t.Title))];

            var units = await db.Units.Where(u => u.Code == "110000" || u.Code == "310000" || u.Code == "320000" || u.Code == "440000").ToDictionaryAsync(u => u.Code!);
            BeijingId = units["110000"].Id;
            ShanghaiId = units["310000"].Id;
            MinistryId = await db.Units.Where(u => u.Kind == UnitKind.Ministry).Select(u => u.Id).FirstAsync();

            var taskEntities = await db.PlanNodes.Where(n => Tasks.Select(t => t.Id).Contains(n.Id)).ToDictionaryAsync(n => n.Id);
            PlanNode T(int i) => taskEntities[Tasks[i].Id];
            db.TaskAssignments.AddRange(
                new TaskAssignment(T(0), units["110000"], AssignmentRole.Lead, now),
                new TaskAssignment(T(0), units["310000"], AssignmentRole.Participating, now),
                new TaskAssignment(T(1), units["110000"], AssignmentRole.Lead, now),
                new TaskAssignment(T(1), units["320000"], AssignmentRole.Participating, now),
                new TaskAssignment(T(2), units["440000"], AssignmentRole.Lead, now),
                new TaskAssignment(T(3), units["110000"], AssignmentRole.Lead, now));

            var period = await new PeriodBuilder().OfPlan(PlanId).Annual(2012).Open().SaveAsync(db);
            var draftPlan = await new PlanBuilder().Titled("未发布的监测规划").Years(2016, 2020).WithoutVersion().SaveAsync(db);
            PeriodId = period.Id;
            DraftPlanId = draftPlan.Id;

            Task<ProgressReport> ApprovedAsync(int task, string unit, TaskProgress says, decimal percent) =>
                ReportBuilder.For(period, T(task), units[unit].Id).At(now).Saying(says, percent).Approved().SaveAsync(db);

            await ApprovedAsync(0, "110000", TaskProgress.OnTrack, 45);
            ShanghaiReportId = (await ApprovedAsync(0, "310000", TaskProgress.OnTrack, 20)).Id;
            await ApprovedAsync(1, "110000", TaskProgress.Behind, 30);
            await ApprovedAsync(1, "320000", TaskProgress.OnTrack, 35);
            await ApprovedAsync(3, "110000", TaskProgress.Completed, 100);
        }
    }
}
