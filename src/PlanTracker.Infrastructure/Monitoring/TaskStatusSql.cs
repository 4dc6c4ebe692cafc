using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Infrastructure.Monitoring;

/// <summary>
/// The task statuses of a plan, computed in PostgreSQL so that dashboards count and group them there: the same rules as
/// <see cref="TaskStatusRules"/> (a test compares the two on generated cases), over the progress rollup
/// (<c>task_progress_rollups</c>, the latest approved report per task and unit, kept current by a trigger).
/// Parameters: <c>@plan</c> (integer) and <c>@as_of</c> (date, Beijing day). The plan is read at its latest published
/// version; the "current" period is the plan's latest opened period (by due date) on the as-of day.
/// Colour ranks: 0 grey, 1 green, 2 amber, 3 red (<see cref="StatusColour"/>'s order).
/// </summary>
public static class TaskStatusSql
{
    /// <summary>
    /// CTEs: <c>monitored_plan</c> (one row: thresholds, version, current period), <c>monitored_task</c> (the version's
    /// tasks with their span, chapter and special column), <c>task_unit_status</c> (one row per assignment with facts,
    /// figures and <c>colour_rank</c>), <c>task_status</c> (one row per task, judged on the mean of its units' latest
    /// approved percents, report deadlines aside).
    /// </summary>
    public static readonly string Ctes = $"""
        WITH monitored_plan AS (
            SELECT p.id, p.start_year, p.end_year,
                   p.threshold_amber_gap_points AS amber, p.threshold_red_gap_points AS red,
                   p.threshold_overdue_red_days AS overdue_red, p.threshold_returned_red_days AS returned_red,
                   (SELECT v.id FROM plan_versions v WHERE v.plan_id = p.id AND v.status = '{nameof(PlanVersionStatus.Published)}' ORDER BY v.number DESC LIMIT 1) AS version_id,
                   (SELECT pe.id FROM reporting_periods pe
                     WHERE pe.plan_id = p.id AND pe.status <> '{nameof(PeriodStatus.Scheduled)}' AND pe.opens_on <= @as_of
                     ORDER BY pe.due_on DESC, pe.id DESC LIMIT 1) AS period_id
            FROM plans p
            WHERE p.id = @plan
        ),
        monitored_task AS (
            SELECT n.id, n.key, n.position, n.number, n.title,
                   COALESCE(n.starts_on, make_date(mp.start_year, 1, 1)) AS starts_on,
                   COALESCE(n.ends_on, make_date(mp.end_year, 12, 31)) AS ends_on,
                   tp.chapter_id, tp.special_column_id
            FROM monitored_plan mp
            JOIN plan_nodes n ON n.plan_version_id = mp.version_id AND n.kind = '{nameof(NodeKind.Task)}'
            JOIN task_places tp ON tp.task_id = n.id
        ),
        task_unit_fact AS (
            SELECT t.id AS task_id, t.key AS task_key, t.chapter_id, t.special_column_id, a.unit_id, a.role,
                   t.starts_on, t.ends_on, expected_progress(t.starts_on, t.ends_on, @as_of) AS expected,
                   round(r.percent_complete, 1) AS percent, r.progress AS unit_says, r.report_id, r.period_id AS approved_period_id,
                   pe.due_on, cr.id AS current_report_id, cr.status AS current_status,
                   CASE WHEN cr.status = '{nameof(ReportStatus.Returned)}' THEN
                       ((SELECT max(e.at) FROM progress_report_events e
                          WHERE e.progress_report_id = cr.id AND e.step IN ('{nameof(ReportStep.Returned)}', '{nameof(ReportStep.Reopened)}')) AT TIME ZONE 'UTC' + interval '8 hours')::date
                   END AS returned_on,
                   mp.amber, mp.red, mp.overdue_red, mp.returned_red
            FROM monitored_plan mp
            JOIN monitored_task t ON true
            JOIN task_assignments a ON a.task_id = t.id
            LEFT JOIN task_progress_rollups r ON r.plan_id = @plan AND r.task_key = t.key AND r.unit_id = a.unit_id
            LEFT JOIN reporting_periods pe ON pe.id = mp.period_id
            LEFT JOIN progress_reports cr ON cr.period_id = mp.period_id AND cr.task_key = t.key AND cr.unit_id = a.unit_id
        ),
        task_unit_judged AS (
            SELECT f.*,
                   CASE WHEN f.percent IS NOT NULL THEN round(f.expected - f.percent, 1) END AS gap,
                   (f.percent >= 100 OR (f.percent IS NULL AND f.unit_says = '{nameof(TaskProgress.Completed)}')) AS completed,
                   (f.percent IS NULL AND @as_of < f.starts_on) AS not_started,
                   CASE WHEN f.current_status = '{nameof(ReportStatus.Returned)}' THEN GREATEST(0, @as_of - COALESCE(f.returned_on, @as_of)) END AS returned_days,
                   CASE WHEN f.due_on IS NOT NULL AND (f.current_status IS NULL OR f.current_status = '{nameof(ReportStatus.Draft)}') AND @as_of - f.due_on > 0
                        THEN @as_of - f.due_on END AS overdue_days
            FROM task_unit_fact f
        ),
        task_unit_status AS (
            SELECT j.*,
                   CASE WHEN j.completed THEN 1
                        WHEN j.not_started THEN 0
                        ELSE GREATEST(
                            CASE WHEN j.gap IS NULL THEN 0 WHEN j.gap > j.red THEN 3 WHEN j.gap > j.amber THEN 2 ELSE 1 END,
                            CASE WHEN j.returned_days IS NOT NULL THEN CASE WHEN j.returned_days > j.returned_red THEN 3 ELSE 2 END
                                 WHEN j.overdue_days IS NOT NULL THEN CASE WHEN j.overdue_days > j.overdue_red THEN 3 ELSE 2 END
                                 ELSE 0 END)
                   END AS colour_rank
            FROM task_unit_judged j
        ),
        task_fact AS (
            SELECT t.id AS task_id, t.key AS task_key, t.chapter_id, t.special_column_id, t.position, t.starts_on, t.ends_on,
                   expected_progress(t.starts_on, t.ends_on, @as_of) AS expected,
                   round(avg(s.percent), 1) AS percent,
                   count(s.unit_id) AS units, count(s.percent) AS units_with_data,
                   count(*) FILTER (WHERE s.colour_rank = 3) AS units_red, count(*) FILTER (WHERE s.colour_rank = 2) AS units_amber,
                   mp.amber, mp.red
            FROM monitored_plan mp
            JOIN monitored_task t ON true
            LEFT JOIN task_unit_status s ON s.task_id = t.id
            GROUP BY t.id, t.key, t.chapter_id, t.special_column_id, t.position, t.starts_on, t.ends_on, mp.amber, mp.red
        ),
        task_status AS (
            SELECT f.*,
                   CASE WHEN f.percent IS NOT NULL THEN round(f.expected - f.percent, 1) END AS gap,
                   CASE WHEN f.percent >= 100 THEN 1
                        WHEN f.percent IS NULL THEN 0
                        WHEN round(f.expected - f.percent, 1) > f.red THEN 3
                        WHEN round(f.expected - f.percent, 1) > f.amber THEN 2
                        ELSE 1 END AS colour_rank
            FROM task_fact f
        )
        """;

