using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.PlanImport;
using PlanTracker.Infrastructure.Seed;
using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.IndicatorValues;

/// <summary>
/// 指标值填报 over HTTP on the seeded database with the demo indicators (two that units report on, one national-only).
/// Each test opens its own period (a year).
/// </summary>
public sealed class IndicatorValuePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Beijing = "110000";
    private const string Investment = "现代服务业科技投入";
    private const string Enterprises = "现代服务业示范企业";
    private const string NationalOnly = "国家现代服务业产业化基地";

    [Fact]
    public async Task Workflow_SaveDraft_Submit_PlannerApprovesOneAndReturnsOne_ApprovedIsReadOnly()
    {
        var period = await OpenPeriodAsync(2011, 0);
        var (investment, enterprises, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");

        (await reporter.GetStringAsync(new Uri("/progress", UriKind.Relative))).Should().Contain(page);
        var form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));
        form.Should().Contain(Investment).And.Contain(Enterprises).And.NotContain(NationalOnly).And.Contain("value=\"亿元\"");

        var saved = await PostAsync(reporter, page + "/save", form, Row(0, investment, value: "12.5"), Row(1, enterprises));
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        (await saved.Content.ReadAsStringAsync()).Should().Contain("指标值已保存");
        var values = await ValuesAsync(period);
        values.Should().ContainSingle().Which.Should().BeEquivalentTo(new { IndicatorId = investment, Value = 12.5m, UnitOfMeasure = "亿元", Status = ReportStatus.Draft });

        form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));
        var submitted = await PostAsync(reporter, page + "/submit", form, Row(0, investment, value: "12.5", source: "北京市统计局", version: Version(values, investment)), Row(1, enterprises, value: "40", source: "市科委认定名单"));
        submitted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await submitted.Content.ReadAsStringAsync()).Should().Contain("指标值已报送");
        values = await ValuesAsync(period);
        values.Should().HaveCount(2).And.OnlyContain(v => v.Status == ReportStatus.Submitted);

        // The planner's table, linked from the period's review page.
        (await planner.GetStringAsync(new Uri($"/review/periods/{period}", UriKind.Relative))).Should().Contain($"/review/periods/{period}/indicators");
        var table = await planner.GetStringAsync(new Uri($"/review/periods/{period}/indicators", UriKind.Relative));
        table.Should().Contain("北京市").And.Contain("北京市统计局").And.Contain("12.5");
        (await planner.GetStringAsync(new Uri($"/review/periods/{period}/indicators?indicatorId={enterprises}", UriKind.Relative))).Should().Contain("市科委认定名单").And.NotContain("北京市统计局");

        var first = values.Single(v => v.IndicatorId == investment);
        var second = values.Single(v => v.IndicatorId == enterprises);
        (await PostAsync(planner, $"/review/periods/{period}/indicators/{first.Id}/approve", table, ("RowVersion", first.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode.Should().Be(HttpStatusCode.OK);
        var noReason = await PostAsync(planner, $"/review/periods/{period}/indicators/{second.Id}/return", table, ("RowVersion", second.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Comment", " "));
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("退回须填写理由");
        (await PostAsync(planner, $"/review/periods/{period}/indicators/{second.Id}/return", table, ("RowVersion", second.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Comment", "请注明认定批次"))).StatusCode.Should().Be(HttpStatusCode.OK);
        values = await ValuesAsync(period);
        values.Single(v => v.IndicatorId == investment).Status.Should().Be(ReportStatus.Approved);
        values.Single(v => v.IndicatorId == enterprises).Should().BeEquivalentTo(new { Status = ReportStatus.Returned, ReturnReason = "请注明认定批次" });

        // The approved value is read-only; the returned one is open again, with its reason.
        form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));
        form.Should().Contain("退回理由：请注明认定批次").And.Contain("已通过")
            .And.Contain($"name=\"Rows[0].IndicatorId\" value=\"{enterprises}\"").And.NotContain($"value=\"{investment}\"");
        var late = await PostAsync(reporter, page + "/save", form, Row(0, investment, value: "99", source: "改", version: Version(values, investment)));
        late.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await late.Content.ReadAsStringAsync()).Should().Contain("不能修改");
        (await ValuesAsync(period)).Single(v => v.IndicatorId == investment).Value.Should().Be(12.5m);
    }

    [Fact]
    public async Task Submit_IncompleteRows_NamesEachIndicatorAndWhatIsMissing_AndStoresNothing()
    {
        var period = await OpenPeriodAsync(2012, 1);
        var (investment, enterprises, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await PostAsync(reporter, page + "/submit", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)),
            Row(0, investment, value: "3"), Row(1, enterprises, words: "已建立", source: "市科委"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("以下指标值不完整，未报送，也未保存").And.Contain($"{Investment}：指标值不完整，请补充：数据来源。").And.NotContain($"{Enterprises}：指标值不完整");
        html.Should().Contain("value=\"已建立\"", "what was typed stays in the form");
        (await ValuesAsync(period)).Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_NothingFilled_IsRefused()
    {
        var period = await OpenPeriodAsync(2013, 2);
        var (investment, enterprises, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await PostAsync(reporter, page + "/submit", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment), Row(1, enterprises));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("没有已填写的指标值可报送");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", null, "数据来源含有HTML标记或脚本")]
    [InlineData("统计局", "100000000000000", "指标值数额过大")]
    public async Task Save_ValueTheDomainRefuses_Is422_NamingTheIndicator_AndStoresNothing(string source, string? value, string message)
    {
        var period = await OpenPeriodAsync(value is null ? 2014 : 2015, value is null ? 3 : 4);
        var (investment, enterprises, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await PostAsync(reporter, page + "/save", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)),
            Row(0, investment, value: value, source: source), Row(1, enterprises, value: "5", source: "市科委"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Should().Contain($"{Investment}：{message}");
        (await ValuesAsync(period)).Should().BeEmpty("the other, valid row is not stored either");
    }

    [Fact]
    public async Task Save_WordsInTheNumberField_Is422_NamingTheIndicator_NotA500()
    {
        var period = await OpenPeriodAsync(2016, 5);
        var (investment, enterprises, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");

        var response = await PostAsync(reporter, page + "/save", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)),
            Row(0, investment, value: "十二亿"), Row(1, enterprises, value: "5"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("以下指标值不是有效的数字").And.Contain($"{Investment}：指标值须填写数字");
        (await ValuesAsync(period)).Should().BeEmpty();
    }

    [Fact]
    public async Task Save_StaleForm_IsRefused_WithAClearMessage_AndKeepsTheOtherSave()
    {
        var period = await OpenPeriodAsync(2017, 6);
        var (investment, _, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var first = await portal.SignedInClientAsync("bj-reporter");
        using var second = await portal.SignedInClientAsync("bj-reporter");
        await PostAsync(first, page + "/save", await first.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "1"));
        var version = Version(await ValuesAsync(period), investment);
        (await PostAsync(first, page + "/save", await first.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "2", version: version))).StatusCode.Should().Be(HttpStatusCode.OK);

        var stale = await PostAsync(second, page + "/save", await second.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "3", version: version));

        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("指标值已被他人修改，未保存");
        (await ValuesAsync(period)).Single().Value.Should().Be(2m);
    }

    [Fact]
    public async Task Save_NationalOnlyOrUnknownIndicator_OrUnknownPeriod_Is404_AndStoresNothing()
    {
        var period = await OpenPeriodAsync(2018, 7);
        var (investment, _, national) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));

        (await PostAsync(reporter, page + "/save", form, Row(0, national, value: "18", source: "统计"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(reporter, page + "/save", form, Row(0, investment, value: "1"), Row(1, 999999, value: "1"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(reporter, page + "/save", form, Row(0, investment, value: "1"), Row(1, investment, value: "2"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reporter.GetAsync(new Uri("/progress/999999/indicators", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(reporter, "/progress/999999/indicators/save", form, Row(0, investment, value: "1"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ValuesAsync(period)).Should().BeEmpty();
    }

    [Fact]
    public async Task AnotherUnit_SeesOnlyItsOwnValues_CannotDecide_AndAValueOfAnotherPeriodIs404()
    {
        var period = await OpenPeriodAsync(2019, 8);
        var other = await OpenPeriodAsync(2020, 9);
        var (investment, _, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var beijing = await portal.SignedInClientAsync("bj-reporter");
        using var shanghai = await portal.SignedInClientAsync("sh-reporter", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(beijing, page + "/submit", await beijing.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "7.25", source: "北京市统计局"));
        var value = (await ValuesAsync(period)).Single();

        var theirs = await shanghai.GetStringAsync(new Uri(page, UriKind.Relative));
        theirs.Should().Contain("上海市").And.NotContain("北京市统计局").And.NotContain("7.25");
        (await PostAsync(shanghai, $"/review/periods/{period}/indicators/{value.Id}/approve", theirs, ("RowVersion", value.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await shanghai.GetAsync(new Uri($"/review/periods/{period}/indicators", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var table = await planner.GetStringAsync(new Uri($"/review/periods/{other}/indicators", UriKind.Relative));
        (await PostAsync(planner, $"/review/periods/{other}/indicators/{value.Id}/approve", table, ("RowVersion", value.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ValuesAsync(period)).Single().Status.Should().Be(ReportStatus.Submitted);
    }

    [Fact]
    public async Task UnitReviewer_MayView_ButNotSave()
    {
        var period = await OpenPeriodAsync(2021, 10);
        var (investment, _, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var reviewer = await portal.SignedInClientAsync("bj-reviewer", allowAutoRedirect: false);
        await PostAsync(reporter, page + "/save", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "4.5", source: "统计"));

        var view = await reviewer.GetStringAsync(new Uri(page, UriKind.Relative));

        view.Should().Contain("4.5").And.Contain("统计").And.NotContain("Rows[0].Value");
        (await PostAsync(reviewer, page + "/save", view, Row(0, investment, value: "5"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ValuesAsync(period)).Single().Value.Should().Be(4.5m);
    }

    [Fact]
    public async Task Save_PeriodNotOpen_Is422_AndThePageIsReadOnly()
    {
        var period = await OpenPeriodAsync(2022, 11);
        var (investment, _, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        var form = await reporter.GetStringAsync(new Uri(page, UriKind.Relative));
        await using (var db = SeededDatabase.CreateContext(portal.ConnectionString))
        {
            var row = await db.ReportingPeriods.SingleAsync(p => p.Id == period);
            db.Entry(row).Property(p => p.Status).CurrentValue = PeriodStatus.Closed;
            await db.SaveChangesAsync();
        }

        var response = await PostAsync(reporter, page + "/save", form, Row(0, investment, value: "1", source: "统计"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("填报期未开放，不能填报指标值").And.NotContain("Rows[0].Value");
        (await ValuesAsync(period)).Should().BeEmpty();
    }

    [Fact]
    public async Task Decide_StaleVersion_IsRefused_AndTheValueStaysSubmitted()
    {
        var period = await OpenPeriodAsync(2023, 12);
        var (investment, _, _) = await IndicatorsAsync();
        var page = $"/progress/{period}/indicators";
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");
        await PostAsync(reporter, page + "/submit", await reporter.GetStringAsync(new Uri(page, UriKind.Relative)), Row(0, investment, value: "2", source: "统计"));
        var value = (await ValuesAsync(period)).Single();
        var table = await planner.GetStringAsync(new Uri($"/review/periods/{period}/indicators", UriKind.Relative));

        var stale = await PostAsync(planner, $"/review/periods/{period}/indicators/{value.Id}/approve", table, ("RowVersion", (value.RowVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("指标值已被他人修改");
        (await ValuesAsync(period)).Single().Status.Should().Be(ReportStatus.Submitted);
    }

    [Fact]
    public async Task SeedDemoIndicators_IsIdempotent_AndAddsThree()
    {
        await IndicatorsAsync();

        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        (await Seeder(db).SeedDemoIndicatorsAsync()).Should().Be(0);
        (await db.Indicators.CountAsync()).Should().Be(3);
    }

    private async Task<int> OpenPeriodAsync(int year, int taskIndex) =>
        (await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, year, taskIndex, Beijing)).Period;

    /// <summary>The demo indicators (seeded once per database), by name.</summary>
    private async Task<(int Investment, int Enterprises, int NationalOnly)> IndicatorsAsync()
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        await Seeder(db).SeedDemoIndicatorsAsync();
        var ids = await db.Indicators.ToDictionaryAsync(i => i.Name, i => i.Id);
        return (ids[Investment], ids[Enterprises], ids[NationalOnly]);
    }

    private static DemoSeeder Seeder(Infrastructure.Persistence.AppDbContext db) =>
        new(db, new UnitSeeder(db), new PlanImportService(db, TimeProvider.System, NullLogger<PlanImportService>.Instance), NullLogger<DemoSeeder>.Instance);

    private async Task<List<IndicatorValue>> ValuesAsync(int period)
    {
        await using var db = SeededDatabase.CreateContext(portal.ConnectionString);
        return await db.IndicatorValues.AsNoTracking().Where(v => v.PeriodId == period).OrderBy(v => v.Id).ToListAsync();
    }

    private static uint Version(IEnumerable<IndicatorValue> values, int indicator) => values.Single(v => v.IndicatorId == indicator).RowVersion;

    private static (string, string)[] Row(int index, int indicator, string? value = null, string? words = null, string? source = null, uint? version = null) =>
    [
        ($"Rows[{index}].IndicatorId", indicator.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ($"Rows[{index}].Value", value ?? string.Empty),
        ($"Rows[{index}].ValueText", words ?? string.Empty),
        ($"Rows[{index}].Source", source ?? string.Empty),
        ($"Rows[{index}].RowVersion", version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
    ];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, params (string Name, string Value)[][] rows) =>
        await PostAsync(client, url, page, rows.SelectMany(r => r).ToArray());

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string page, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Antiforgery.TokenIn(page)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(form));
    }
}
