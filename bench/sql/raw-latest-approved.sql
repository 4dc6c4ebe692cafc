-- The "raw" variant of the task-unit status query for bench/dashboards.sh: instead of reading task_progress_rollups
-- (the latest approved report per plan, task key and unit, kept current by a trigger), pick the same rows from
-- progress_reports at query time with DISTINCT ON — the rule of rebuild_task_progress_rollups(plan), same columns.
-- bench/lib/rollup.py puts this CTE first in TaskStatusSql.Ctes and joins it where the query joins the rollup.
latest_approved AS (
    SELECT DISTINCT ON (n.key, r.unit_id)
           v.plan_id, n.key AS task_key, r.unit_id, r.id AS report_id, r.task_id, r.period_id, pe.ends_on AS period_ends_on,
           r.percent_complete, r.progress, r.approved_at
    FROM plan_versions v
    JOIN plan_nodes n ON n.plan_version_id = v.id
    JOIN progress_reports r ON r.task_id = n.id AND r.status = 'Approved'
    JOIN reporting_periods pe ON pe.id = r.period_id
    WHERE v.plan_id = @plan
    ORDER BY n.key, r.unit_id, pe.ends_on DESC, r.approved_at DESC NULLS LAST, r.id DESC
)
