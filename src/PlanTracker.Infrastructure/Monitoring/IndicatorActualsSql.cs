using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The actual values of a plan's indicators by year, from approved indicator values only, combined in PostgreSQL.
/// A period's figure is the ministry's national figure (unit null) where one was approved; otherwise, unless the
/// indicator is national-only, the units' values combined as the indicator says (sum or average). A year's figure is
/// that of its latest period (by end date) that has one, so a year-end annual figure beats the third quarter's.
/// Indicators are matched by key, so values reported against an earlier plan version still count.
/// </summary>
public static class IndicatorActualsSql
{
    private const string Sql = """
        WITH current_indicator AS (
            SELECT i.id, i.key, i.aggregation
            FROM indicators i
            WHERE i.plan_version_id = (SELECT v.id FROM plan_versions v WHERE v.plan_id = @plan AND v.status = 'Published' ORDER BY v.number DESC LIMIT 1)
              AND (@indicator IS NULL OR i.id = @indicator)
        ),
        per_period AS (
            SELECT ci.id AS indicator_id, ci.aggregation, v.period_id, pe.ends_on,
                   max(v.value) FILTER (WHERE v.unit_id IS NULL) AS national,
                   sum(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS unit_sum,
                   avg(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS unit_avg,
                   count(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS units
            FROM current_indicator ci
            JOIN indicators any_version ON any_version.key = ci.key
            JOIN plan_versions pv ON pv.id = any_version.plan_version_id AND pv.plan_id = @plan
            JOIN indicator_values v ON v.indicator_id = any_version.id AND v.status = 'Approved' AND v.value IS NOT NULL
            JOIN reporting_periods pe ON pe.id = v.period_id
            GROUP BY ci.id, ci.aggregation, v.period_id, pe.ends_on
        ),
        figure AS (
            SELECT indicator_id, period_id, ends_on, units, national IS NOT NULL AS is_national,
                   CASE WHEN national IS NOT NULL THEN national
                        WHEN aggregation = 'Sum' THEN unit_sum
                        WHEN aggregation = 'Average' THEN round(unit_avg, 4) END AS value
            FROM per_period
        )
        SELECT DISTINCT ON (indicator_id, extract(year FROM ends_on))
               indicator_id, extract(year FROM ends_on)::integer AS year, value, period_id, units, is_national
        FROM figure
        WHERE value IS NOT NULL
        ORDER BY indicator_id, extract(year FROM ends_on), ends_on DESC, period_id DESC
        """;

    /// <summary>Every indicator of the plan's published version (or the one given), its figure per year, oldest year first.</summary>
    public static Task<IReadOnlyList<IndicatorActual>> ActualsAsync(this MonitoringSql sql, int planId, int? indicatorId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.ReadAsync(
            Sql,
            [
                new NpgsqlParameter("plan", NpgsqlDbType.Integer) { Value = planId },
                new NpgsqlParameter("indicator", NpgsqlDbType.Integer) { Value = (object?)indicatorId ?? DBNull.Value },
            ],
            IndicatorActual.Read,
            cancellationToken);
    }
}

/// <summary>An indicator's figure for a year: from the period <see cref="PeriodId"/>, national or combined from <see cref="Units"/> units.</summary>
public sealed record IndicatorActual(int IndicatorId, int Year, decimal Value, int PeriodId, long Units, bool IsNational)
{
    public YearValue AsYearValue => new(Year, Value);

    internal static IndicatorActual Read(DbDataReader r) =>
        new(r.GetInt32(0), r.GetInt32(1), r.GetDecimal(2), r.GetInt32(3), r.GetInt64(4), r.GetBoolean(5));
}
