using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.TestSupport.Builders;
using PlanTracker.Web.Tests.Support;

namespace PlanTracker.Web.Tests.Dashboard;

/// <summary>
/// The dashboards of a new install: the shipped plan is published with its tasks but none is assigned yet, and a second
/// published plan has no tasks at all. Each page says so instead of showing empty tables or charts.
/// </summary>
public sealed partial class DashboardEmptyStateTests(DashboardEmptyStateTests.Fixture portal) : IClassFixture<DashboardEmptyStateTests.Fixture>
{
    [Fact]
    public async Task Overview_WithTasksButNoAssignments_SaysNothingIsAssignedYet()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.ShippedPlanId}", UriKind.Relative));

        html.Should().Contain("尚未分解到任何单位");
        html.Should().NotContain("<canvas").And.NotContain("<table");
        html.Should().Contain($"/monitoring/plans/{portal.ShippedPlanId}/units", "the unit map is still linked");
    }

    [Fact]
    public async Task Overview_OfAPublishedPlanWithoutTasks_SaysThereAreNoTasks()
    {
        using var evaluator = await portal.SignedInClientAsync("evaluator");

        var html = await evaluator.GetStringAsync(new Uri($"/monitoring/plans/{portal.EmptyPlanId}", UriKind.Relative));

        html.Should().Contain("已发布版本中没有任务");
        html.Should().NotContain("<canvas").And.NotContain("<table");
    }

    [Fact]
    public async Task Index_ListsBothPublishedPlans()
    {
        using var admin = await portal.SignedInClientAsync("admin");

        var html = await admin.GetStringAsync(new Uri("/monitoring", UriKind.Relative));

        html.Should().Contain($"href=\"/monitoring/plans/{portal.ShippedPlanId}\"").And.Contain($"href=\"/monitoring/plans/{portal.EmptyPlanId}\"").And.Contain("没有任务的规划");
    }

    [Fact]
    public async Task UnitMap_WithoutAssignments_ShowsEveryTileGrey_AndSaysWhy()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.ShippedPlanId}/units", UriKind.Relative));

        var colours = TileColours().Matches(html).Select(m => m.Groups[1].Value).ToList();
        colours.Should().HaveCount(37).And.OnlyContain(c => c == "grey");
        html.Should().Contain("尚未分解到任何单位").And.Contain("未承担任务");
    }

    [Fact]
    public async Task UnitPage_WithoutAssignments_SaysTheUnitHasNoTasks()
    {
        using var planner = await portal.SignedInClientAsync("planner");

        var html = await planner.GetStringAsync(new Uri($"/monitoring/plans/{portal.ShippedPlanId}/units/{portal.BeijingId}", UriKind.Relative));

        html.Should().Contain("该单位在本规划中没有承担任务").And.NotContain("<tbody>");
    }

    [GeneratedRegex("<li class=\"tile status-([a-z]+) ")]
    private static partial Regex TileColours();

    public sealed class Fixture : PortalFactory
    {
        public int ShippedPlanId { get; private set; }

        public int EmptyPlanId { get; private set; }

        public int BeijingId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = SeededDatabase.CreateContext(ConnectionString);
            ShippedPlanId = await db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id).SingleAsync();
            BeijingId = await db.Units.Where(u => u.Code == "110000").Select(u => u.Id).SingleAsync();
            var empty = await new PlanBuilder().Titled("没有任务的规划").WithDocumentNumber("测试〔2026〕1号").Years(2021, 2025).SaveAsync(db);
            EmptyPlanId = empty.Id;
        }
    }
}
