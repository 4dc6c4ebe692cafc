using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The unit values of the indicator page beside <see cref="IndicatorActualsSql.ActualsAsync"/> (the figures by year).
/// Reads every unit: the indicator page is a ministry page.
/// </summary>
public static class IndicatorPageQueries
{
    // The latest period with approved unit values of the indicator (in any version of the plan), and every unit's value then.
    private static readonly string UnitValuesSql = $"""
        WITH approved AS (
            SELECT v.unit_id, v.value, v.value_text, v.unit_of_measure, v.source, v.period_id, pe.label, pe.ends_on
            FROM indicators i
            JOIN plan_versions pv ON pv.id = i.plan_version_id AND pv.plan_id = @plan
            JOIN indicator_values v ON v.indicator_id = i.id AND v.status = '{nameof(ReportStatus.Approved)}' AND v.unit_id IS NOT NULL
            JOIN reporting_periods pe ON pe.id = v.period_id
            WHERE i.key = @key AND pe.starts_on <= @as_of
        ),
        latest AS (
            SELECT period_id FROM approved ORDER BY ends_on DESC, period_id DESC LIMIT 1
        )
        SELECT u.name, a.value, a.value_text, a.unit_of_measure, a.source, a.label
        FROM approved a
        JOIN latest l ON l.period_id = a.period_id
        JOIN units u ON u.id = a.unit_id
        ORDER BY u.sort_order, u.id
        """;

    /// <summary>
    /// The units' approved values of the indicator (by its key, in any version of the plan) in the latest period, started
    /// by the day, that has any; in unit order. Empty when no unit value was approved yet.
    /// </summary>
    public static Task<IReadOnlyList<IndicatorUnitValue>> LatestUnitValuesAsync(this MonitoringSql sql, int planId, Guid indicatorKey, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.ReadAsync(
            UnitValuesSql,
            [
                new NpgsqlParameter("plan", NpgsqlDbType.Integer) { Value = planId },
                new NpgsqlParameter("key", NpgsqlDbType.Uuid) { Value = indicatorKey },
                new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf },
            ],
            r => new IndicatorUnitValue(r.GetString(0), r.NullableDecimal(1), r.NullableString(2), r.NullableString(3), r.NullableString(4), r.GetString(5)),
            cancellationToken);
    }
}

/// <summary>A unit's approved value of an indicator in the latest period with any.</summary>
public sealed record IndicatorUnitValue(string UnitName, decimal? Value, string? ValueText, string? UnitOfMeasure, string? Source, string PeriodLabel);
