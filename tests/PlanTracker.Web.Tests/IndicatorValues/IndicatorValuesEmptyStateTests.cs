using PlanTracker.TestSupport;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.IndicatorValues;

/// <summary>A plan without indicators (the shipped plan as a production install has it): both pages say there is nothing to report.</summary>
public sealed class IndicatorValuesEmptyStateTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PlanWithoutIndicators_UnitAndMinistryPages_ShowTheEmptyState()
    {
        var (period, _) = await ReportingSeed.OpenAnnualPeriodWithLeadAsync(portal.ConnectionString, 2011, 0, "110000");
        using var reporter = await portal.SignedInClientAsync("bj-reporter");
        using var planner = await portal.SignedInClientAsync("planner");

        var unit = await reporter.GetStringAsync(new Uri($"/progress/{period}/indicators", UriKind.Relative));
        var ministry = await planner.GetStringAsync(new Uri($"/review/periods/{period}/indicators", UriKind.Relative));

        unit.Should().Contain("本规划尚未设置指标，无需填报指标值。").And.NotContain(">保存</button>");
        ministry.Should().Contain("本规划尚未设置指标，无需填报指标值。");
    }
}
