using Npgsql;

namespace PlanTracker.Load;

/// <summary>One plan the ministry's virtual users look at: its open period, some tasks and indicators, an evaluation year.</summary>
public sealed record PlanTarget(int PlanId, int OpenPeriodId, IReadOnlyList<int> TaskIds, IReadOnlyList<int> IndicatorIds, int EvaluationYear);

/// <summary>The ids the ministry's pages are opened with, read from the database once before the run.</summary>
public sealed record Targets(IReadOnlyList<PlanTarget> Plans, IReadOnlyList<int> UnitIds)
{
    public static async Task<Targets> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var plans = new List<PlanTarget>();
        await using (var command = new NpgsqlCommand(
            """
            WITH plan AS (
                SELECT p.id,
                       (SELECT v.id FROM plan_versions v WHERE v.plan_id = p.id AND v.status = 'Published' ORDER BY v.number DESC LIMIT 1) AS version_id,
                       (SELECT pe.id FROM reporting_periods pe WHERE pe.plan_id = p.id AND pe.status = 'Open' ORDER BY pe.due_on DESC, pe.id DESC LIMIT 1) AS period_id,
                       coalesce((SELECT max(extract(year FROM pe.ends_on))::int FROM reporting_periods pe WHERE pe.plan_id = p.id AND pe.ends_on <= current_date),
                                extract(year FROM current_date)::int - 1) AS year
                FROM plans p
            )
            SELECT plan.id, plan.period_id, plan.year,
                   ARRAY(SELECT n.id FROM plan_nodes n WHERE n.plan_version_id = plan.version_id AND n.kind = 'Task' ORDER BY n.position, n.id LIMIT 20),
                   ARRAY(SELECT i.id FROM indicators i WHERE i.plan_version_id = plan.version_id ORDER BY i.id LIMIT 10)
            FROM plan
            WHERE plan.version_id IS NOT NULL AND plan.period_id IS NOT NULL
            ORDER BY plan.id
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var tasks = reader.GetFieldValue<int[]>(3);
                if (tasks.Length > 0)
                {
                    plans.Add(new PlanTarget(reader.GetInt32(0), reader.GetInt32(1), tasks, reader.GetFieldValue<int[]>(4), reader.GetInt32(2)));
                }
            }
        }

        var units = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT DISTINCT unit_id FROM task_assignments ORDER BY unit_id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                units.Add(reader.GetInt32(0));
            }
        }

        if (plans.Count == 0 || units.Count == 0)
        {
            throw new InvalidOperationException("no published plan with an open period and assigned tasks: nothing to load");
        }

        return new Targets(plans, units);
    }
}
