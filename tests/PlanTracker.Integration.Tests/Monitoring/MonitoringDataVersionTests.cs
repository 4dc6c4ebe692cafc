using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Monitoring;

/// <summary>The per-plan data version the dashboards cache under moves with every change they could show.</summary>
public sealed class MonitoringDataVersionTests : IAsyncLifetime
{
    private static readonly string[] Small = ["--plans", "2", "--tasks", "3", "--periods", "2", "--indicators-per-plan", "2"];

    private MigratedDatabase _database = null!;
    private int _plan;
    private int _other;

    public async Task InitializeAsync()
    {
        _database = await GeneratedVolume.CreateAsync(Small);
        await using var db = _database.CreateContext();
        var plans = await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        (_plan, _other) = (plans[0], plans[1]);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Theory]
    [InlineData("UPDATE progress_reports SET status = 'Returned' WHERE id = (SELECT r.id FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE p.plan_id = {0} AND r.status = 'Approved' LIMIT 1)")]
    [InlineData("UPDATE progress_reports SET progress_text = '改' WHERE id = (SELECT r.id FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id WHERE p.plan_id = {0} AND r.status = 'Draft' LIMIT 1)")]
    [InlineData("UPDATE indicator_values SET note = '改' WHERE id = (SELECT v.id FROM indicator_values v JOIN reporting_periods p ON p.id = v.period_id WHERE p.plan_id = {0} LIMIT 1)")]
    [InlineData("DELETE FROM task_assignments WHERE (task_id, unit_id) = (SELECT a.task_id, a.unit_id FROM task_assignments a JOIN plan_nodes n ON n.id = a.task_id JOIN plan_versions v ON v.id = n.plan_version_id WHERE v.plan_id = {0} AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.task_id = a.task_id AND r.unit_id = a.unit_id) LIMIT 1)")]
    [InlineData("UPDATE reporting_periods SET due_on = due_on + 1 WHERE id = (SELECT id FROM reporting_periods WHERE plan_id = {0} ORDER BY id DESC LIMIT 1)")]
    [InlineData("UPDATE plans SET threshold_amber_gap_points = 12 WHERE id = {0}")]
    [InlineData("UPDATE indicators SET target_year = target_year WHERE plan_version_id = (SELECT id FROM plan_versions WHERE plan_id = {0})")]
    public async Task AChangeTheDashboardsShow_MovesItsPlansVersion_AndNoOtherPlans(string change)
    {
        var before = (await VersionAsync(_plan), await VersionAsync(_other));

        var rows = await ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, change, _plan));

        rows.Should().BeGreaterThan(0, "the change touched something");
        (await VersionAsync(_plan)).Should().BeGreaterThan(before.Item1);
        (await VersionAsync(_other)).Should().Be(before.Item2);
    }

    [Fact]
    public async Task GeneratedPlans_StartWithAVersion()
    {
        (await VersionAsync(_plan)).Should().BeGreaterThan(0);
        (await VersionAsync(_other)).Should().BeGreaterThan(0);
    }

    private async Task<long> VersionAsync(int plan)
    {
        await using var db = _database.CreateContext();
        return await new MonitoringSql(db).OfPlanAsync(plan);
    }

    private Task<int> ExecuteAsync(string sql) => _database.ExecuteAsync(sql);
}
