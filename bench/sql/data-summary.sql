-- One line describing the benchmark database, for docs/performance.md.
SELECT format('%s plans, %s tasks, %s reporting units, %s periods, %s assignments, %s progress reports (%s rollup rows), %s report events, %s indicator values',
    (SELECT count(*) FROM plans),
    to_char((SELECT count(*) FROM plan_nodes WHERE kind = 'Task'), 'FM999,999,999'),
    (SELECT count(DISTINCT unit_id) FROM task_assignments),
    (SELECT count(*) FROM reporting_periods),
    to_char((SELECT count(*) FROM task_assignments), 'FM999,999,999'),
    to_char((SELECT count(*) FROM progress_reports), 'FM999,999,999'),
    to_char((SELECT count(*) FROM task_progress_rollups), 'FM999,999,999'),
    to_char((SELECT count(*) FROM progress_report_events), 'FM999,999,999'),
    to_char((SELECT count(*) FROM indicator_values), 'FM999,999,999'));
