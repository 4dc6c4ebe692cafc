using System.Net;
using System.Text;
using System.Text.Json;
using PlanTracker.Domain.Indicators;
using PlanTracker.Web.Tests.Support;
using PlanTracker.Web.Tests.TaskDashboard;

namespace PlanTracker.Web.Tests.IndicatorDashboard;

/// <summary>
/// The indicator overview and the indicator page on four hand-seeded indicators (baseline 2010, target 2015, judged on
/// the 2013 figures: 时序进度 60%). 测试指标甲 is ahead (100 → 190 of ≥200), 乙 behind (100 → 120), 丙 lower-is-better
/// (50 → 38 of ≤30, the mean of 北京 36 and 上海 40), 丁 has no data.
/// </summary>
public sealed class IndicatorMonitoringPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string AsOf = "2014-06-30";
    private int _plan;
    private int _ahead;
    private int _lower;

    public async Task InitializeAsync()
    {
        var cs = portal.ConnectionString;
        (_plan, _) = await MonitoringSeed.PlanAsync(cs);
        await using (var db = SeededDatabase.CreateContext(cs))
        {
            var ids = db.Indicators.Where(i => i.Name.StartsWith("测试指标")).ToDictionary(i => i.Name, i => i.Id);
            if (ids.Count > 0)
            {
                (_ahead, _lower) = (ids["测试指标甲"], ids["测试指标丙"]);
                return;
            }
        }

        var period = await MonitoringSeed.AnnualPeriodAsync(cs, _plan, 2013);
        _ahead = await MonitoringSeed.IndicatorAsync(cs, "测试指标甲", 2010, "100", 2015, "≥200");
        var behind = await MonitoringSeed.IndicatorAsync(cs, "测试指标乙", 2010, "100", 2015, "≥200");
        _lower = await MonitoringSeed.IndicatorAsync(cs, "测试指标丙", 2010, "50", 2015, "≤30", IndicatorDirection.LowerIsBetter, IndicatorAggregation.Average, "%");
        await MonitoringSeed.IndicatorAsync(cs, "测试指标丁", 2010, "10", 2015, "≥20");
        await MonitoringSeed.ApprovedValueAsync(cs, _ahead, period, null, 190m, "国家统计局");
        await MonitoringSeed.ApprovedValueAsync(cs, behind, period, null, 120m);
        await MonitoringSeed.ApprovedValueAsync(cs, _lower, period, "110000", 36m, "北京市统计局");
        await MonitoringSeed.ApprovedValueAsync(cs, _lower, period, "310000", 40m, "上海市统计局");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Overview_GivesEachIndicatorItsVerdictAndReason_AndTheTallySentence()
    {
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var page = await evaluator.GetStringAsync(new Uri($"/monitoring/plans/{_plan}/indicators?asOf={AsOf}", UriKind.Relative));

        page.Should().Contain("4项指标中，快于预期1项，基本符合预期1项，滞后1项，暂无数据1项。");
        Row(page, "测试指标甲").Should().Contain("快于预期").And.Contain("status-green").And.Contain("2013年实际值190，按进度应达160，完成进度90%，时序进度60%，快于预期。")
            .And.Contain($"/monitoring/indicators/{_ahead}");
        Row(page, "测试指标乙").Should().Contain("滞后").And.Contain("status-red").And.Contain("完成进度20%，时序进度60%，滞后。");
        Row(page, "测试指标丙").Should().Contain("基本符合预期").And.Contain("status-green").And.Contain("2013年实际值38，按进度应达38，完成进度60%");
        Row(page, "测试指标丁").Should().Contain("暂无数据").And.Contain("status-grey").And.Contain("尚无2010年以后的实际值，暂无数据。");

        using var chart = JsonDocument.Parse(Between(page, "id=\"indicator-verdicts-data\">", "</script>"));
        var data = chart.RootElement.GetProperty("data");
        var counts = data.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)
            .Zip(data.GetProperty("datasets")[0].GetProperty("data").EnumerateArray().Select(v => v.GetInt32()))
            .ToDictionary(p => p.First, p => p.Second);
        counts.Should().Contain(new Dictionary<string, int> { ["快于预期"] = 1, ["基本符合预期"] = 1, ["滞后"] = 1, ["暂无数据"] = 1, ["已实现"] = 0 });
    }

    [Fact]
    public async Task Overview_DownloadsTheIndicatorsAndTheTally()
    {
        using var planner = await portal.SignedInClientAsync("planner");
        var page = $"/monitoring/plans/{_plan}/indicators?asOf={AsOf}";

        var indicators = Encoding.UTF8.GetString(await planner.GetByteArrayAsync(new Uri(page + "&table=indicators&format=csv", UriKind.Relative)));
        var tally = Encoding.UTF8.GetString(await planner.GetByteArrayAsync(new Uri(page + "&table=verdicts&format=csv", UriKind.Relative)));

        indicators.Should().Contain("测试指标甲,个,预期性,100（2010年）,≥200（2015年）,190（2013年）,90,60,快于预期,");
        tally.Should().Contain("滞后,1").And.Contain("未实现,0");
    }

    [Fact]
    public async Task IndicatorPage_DrawsTheStraightLine_TheActual_AndTheProjection()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var page = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{_ahead}?asOf={AsOf}", UriKind.Relative));

        page.Should().Contain("快于预期").And.Contain("按目前趋势，2015年预计达到250").And.Contain($"/plans/{_plan}/indicators/{_ahead}/national");
        using var chart = JsonDocument.Parse(Between(page, "id=\"indicator-values-data\">", "</script>"));
        var data = chart.RootElement.GetProperty("data");
        data.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("2010", "2011", "2012", "2013", "2014", "2015");
        var series = data.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal()).ToList()).ToList();
        series.Should().HaveCount(3);
        series[0].Should().Equal(100m, 120m, 140m, 160m, 180m, 200m);
        series[1].Should().Equal(null, null, null, 190m, null, null);
        series[2].Should().Equal(null, null, null, 190m, null, 250m);

        var years = Encoding.UTF8.GetString(await planner.GetByteArrayAsync(new Uri($"/monitoring/indicators/{_ahead}?asOf={AsOf}&table=years&format=csv", UriKind.Relative)));
        years.Should().Contain("2013,160,190,—,2013年度,全国数（部委填报）").And.Contain("2015,200,—,250,—,—");
    }

    [Fact]
    public async Task IndicatorPage_CombinesTheUnits_AndListsEachUnitsLatestValue()
    {
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var page = await evaluator.GetStringAsync(new Uri($"/monitoring/indicators/{_lower}?asOf={AsOf}", UriKind.Relative));
        var units = Encoding.UTF8.GetString(await evaluator.GetByteArrayAsync(new Uri($"/monitoring/indicators/{_lower}?asOf={AsOf}&table=units&format=csv", UriKind.Relative)));

        page.Should().Contain("基本符合预期").And.Contain("2个单位数据（各单位平均）").And.NotContain("/national\"", "the national-figure link is the planners'");
        units.Should().Contain("北京市,36,—,—,北京市统计局,2013年度").And.Contain("上海市,40,—,—,上海市统计局,2013年度");
    }

    [Fact]
    public async Task Pages_AreTheMinistrys_ReporterForbidden_UnknownIds404()
    {
        using var reporter = await portal.SignedInClientAsync("bj-reporter", allowAutoRedirect: false);
        using var planner = await portal.SignedInClientAsync("planner");

        (await reporter.GetAsync(new Uri($"/monitoring/plans/{_plan}/indicators", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reporter.GetAsync(new Uri($"/monitoring/indicators/{_ahead}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await planner.GetAsync(new Uri("/monitoring/plans/999999/indicators", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri("/monitoring/indicators/999999", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await planner.GetAsync(new Uri($"/monitoring/indicators/{_ahead}?table=nothing&format=csv", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static string Row(string html, string name)
    {
        var at = html.IndexOf(">" + name + "<", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"{name} has a row");
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
}
