using System.Globalization;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.TestSupport;
using Xunit;

namespace PlanTracker.Integration.Tests.Persistence;

/// <summary>
/// The migration that gives reports their task's stable key, on a database where an adjustment had made a unit report
/// the same task twice in one period (once against each version): the approved report stays the report of record, the
/// other stays readable, closed with a note and out of every figure, and the one-report-per-key rule can be created.
/// </summary>
public sealed class StableKeysMigrationTests
{
    private const string Before = "20261126103004_SignInAttemptWindows";

    [Fact]
    public async Task Migrate_KeepsTheApprovedReportOfADuplicatePair_AndClosesTheOtherWithANote()
    {
        await using var database = await TestDatabase.CreateAsync("empty", _ => Task.CompletedTask);
        await using (var db = AppDbContextOptions.Create(database.ConnectionString))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var key = Guid.NewGuid();
        var ids = await ScalarsAsync(database.ConnectionString, $"""
            INSERT INTO units (name, kind, sort_order, is_active) VALUES ('北京市', 'Province', 1, true);
            INSERT INTO plans (title, start_year, end_year, status, created_at) VALUES ('规划', 2021, 2025, 'Published', now());
            INSERT INTO plan_versions (plan_id, number, status, created_at) SELECT id, 1, 'Superseded', now() FROM plans;
            INSERT INTO plan_versions (plan_id, number, status, created_at) SELECT id, 2, 'Published', now() FROM plans;
            INSERT INTO plan_nodes (plan_version_id, key, kind, title, text, position, ordinal, depth)
                SELECT id, '{key}', 'Task', '任务', '', 0, 1, 0 FROM plan_versions;
            INSERT INTO reporting_periods (plan_id, kind, year, sequence, label, starts_on, ends_on, opens_on, due_on, closes_on, status)
                SELECT id, 'Annual', 2022, 1, '2022年度', '2022-01-01', '2022-12-31', '2022-12-01', '2023-01-15', '2023-01-31', 'Open' FROM plans;
            INSERT INTO progress_reports (period_id, task_id, unit_id, status, created_at, updated_at, approved_at, is_reopened, investment_sources, milestones)
                SELECT pe.id, n.id, u.id, CASE v.number WHEN 1 THEN 'Approved' ELSE 'Draft' END, now(), now(),
                       CASE v.number WHEN 1 THEN now() END, false, '[]', '[]'
                FROM reporting_periods pe, plan_nodes n JOIN plan_versions v ON v.id = n.plan_version_id, units u;
            SELECT id FROM progress_reports ORDER BY id;
            """);
        ids.Should().HaveCount(2, "the old rule allowed one report per node: one against each version");

        await using (var db = AppDbContextOptions.Create(database.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        var approved = ids[0];
        var draft = ids[1];
        (await ScalarsAsync(database.ConnectionString, $"SELECT id FROM progress_reports WHERE task_key = '{key}'")).Should().Equal(approved);
        (await ScalarsAsync(database.ConnectionString, $"SELECT progress_report_id FROM progress_report_events WHERE step = 'TaskWithdrawn'")).Should().Equal(draft);
        (await ScalarsAsync(database.ConnectionString, "SELECT count(*) FROM task_progress_rollups")).Should().Equal(1);
    }

    private static async Task<List<long>> ScalarsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        do
        {
            while (await reader.ReadAsync())
            {
                values.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }
        while (await reader.NextResultAsync());

        return values;
    }
}
