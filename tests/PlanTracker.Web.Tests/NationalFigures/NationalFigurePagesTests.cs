using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;
using PlanTracker.Web.Tests.Support;
using PlanTracker.Web.Tests.TaskDashboard;

namespace PlanTracker.Web.Tests.NationalFigures;

/// <summary>全国数: a planner enters an indicator's national figure per period; it is approved as saved, refused whole when bad.</summary>
public sealed class NationalFigurePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Save_StoresTheFigureApprovedByThePlanner_AndTheIndicatorPageCountsIt()
    {
        var (plan, indicator, period) = await SeedAsync("全国数甲", 2011);
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/plans/{plan}/indicators/{indicator}/national";
        var page = await planner.GetStringAsync(new Uri(url, UriKind.Relative));
        page.Should().Contain("2011年度").And.Contain("尚未填报");

        var saved = await PostAsync(planner, url, page, period, value: "25.5", source: "科技部统计", note: "年报口径");

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().Contain("全国数已保存并通过").And.Contain("数据来源：科技部统计");
        var stored = (await NationalAsync(indicator)).Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(new { UnitId = (int?)null, PeriodId = period, Value = 25.5m, Source = "科技部统计", Note = "年报口径", UnitOfMeasure = "个", Status = ReportStatus.Approved, UpdatedBy = "planner" });
        stored.ApprovedAt.Should().NotBeNull();
        var monitored = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{indicator}?asOf=2012-06-30&table=years&format=csv", UriKind.Relative));
        monitored.Should().Contain("2011,20.4,25.5,");
    }

    [Fact]
    public async Task Save_AgainWithTheRowVersion_ReplacesTheFigure_AStaleFormIsRefused()
    {
        var (plan, indicator, period) = await SeedAsync("全国数乙", 2012);
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/plans/{plan}/indicators/{indicator}/national";
        var page = await planner.GetStringAsync(new Uri(url, UriKind.Relative));
        (await PostAsync(planner, url, page, period, value: "20", source: "科技部统计")).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = (await NationalAsync(indicator)).Single();

        var again = await PostAsync(planner, url, page, period, value: "22", source: "科技部统计（修正）", version: first.RowVersion);
        var stale = await PostAsync(planner, url, page, period, value: "99", source: "旧页面", version: first.RowVersion);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("该全国数已被他人修改");
        (await NationalAsync(indicator)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Value = 22m, Source = "科技部统计（修正）", Status = ReportStatus.Approved });
        var missingVersion = await PostAsync(planner, url, page, period, value: "30", source: "无版本");
        missingVersion.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a form drawn before the first figure was saved is stale too");
        (await NationalAsync(indicator)).Single().Value.Should().Be(22m);
    }

    [Theory]
    [InlineData("abc", "统计", null, "不是数字")]
    [InlineData("12", "", null, "数据来源")]
    [InlineData("", "统计", null, "指标值")]
    [InlineData("12", "统计", "<script>alert(1)</script>", "HTML")]
    public async Task Save_BadInput_Is422WithTheMessage_AndStoresNothing(string value, string source, string? note, string message)
    {
        var (plan, indicator, period) = await SeedAsync("全国数丙" + message, 2013);
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/plans/{plan}/indicators/{indicator}/national";
        var page = await planner.GetStringAsync(new Uri(url, UriKind.Relative));

        var refused = await PostAsync(planner, url, page, period, value: value, source: source, note: note);

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain(message).And.Contain("role=\"alert\"");
        (await NationalAsync(indicator)).Should().BeEmpty();
    }

    [Fact]
    public async Task Page_IsThePlanners_OthersForbidden_UnknownIndicatorOrPeriod404_LinkedFromTheIndicatorList()
    {
        var (plan, indicator, period) = await SeedAsync("全国数丁", 2014);
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var evaluator = await portal.SignedInClientAsync("evaluator", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");
        var url = $"/plans/{plan}/indicators/{indicator}/national";
        var page = await planner.GetStringAsync(new Uri(url, UriKind.Relative));

        (await reporter.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await evaluator.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await planner.GetAsync(new Uri($"/plans/{plan}/indicators/999999/national", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/plans/999999/indicators/{indicator}/national", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(planner, url, page, 999999, value: "1", source: "统计")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await NationalAsync(indicator)).Should().BeEmpty();
        (await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators", UriKind.Relative))).Should().Contain(url);
        _ = period;
    }

    private async Task<(int Plan, int Indicator, int Period)> SeedAsync(string name, int year)
    {
        var cs = portal.ConnectionString;
        var (plan, _) = await MonitoringSeed.PlanAsync(cs);
        await using var db = SeededDatabase.CreateContext(cs);
        var period = await db.ReportingPeriods.Where(p => p.PlanId == plan && p.Year == year).Select(p => (int?)p.Id).FirstOrDefaultAsync()
            ?? await MonitoringSeed.AnnualPeriodAsync(cs, plan, year);
        var indicator = await MonitoringSeed.IndicatorAsync(cs, name, 2010, "18", 2015, "≥30");
        return (plan, indicator, period);
    }

    private async Task<List<IndicatorValue>> NationalAsync(int indicator)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.IndicatorValues.AsNoTracking().Where(v => v.IndicatorId == indicator && v.UnitId == null).ToListAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, int period, string value, string source, string? note = null, uint? version = null) =>
        await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery.TokenIn(page),
            ["PeriodId"] = period.ToString(CultureInfo.InvariantCulture),
            ["Value"] = value,
            ["ValueText"] = string.Empty,
            ["UnitOfMeasure"] = string.Empty,
            ["Source"] = source,
            ["Note"] = note ?? string.Empty,
            ["RowVersion"] = version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        }));
}
