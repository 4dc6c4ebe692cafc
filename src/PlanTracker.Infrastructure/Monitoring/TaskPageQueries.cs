using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The figures of the task page beside <see cref="TaskStatusSql.TaskUnitsAsync"/>: the task with its national status
/// (<see cref="TaskStatusSql"/>'s <c>task_status</c>), and its approved percents by period and unit (one GROUPING SETS
/// statement over <c>progress_reports</c>). Both read every unit: the task page is a ministry page.
/// </summary>
public static class TaskPageQueries
{
    private const string HeadSql = """
        SELECT mt.id, mt.number, mt.title, mt.starts_on, mt.ends_on, ch.number, ch.title, ts.percent, ts.units, ts.units_with_data
        FROM monitored_task mt
        JOIN task_status ts ON ts.task_id = mt.id
        LEFT JOIN plan_nodes ch ON ch.id = mt.chapter_id
        WHERE mt.id = @task
        """;

    // The task in every version of its plan (reports stay on the node they were written against), by period and unit,
    // and by period alone (mean, lowest, highest): one pass over the (task_id, unit_id) index.
    private static readonly string PercentsSql = $"""
        SELECT pe.id, pe.label, pe.ends_on, r.unit_id,
               round(avg(r.percent_complete), 1), round(min(r.percent_complete), 1), round(max(r.percent_complete), 1),
               count(r.percent_complete)
        FROM progress_reports r
        JOIN reporting_periods pe ON pe.id = r.period_id
        WHERE r.task_id IN (SELECT n.id FROM plan_nodes n JOIN plan_versions v ON v.id = n.plan_version_id
                            WHERE n.key = @key AND v.plan_id = @plan)
          AND r.status = '{nameof(ReportStatus.Approved)}' AND pe.starts_on <= @as_of
        GROUP BY GROUPING SETS ((pe.id, pe.label, pe.ends_on, r.unit_id), (pe.id, pe.label, pe.ends_on))
        ORDER BY pe.ends_on, pe.id, r.unit_id NULLS FIRST
        """;

    /// <summary>The task in the plan's latest published version with its chapter and national figures; null when it is not there.</summary>
    public static async Task<TaskHeadFigures?> TaskHeadAsync(this MonitoringSql sql, int planId, DateOnly asOf, int taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parameters = TaskStatusSql.Parameters(planId, asOf).Append(new NpgsqlParameter("task", NpgsqlDbType.Integer) { Value = taskId });
        var rows = await sql.ReadAsync(
            TaskStatusSql.Ctes + HeadSql,
            parameters,
            r => new TaskHeadFigures(
                r.NullableString(1),
                r.GetString(2),
                r.NullableDate(3),
                r.NullableDate(4),
                r.NullableString(5),
                r.NullableString(6),
                r.NullableDecimal(7),
                r.GetInt64(8),
                r.GetInt64(9)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The approved percents of the task (by its key, in any version of the plan) in the periods started by the day: per
    /// period and unit, and per period alone (unit null: mean, lowest, highest), oldest period first.
    /// </summary>
    public static Task<IReadOnlyList<PeriodPercent>> ApprovedPercentsAsync(this MonitoringSql sql, int planId, Guid taskKey, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.ReadAsync(
            PercentsSql,
            [
                new NpgsqlParameter("key", NpgsqlDbType.Uuid) { Value = taskKey },
                new NpgsqlParameter("plan", NpgsqlDbType.Integer) { Value = planId },
                new NpgsqlParameter("as_of", NpgsqlDbType.Date) { Value = asOf },
            ],
            r => new PeriodPercent(r.GetInt32(0), r.GetString(1), r.Date(2), r.NullableInt(3), r.NullableDecimal(4), r.NullableDecimal(5), r.NullableDecimal(6), r.GetInt64(7)),
            cancellationToken);
    }
}

/// <summary>
/// A task's head: number, title, span (null where the node has none of its own), chapter, its units' mean latest approved
/// percent, how many units it has and how many have approved data.
/// </summary>
public sealed record TaskHeadFigures(
    string? Number,
    string Title,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? ChapterNumber,
    string? ChapterTitle,
    decimal? Percent,
    long Units,
    long UnitsWithData);

/// <summary>An approved percent of one unit in one period, or (unit null) the period's mean, lowest and highest.</summary>
public sealed record PeriodPercent(int PeriodId, string PeriodLabel, DateOnly EndsOn, int? UnitId, decimal? Percent, decimal? Lowest, decimal? Highest, long Reports);
