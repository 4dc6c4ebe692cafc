using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;

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
    // The figure itself is the database function indicator_year_figures (one definition, also read by the evaluation
    // reports); this names the current version's indicators by id.
    private static readonly string Sql = $"""
        SELECT i.id, f.year, f.value, f.period_id, f.units, f.is_national
        FROM (SELECT v.id FROM plan_versions v WHERE v.plan_id = @plan AND v.status = '{nameof(PlanVersionStatus.Published)}' ORDER BY v.number DESC LIMIT 1) pv
        JOIN indicators i ON i.plan_version_id = pv.id AND (@indicator IS NULL OR i.id = @indicator)
        JOIN LATERAL indicator_year_figures(pv.id, NULL) f ON f.indicator_key = i.key
        ORDER BY i.id, f.year
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
