using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Integration.Tests.Support;

namespace PlanTracker.Integration.Tests.Monitoring;

/// <summary>
/// The task statuses PostgreSQL computes for the dashboards against the domain's <see cref="TaskStatusRules"/>, and the
/// progress rollup against the reports it summarises, on a small generated plan volume (every workflow state occurs).
/// </summary>
public sealed class TaskStatusSqlTests : IAsyncLifetime
{
    private static readonly string[] Small = ["--plans", "2", "--tasks", "12", "--periods", "6", "--indicators-per-plan", "3"];

    private const string RawLatestApproved = """
        SELECT DISTINCT ON (v.plan_id, n.key, r.unit_id) v.plan_id, n.key, r.unit_id, r.id, r.percent_complete
        FROM progress_reports r
        JOIN plan_nodes n ON n.id = r.task_id
        JOIN plan_versions v ON v.id = n.plan_version_id
        JOIN reporting_periods pe ON pe.id = r.period_id
        WHERE r.status = 'Approved'
        ORDER BY v.plan_id, n.key, r.unit_id, pe.ends_on DESC, r.approved_at DESC NULLS LAST, r.id DESC
        """;

    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await GeneratedVolume.CreateAsync(Small);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Theory]
    [InlineData("2026-08-01", 5, 12, 14, 10)]
    [InlineData("2026-11-26", 10, 25, 14, 10)]
    [InlineData("2026-12-31", 10, 25, 14, 10)]
    [InlineData("2027-03-15", 3, 8, 2, 1)]
    [InlineData("2030-12-31", 30, 60, 60, 60)]
    public async Task SqlColours_AreTheColoursOfTaskStatusRules_ForEveryAssignment(string day, int amber, int red, int overdueRed, int returnedRed)
    {
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var thresholds = new MonitoringThresholds { AmberGapPoints = amber, RedGapPoints = red, OverdueRedDays = overdueRed, ReturnedRedDays = returnedRed };
        await ExecuteAsync($"UPDATE plans SET threshold_amber_gap_points = {amber}, threshold_red_gap_points = {red}, threshold_on_schedule_band_points = {Math.Min(5, red - 1)}, threshold_overdue_red_days = {overdueRed}, threshold_returned_red_days = {returnedRed}");

        await using var db = _database.CreateContext();
        var sql = new MonitoringSql(db);
        var compared = 0;
        var colours = new HashSet<StatusColour>();
        foreach (var planId in await db.Plans.Select(p => p.Id).ToListAsync())
        {
            foreach (var row in await sql.TaskUnitsAsync(planId, asOf))
            {
                var expected = TaskStatusRules.Assess(row.Facts, asOf, thresholds with { OnScheduleBandPoints = Math.Min(5, red - 1) });
                row.Colour.Should().Be(expected.Colour, $"task {row.TaskId}, unit {row.UnitId} on {day}: {expected.Reason}");
                colours.Add(row.Colour);
                compared++;
            }
        }

        compared.Should().Be(2 * 12 * 37, "one status per assignment");
        colours.Should().HaveCountGreaterThan(1, "the generated volume gives more than one colour to compare");
    }

    [Fact]
    public async Task TheGeneratedPlans_GiveEveryColour_SomewhereInTheirPeriod()
    {
        await using var db = _database.CreateContext();
        var sql = new MonitoringSql(db);
        var colours = new HashSet<StatusColour>();
        var planId = await db.Plans.Select(p => p.Id).FirstAsync();
        foreach (var day in new[] { "2026-11-26", "2027-03-15" })
        {
            await ExecuteAsync("UPDATE plans SET threshold_amber_gap_points = 3, threshold_red_gap_points = 8, threshold_on_schedule_band_points = 3");
            foreach (var row in await sql.TaskUnitsAsync(planId, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)))
            {
                colours.Add(row.Colour);
            }
        }

        colours.Should().Contain([StatusColour.Green, StatusColour.Amber, StatusColour.Red], "the comparison above covers every branch");
    }

    [Fact]
    public async Task Rollup_HoldsExactlyTheLatestApprovedReport_OfEveryTaskAndUnit()
    {
        (await ScalarAsync($"SELECT count(*) FROM task_progress_rollups")).Should().BeGreaterThan(2 * 12 * 30);
        (await ScalarAsync($"SELECT count(*) FROM (({RawLatestApproved}) EXCEPT SELECT plan_id, task_key, unit_id, report_id, percent_complete FROM task_progress_rollups) d")).Should().Be(0);
        (await ScalarAsync($"SELECT count(*) FROM (SELECT plan_id, task_key, unit_id, report_id, percent_complete FROM task_progress_rollups EXCEPT ({RawLatestApproved})) d")).Should().Be(0);
    }

    [Fact]
    public async Task Rollup_FollowsAReportReopenedAndApprovedAgain_ThroughItsTrigger()
    {
        var (reportId, taskKey, unitId) = await FirstAsync(
            "SELECT r.report_id, r.task_key, r.unit_id FROM task_progress_rollups r WHERE EXISTS (SELECT 1 FROM progress_reports o JOIN plan_nodes n ON n.id = o.task_id WHERE n.key = r.task_key AND o.unit_id = r.unit_id AND o.status = 'Approved' AND o.id <> r.report_id) ORDER BY r.report_id LIMIT 1");

        await ExecuteAsync($"UPDATE progress_reports SET status = 'Returned' WHERE id = {reportId}");
        var fallback = await ScalarAsync($"SELECT report_id FROM task_progress_rollups WHERE task_key = '{taskKey}' AND unit_id = {unitId}");
        fallback.Should().NotBe(reportId, "a reopened report is no longer approved: the one before it stands");
        (await ScalarAsync($"SELECT count(*) FROM progress_reports WHERE id = {fallback} AND status = 'Approved'")).Should().Be(1);

        await ExecuteAsync($"UPDATE progress_reports SET status = 'Approved', percent_complete = 100 WHERE id = {reportId}");
        (await ScalarAsync($"SELECT report_id FROM task_progress_rollups WHERE task_key = '{taskKey}' AND unit_id = {unitId}")).Should().Be(reportId);
        (await ScalarAsync($"SELECT percent_complete::bigint FROM task_progress_rollups WHERE task_key = '{taskKey}' AND unit_id = {unitId}")).Should().Be(100);
    }

    private Task ExecuteAsync(string sql) => _database.ExecuteAsync(sql);

    private Task<long> ScalarAsync(string sql) => _database.CountAsync(sql);

    private async Task<(long Report, Guid TaskKey, int Unit)> FirstAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue("the generated volume has tasks approved in more than one period");
        return (reader.GetInt64(0), reader.GetGuid(1), reader.GetInt32(2));
    }
}
