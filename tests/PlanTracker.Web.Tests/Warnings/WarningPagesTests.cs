using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.TestSupport;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Features.Warnings;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Warnings;

/// <summary>
/// The warning list and the warning page over HTTP on the seeded PostgreSQL database. The fixture writes five warnings
/// on the shipped plan (open: 上海's task red, a task amber, 北京's task red with a report as evidence; handled: 上海 as a
/// unit, and an earlier warning on 北京's task), 55 on a second plan for paging, and the warnings the handling tests
/// answer on a third plan, which has the only adjustment proposal linkable to them.
/// </summary>
public sealed partial class WarningPagesTests(WarningPagesTests.Fixture portal) : IClassFixture<WarningPagesTests.Fixture>
{
    [Fact]
    public async Task List_ShowsOpenWarningsNewestFirst_WithCountsSubjectLinksAndEvidence()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings"));

        WarningIds(html).Should().Equal(portal.ShanghaiTaskRed, portal.TaskAmber, portal.BeijingTaskRed);
        Count(html, "open").Should().Be(3);
        Count(html, "open-red").Should().Be(2);
        Count(html, "open-amber").Should().Be(1);
        Count(html, "acknowledged").Should().Be(2);
        Count(html, "linked").Should().Be(0);
        Count(html, "handled").Should().Be(2);
        html.Should().Contain($"href=\"/monitoring/tasks/{portal.TaskIds[1]}\"")
            .And.Contain($"href=\"/monitoring/plans/{portal.PlanId}/units/{portal.ShanghaiId}\"")
            .And.Contain($"href=\"/progress/reports/{portal.EvidenceReportId}\"")
            .And.Contain("北京滞后原因")
            .And.Contain("status-red");
    }

    [Theory]
    [InlineData("?state=All", new[] { "ShanghaiTaskRed", "ShanghaiUnit", "TaskAmber", "BeijingTaskRed", "BeijingTaskEarlier" })]
    [InlineData("?state=Handled", new[] { "ShanghaiUnit", "BeijingTaskEarlier" })]
    [InlineData("?colour=Red", new[] { "ShanghaiTaskRed", "BeijingTaskRed" })]
    [InlineData("?state=All&kind=Unit", new[] { "ShanghaiUnit" })]
    [InlineData("?state=All&kind=Task", new[] { "TaskAmber" })]
    [InlineData("?state=All&unit={beijing}", new[] { "BeijingTaskRed", "BeijingTaskEarlier" })]
    [InlineData("?state=Open&colour=Amber&kind=TaskUnit", new string[0])]
    public async Task List_Filters_ByStateColourKindAndUnit(string query, string[] expected)
    {
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var html = await evaluator.GetStringAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings{query.Replace("{beijing}", portal.BeijingId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}"));

        WarningIds(html).Should().Equal(expected.Select(portal.IdOf));
        if (expected.Length == 0)
        {
            html.Should().Contain("没有符合条件的预警。");
        }
    }

    [Fact]
    public async Task List_PagesFiftyAtATime()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var first = await planner.GetStringAsync(Url($"/monitoring/plans/{portal.PagedPlanId}/warnings"));
        var second = await planner.GetStringAsync(Url($"/monitoring/plans/{portal.PagedPlanId}/warnings?page=2"));

        WarningIds(first).Should().HaveCount(50);
        WarningIds(second).Should().HaveCount(5);
        WarningIds(first).Intersect(WarningIds(second)).Should().BeEmpty();
        WarningIds(first)[0].Should().BeGreaterThan(WarningIds(second)[0], "newest first across pages");
        first.Should().Contain("第1/2页").And.Contain("共55条");
    }

    [Fact]
    public async Task List_Downloads_EveryFilteredWarning_AsCsvAndXlsx()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/monitoring/plans/{portal.PlanId}/warnings?state=All&table=warnings";

        var csv = await planner.GetAsync(Url(url + "&format=csv"));
        var xlsx = await planner.GetAsync(Url(url + "&format=xlsx"));
        var unknown = await planner.GetAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings?table=other&format=csv"));

        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(6, "a header and the five warnings");
        lines[0].Should().Contain("原因");
        lines.Should().Contain(l => l.Contains("北京滞后原因", StringComparison.Ordinal) && l.Contains("红色预警", StringComparison.Ordinal));
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ForUnitAccounts_IsForbidden_AndForAnUnknownPlan_IsNotFound()
    {
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");

        (await reporter.GetAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reporter.GetAsync(Url($"/monitoring/warnings/{portal.BeijingTaskRed}"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await planner.GetAsync(Url("/monitoring/plans/999999/warnings"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(Url("/monitoring/warnings/999999"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WarningPage_ShowsTheWarning_ItsSubjectsEarlierWarnings_AndTheFormsToPlannersOnly()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        using var evaluator = await portal.SignedInClientAsync("evaluator");
        var url = Url($"/monitoring/warnings/{portal.BeijingTaskRed}");

        var html = await planner.GetStringAsync(url);
        var read = await evaluator.GetStringAsync(url);

        html.Should().Contain("北京滞后原因").And.Contain($"href=\"/progress/reports/{portal.EvidenceReportId}\"").And.Contain("（此前：黄色预警）");
        html.Should().Contain($"data-warning=\"{portal.BeijingTaskEarlier}\"").And.NotContain($"data-warning=\"{portal.TaskAmber}\"");
        html.Should().Contain("/acknowledge").And.Contain("本规划尚无调整方案");
        read.Should().Contain("北京滞后原因").And.NotContain("/acknowledge").And.NotContain("/link\"");
    }

    [Fact]
    public async Task Acknowledge_WithANote_HandlesTheWarning_AndTheAuditLogRecordsIt()
    {
        var id = await portal.OpenWarningAsync();
        using var planner = await portal.SignedInClientAsync("planner");

        var response = await PostAsync(planner, id, "acknowledge", new() { ["Note"] = "已督促整改", ["RowVersion"] = await RowVersionAsync(id) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be($"/monitoring/warnings/{id}");
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("预警已确认").And.Contain("已督促整改").And.NotContain("/acknowledge\"");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var warning = await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id);
        warning.State.Should().Be(WarningState.Acknowledged);
        warning.HandledBy.Should().Be("planner");
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(EarlyWarning) && a.EntityId == id.ToString() && a.Action == "update" && a.UserName == "planner")).Should().Be(1);
    }

    [Fact]
    public async Task Acknowledge_Refusals_Are422_WithTheMessage_AndChangeNothing()
    {
        var id = await portal.OpenWarningAsync();
        var handled = await portal.OpenWarningAsync();
        using var planner = await portal.SignedInClientAsync("planner");
        var version = await RowVersionAsync(id);
        (await PostAsync(planner, handled, "acknowledge", new() { ["Note"] = "先处理", ["RowVersion"] = await RowVersionAsync(handled) })).StatusCode.Should().Be(HttpStatusCode.OK);

        var empty = await PostAsync(planner, id, "acknowledge", new() { ["Note"] = "  ", ["RowVersion"] = version });
        var stale = await PostAsync(planner, id, "acknowledge", new() { ["Note"] = "意见", ["RowVersion"] = "1" });
        var again = await PostAsync(planner, handled, "acknowledge", new() { ["Note"] = "再处理", ["RowVersion"] = await RowVersionAsync(handled) });

        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("确认预警须填写处理意见。");
        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("该预警已被他人修改，请刷新后重试。").And.Contain(">意见</textarea>");
        again.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).Should().Contain("该预警已处理，不能重复处理。");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id)).State.Should().Be(WarningState.Open);
        (await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == handled)).Note.Should().Be("先处理");
        (await RowVersionAsync(id)).Should().Be(version);
    }

    [Fact]
    public async Task Link_ToAnAdjustmentOfTheSamePlan_HandlesTheWarning()
    {
        var id = await portal.OpenWarningAsync();
        using var planner = await portal.SignedInClientAsync("planner");
        var page = await planner.GetStringAsync(Url($"/monitoring/warnings/{id}"));
        page.Should().Contain($"<option value=\"{portal.AdjustmentId}\">");

        var response = await PostAsync(planner, id, "link", new() { ["AdjustmentId"] = portal.AdjustmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Note"] = "", ["RowVersion"] = await RowVersionAsync(id) });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("预警已关联调整方案").And.Contain("调整专项任务");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var warning = await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id);
        warning.State.Should().Be(WarningState.LinkedToAdjustment);
        warning.AdjustmentId.Should().Be(portal.AdjustmentId);
    }

    [Fact]
    public async Task Link_ToAnAdjustmentOfAnotherPlan_OrToNone_Is422_AndChangesNothing()
    {
        var id = await portal.OpenWarningAsync();
        using var planner = await portal.SignedInClientAsync("planner");
        var version = await RowVersionAsync(id);

        var foreign = await PostAsync(planner, id, "link", new() { ["AdjustmentId"] = portal.ForeignAdjustmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["RowVersion"] = version });
        var none = await PostAsync(planner, id, "link", new() { ["RowVersion"] = version });

        foreign.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await foreign.Content.ReadAsStringAsync()).Should().Contain("所选调整方案不属于该预警所在的规划。");
        none.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await none.Content.ReadAsStringAsync()).Should().Contain("请选择要关联的调整方案。");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        var warning = await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id);
        warning.State.Should().Be(WarningState.Open);
        warning.AdjustmentId.Should().BeNull();
    }

    [Fact]
    public async Task Handling_AsAReporter_IsForbidden_AndAnUnknownWarning_IsNotFound()
    {
        var id = await portal.OpenWarningAsync();
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");

        var forbidden = await PostAsync(reporter, id, "acknowledge", new() { ["Note"] = "越权", ["RowVersion"] = await RowVersionAsync(id) });
        var missing = await PostAsync(planner, 999_999, "acknowledge", new() { ["Note"] = "无此预警", ["RowVersion"] = "1" });
        var missingLink = await PostAsync(planner, 999_999, "link", new() { ["AdjustmentId"] = portal.AdjustmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["RowVersion"] = "1" });

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missingLink.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.EarlyWarnings.AsNoTracking().SingleAsync(w => w.Id == id)).State.Should().Be(WarningState.Open);
    }

    [Fact]
    public async Task ScanNow_ScansThePlanToday_AndSaysWhatItFound()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var list = await planner.GetStringAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings"));

        var response = await planner.PostAsync(Url($"/monitoring/plans/{portal.PlanId}/warnings/scan"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery.TokenIn(list) }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().MatchRegex("已检查[0-9]+个对象，新增预警0条。");
        page.Should().Contain("最近一次检查：" + DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        (await planner.PostAsync(Url($"/monitoring/plans/{portal.PagedPlanId}/warnings/scan"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery.TokenIn(list) }))).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "a plan that is not published is not scanned");
    }

    [Fact]
    public async Task DailyScan_IsOffInDevelopment_AndRunsEachPublishedPlanOnceADay()
    {
        var daily = portal.Services.GetRequiredService<DailyWarningScan>();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

        await daily.RunOnceAsync(CancellationToken.None);
        var again = await daily.RunOnceAsync(CancellationToken.None);

        daily.Enabled.Should().BeFalse("the tests run as Development, where Monitoring:DailyScan is false");
        again.Should().Be(0, "every published plan was scanned today already");
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await db.MonitoredStatuses.AsNoTracking().Where(s => s.PlanId == portal.PlanId && s.SubjectKey == WarningScan.LastScanKey).Select(s => s.Since).SingleAsync()).Should().Be(today);
        (await db.MonitoredStatuses.AsNoTracking().AnyAsync(s => s.PlanId == portal.PagedPlanId)).Should().BeFalse("a draft plan is not scanned");
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static List<long> WarningIds(string html) =>
        [.. WarningLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static int Count(string html, string name)
    {
        var match = Regex.Match(html, $"data-count=\"{name}\">.*?<dd>([0-9]+)</dd>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the count {name} is on the page");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> RowVersionAsync(long id)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return (await db.EarlyWarnings.AsNoTracking().Where(w => w.Id == id).Select(w => w.RowVersion).SingleAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, long id, string action, Dictionary<string, string> form)
    {
        var page = await client.GetAsync(Url($"/monitoring/warnings/{id}"));
        var html = await client.GetStringAsync(Url("/account/signin"));
        form["__RequestVerificationToken"] = Antiforgery.TokenIn(page.IsSuccessStatusCode ? await page.Content.ReadAsStringAsync() : html);
        return await client.PostAsync(Url($"/monitoring/warnings/{id}/{action}"), new FormUrlEncodedContent(form));
    }

    // The list links every row's state to its warning page (the table's only /monitoring/warnings/{id} links).
    [GeneratedRegex("href=\"/monitoring/warnings/([0-9]+)\"")]
    private static partial Regex WarningLink();

    public sealed class Fixture : PortalFactory
    {
        private static readonly DateTimeOffset Raised = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

        public int PlanId { get; private set; }

        public int PagedPlanId { get; private set; }

        public int HandlingPlanId { get; private set; }

        public int BeijingId { get; private set; }

        public int ShanghaiId { get; private set; }

        public IReadOnlyList<int> TaskIds { get; private set; } = [];

        public long EvidenceReportId { get; private set; }

        public long ShanghaiTaskRed { get; private set; }

        public long ShanghaiUnit { get; private set; }

        public long TaskAmber { get; private set; }

        public long BeijingTaskRed { get; private set; }

        public long BeijingTaskEarlier { get; private set; }

        public int AdjustmentId { get; private set; }

        public int ForeignAdjustmentId { get; private set; }

        private IReadOnlyList<Guid> TaskKeys { get; set; } = [];

        public long IdOf(string name) => name switch
        {
            nameof(ShanghaiTaskRed) => ShanghaiTaskRed,
            nameof(ShanghaiUnit) => ShanghaiUnit,
            nameof(TaskAmber) => TaskAmber,
            nameof(BeijingTaskRed) => BeijingTaskRed,
            nameof(BeijingTaskEarlier) => BeijingTaskEarlier,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        /// <summary>A new open warning on the handling plan, for one test to answer.</summary>
        public async Task<long> OpenWarningAsync()
        {
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var warning = new EarlyWarning(HandlingPlanId, WarningSubject.TaskUnit(TaskKeys[2], TaskIds[2], BeijingId, null), StatusColour.Red, null, "待处理的预警。", new DateOnly(2026, 11, 25), Raised);
            db.EarlyWarnings.Add(warning);
            await db.SaveChangesAsync();
            return warning.Id;
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();

            // Far in the future: the period is not current, so a scan of the shipped plan today finds nothing overdue.
            var (periodId, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(ConnectionString, 2030, 0, "110000");
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            var tasks = await db.PlanNodes.Where(n => n.Kind == NodeKind.Task).OrderBy(n => n.Position).Take(3).ToListAsync();
            TaskIds = [.. tasks.Select(t => t.Id)];
            TaskKeys = [.. tasks.Select(t => t.Key)];
            PlanId = await db.PlanVersions.Where(v => v.Id == tasks[0].PlanVersionId).Select(v => v.PlanId).SingleAsync();
            BeijingId = await db.Units.Where(u => u.Code == "110000").Select(u => u.Id).SingleAsync();
            ShanghaiId = await db.Units.Where(u => u.Code == "310000").Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var report = await ReportBuilder.For(periodId, TaskIds[0], BeijingId).WrittenBy("bj-reporter").At(now).SaveAsync(db);
            var paged = await new PlanBuilder().Titled("分页规划").Years(2021, 2025).WithoutVersion().SaveAsync(db);
            var handling = await new PlanBuilder().Titled("处理规划").Years(2021, 2025).WithoutVersion().SaveAsync(db);
            EvidenceReportId = report.Id;
            PagedPlanId = paged.Id;
            HandlingPlanId = handling.Id;

            var earlier = Warning(PlanId, WarningSubject.TaskUnit(TaskKeys[0], TaskIds[0], BeijingId, null), StatusColour.Amber, null, "北京早先的原因。", 1, -5);
            var beijingRed = Warning(PlanId, WarningSubject.TaskUnit(TaskKeys[0], TaskIds[0], BeijingId, report.Id), StatusColour.Red, StatusColour.Amber, "北京滞后原因。", 20, 0);
            var amber = Warning(PlanId, WarningSubject.Task(TaskKeys[1], TaskIds[1]), StatusColour.Amber, null, "任务滞后。", 21, 1);
            var shanghaiUnit = Warning(PlanId, WarningSubject.Unit(ShanghaiId), StatusColour.Amber, null, "上海平均滞后。", 22, 2);
            var shanghaiRed = Warning(PlanId, WarningSubject.TaskUnit(TaskKeys[1], TaskIds[1], ShanghaiId, null), StatusColour.Red, null, "上海报告逾期。", 23, 3);
            earlier.Acknowledge("planner", "已处理过", now);
            shanghaiUnit.Acknowledge("planner", "已约谈", now);
            db.EarlyWarnings.AddRange(earlier, beijingRed, amber, shanghaiUnit, shanghaiRed);
            db.EarlyWarnings.AddRange(Enumerable.Range(0, 55).Select(i => Warning(PagedPlanId, WarningSubject.Unit(BeijingId), StatusColour.Red, null, $"第{i}条。", 1 + (i % 28), i)));
            var versionId = tasks[0].PlanVersionId;
            var adjustment = new Adjustment(HandlingPlanId, versionId, "调整专项任务", "监测显示滞后", "planner", null, now);
            var foreign = new Adjustment(PagedPlanId, versionId, "另一规划的调整", "监测显示滞后", "planner", null, now);
            db.Adjustments.AddRange(adjustment, foreign);
            await db.SaveChangesAsync();
            (BeijingTaskEarlier, BeijingTaskRed, TaskAmber, ShanghaiUnit, ShanghaiTaskRed) = (earlier.Id, beijingRed.Id, amber.Id, shanghaiUnit.Id, shanghaiRed.Id);
            (AdjustmentId, ForeignAdjustmentId) = (adjustment.Id, foreign.Id);
        }

        private static EarlyWarning Warning(int planId, WarningSubject subject, StatusColour colour, StatusColour? before, string reason, int day, int minutes) =>
            new(planId, subject, colour, before, reason, new DateOnly(2026, 11, day), Raised.AddMinutes(minutes));
    }
}
