using PlanTracker.Web.Tests.Support;
using PlanTracker.Web.Tests.TaskDashboard;

namespace PlanTracker.Web.Tests.IndicatorDashboard;

/// <summary>
/// A qualitative target (建立…体系) with the milestones its period holds: the yearly figure is the number reached, and
/// the indicator is rated by that share against time instead of being 无法量化评价.
/// </summary>
public sealed class QualitativeIndicatorTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AQualitativeTargetWithPlannedMilestones_IsRatedByTheMilestonesReached()
    {
        var cs = portal.ConnectionString;
        var (plan, _) = await MonitoringSeed.PlanAsync(cs);
        var period = await MonitoringSeed.AnnualPeriodAsync(cs, plan, 2013);
        var indicator = await MonitoringSeed.IndicatorAsync(cs, "现代服务业科技创新体系", 2010, "—", 2015, "建立较为完善的现代服务业科技创新体系");
        using var planner = await portal.SignedInClientAsync("planner");
        var unrated = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{indicator}?asOf=2013-12-31", UriKind.Relative));

        await MonitoringSeed.ExecuteAsync(cs, $"UPDATE indicators SET planned_milestones = 4 WHERE id = {indicator}");
        await MonitoringSeed.ApprovedValueAsync(cs, indicator, period, null, 2m);
        var rated = await planner.GetStringAsync(new Uri($"/monitoring/indicators/{indicator}?asOf=2013-12-31", UriKind.Relative));
        var form = await planner.GetStringAsync(new Uri($"/plans/{plan}/indicators/{indicator}/edit", UriKind.Relative));

        unrated.Should().Contain("无法量化评价").And.NotContain("已完成里程碑");
        rated.Should().Contain("已完成里程碑2个（共4个），完成进度50%，时序进度60%，基本符合预期。");
        form.Should().Contain("name=\"PlannedMilestones\" value=\"4\"");
    }
}
