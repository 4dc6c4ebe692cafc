using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Web.Tests.Support;
using PlanTracker.Web.Tests.TaskDashboard;

namespace PlanTracker.Web.Tests.IndicatorDashboard;

/// <summary>
/// An indicator whose target a later version changed (≥200 → ≥180): the indicator page shows the original target beside
/// the current one, judges on the current one, and counts the figure approved against the earlier version's indicator.
/// </summary>
public sealed class IndicatorTargetAdjustedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task IndicatorPage_ShowsTheOriginalTarget_AndJudgesOnTheAdjustedOne_WithValuesOfTheEarlierVersion()
    {
        var cs = portal.ConnectionString;
        var (plan, first) = await MonitoringSeed.PlanAsync(cs);
        var period = await MonitoringSeed.AnnualPeriodAsync(cs, plan, 2013);
        var original = await MonitoringSeed.IndicatorAsync(cs, "调整目标指标", 2010, "100", 2015, "≥200");
        await MonitoringSeed.ApprovedValueAsync(cs, original, period, null, 190m);
        int adjusted;
        await using (var db = SeededDatabase.CreateContext(cs))
        {
            var key = await db.Indicators.Where(i => i.Id == original).Select(i => i.Key).SingleAsync();
            var owner = await db.Plans.Include(p => p.Versions).SingleAsync(p => p.Id == plan);
            var next = owner.AddVersion(new PlanVersion(owner.Versions.Max(v => v.Number) + 1, null, null, DateTimeOffset.UtcNow, "调整"));
            var indicator = new Indicator("调整目标指标", "测试", "个", null, null, null, StatedValue.Parse("≥180"), IndicatorNature.Expected, 1, key, IndicatorAggregation.NationalOnly);
            indicator.Revise(new IndicatorDraft("调整目标指标", "测试", "个", IndicatorNature.Expected, IndicatorDirection.HigherIsBetter, IndicatorAggregation.NationalOnly, 2010, "100", null, 2015, "≥180"), []).Should().BeEmpty();
            next.AddIndicator(indicator);
            await db.SaveChangesAsync();
            adjusted = indicator.Id;
            await MonitoringSeed.ExecuteAsync(cs, $"UPDATE plan_versions SET status = 'Superseded' WHERE id = {first}");
            await MonitoringSeed.ExecuteAsync(cs, $"UPDATE plan_versions SET status = 'Published', published_at = now() WHERE id = {next.Id}");
        }

        using var planner = await portal.SignedInClientAsync("planner");
        var page = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{adjusted}?asOf=2014-06-30", UriKind.Relative));
        var followed = await planner.GetAsync(new Uri($"/monitoring/indicators/{original}", UriKind.Relative));

        page.Should().Contain("<dd class=\"original-target\">≥200</dd>").And.Contain("≥180")
            .And.Contain("提前实现").And.Contain("（目标已由≥200调整为≥180，按调整后目标评价）");
        followed.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        followed.RequestMessage!.RequestUri!.AbsolutePath.Should().Be($"/monitoring/indicators/{adjusted}", "a link of the earlier version follows the indicator into the version in force");
    }
}