    public static NpgsqlParameter[] Parameters(int planId, DateOnly asOf) =>
    [
        new("plan", NpgsqlDbType.Integer) { Value = planId },
        new("as_of", NpgsqlDbType.Date) { Value = asOf },
    ];

    public static StatusColour Colour(int rank) => rank switch
    {
        1 => StatusColour.Green,
        2 => StatusColour.Amber,
        3 => StatusColour.Red,
        _ => StatusColour.Grey,
    };

    /// <summary>Every assignment's status (optionally of one unit or one task), with the facts the reason is written from.</summary>
    public static Task<IReadOnlyList<TaskUnitStatusRow>> TaskUnitsAsync(
        this MonitoringSql sql, int planId, DateOnly asOf, int? unitId = null, int? taskId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parameters = Parameters(planId, asOf).ToList();
        parameters.Add(new NpgsqlParameter("unit", NpgsqlDbType.Integer) { Value = (object?)unitId ?? DBNull.Value });
        parameters.Add(new NpgsqlParameter("task", NpgsqlDbType.Integer) { Value = (object?)taskId ?? DBNull.Value });
        return sql.ReadAsync(
            Ctes + """
                SELECT task_id, task_key, unit_id, role, starts_on, ends_on, expected, percent, unit_says, report_id,
                       due_on, current_status, returned_on, colour_rank, chapter_id, current_report_id
                FROM task_unit_status
                WHERE (@unit IS NULL OR unit_id = @unit) AND (@task IS NULL OR task_id = @task)
                ORDER BY task_id, unit_id
                """,
            parameters,
            TaskUnitStatusRow.Read,
            cancellationToken);
    }
}

/// <summary>One assignment's status as PostgreSQL computed it, with the facts to write its reason (<see cref="Facts"/>).</summary>
public sealed record TaskUnitStatusRow(
    int TaskId,
    Guid TaskKey,
    int UnitId,
    string Role,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal Expected,
    decimal? Percent,
    TaskProgress? UnitSays,
    long? ApprovedReportId,
    DateOnly? DueOn,
    ReportStatus? CurrentStatus,
    DateOnly? ReturnedOn,
    StatusColour Colour,
    int? ChapterId,
    long? CurrentReportId)
{
    /// <summary>The same facts for <see cref="TaskStatusRules.Assess"/>: its reason sentence and colour agree with <see cref="Colour"/>.</summary>
    public TaskFacts Facts => new(
        new TaskSpan(StartsOn, EndsOn),
        Percent is null && UnitSays is null ? null : new ApprovedProgress(Percent, UnitSays),
        DueOn is { } due ? new ReportDeadline(due, CurrentStatus, ReturnedOn) : null);

    internal static TaskUnitStatusRow Read(DbDataReader r) => new(
        r.GetInt32(0),
        r.GetGuid(1),
        r.GetInt32(2),
        r.GetString(3),
        r.Date(4),
        r.Date(5),
        r.GetDecimal(6),
        r.NullableDecimal(7),
        r.NullableString(8) is { } says ? Enum.Parse<TaskProgress>(says) : null,
        r.NullableLong(9),
        r.NullableDate(10),
        r.NullableString(11) is { } status ? Enum.Parse<ReportStatus>(status) : null,
        r.NullableDate(12),
        TaskStatusSql.Colour(r.GetInt32(13)),
        r.NullableInt(14),
        r.NullableLong(15));
}
