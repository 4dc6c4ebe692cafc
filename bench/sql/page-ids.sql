-- The pages' ids for bench/dashboards.sh: the first generated plan (scale data), the first task of its latest
-- published version in document order, that version's first indicator, and its latest open period.
-- Prints: plan task indicator period
WITH plan AS (
    SELECT p.id,
           (SELECT v.id FROM plan_versions v WHERE v.plan_id = p.id AND v.status = 'Published' ORDER BY v.number DESC LIMIT 1) AS version_id
    FROM plans p
    WHERE p.document_number LIKE '规模测试〔%'
    ORDER BY p.id
    LIMIT 1
)
SELECT plan.id,
       (SELECT n.id FROM plan_nodes n WHERE n.plan_version_id = plan.version_id AND n.kind = 'Task' ORDER BY n.position LIMIT 1),
       (SELECT i.id FROM indicators i WHERE i.plan_version_id = plan.version_id ORDER BY i.id LIMIT 1),
       (SELECT pe.id FROM reporting_periods pe WHERE pe.plan_id = plan.id AND pe.status = 'Open' AND pe.opens_on <= DATE :'today'
         ORDER BY pe.due_on DESC, pe.id DESC LIMIT 1)
FROM plan;
