using Npgsql;
using NpgsqlTypes;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The counter that moves whenever anything a plan's dashboards show may have changed (table
/// <c>monitoring_data_versions</c>, kept by triggers on reports, values, assignments, periods, versions, indicators and
/// the plan). Figures cached under (plan, version) are current for as long as the version stays.
/// </summary>
public static class MonitoringDataVersion
{
    public static async Task<long> OfPlanAsync(this MonitoringSql sql, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rows = await sql.ReadAsync(
            "SELECT version FROM monitoring_data_versions WHERE plan_id = @plan",
            [new NpgsqlParameter("plan", NpgsqlDbType.Integer) { Value = planId }],
            r => r.GetInt64(0),
            cancellationToken);
        return rows.Count == 0 ? 0 : rows[0];
    }
}
