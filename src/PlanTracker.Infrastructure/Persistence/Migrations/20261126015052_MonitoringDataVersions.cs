using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringDataVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A counter per plan that moves whenever anything a dashboard shows may have changed: reports (any state),
            // assignments, periods, thresholds, versions, outline nodes, indicators and their values. Dashboards cache their figures
            // under it, so a page costs one primary-key read until the next change, on every app instance alike.
            migrationBuilder.Sql("""
                CREATE TABLE monitoring_data_versions (
                    plan_id integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
                    version bigint NOT NULL DEFAULT 1,
                    changed_at timestamp with time zone NOT NULL DEFAULT now(),
                    -- The version the last warning scan saw: a plan whose version moved since is scanned again.
                    scanned_version bigint,
                    CONSTRAINT pk_monitoring_data_versions PRIMARY KEY (plan_id)
                );

                CREATE FUNCTION bump_monitoring_data_version(p_plan_id integer) RETURNS void
                LANGUAGE sql AS $$
                    -- A plan being deleted (cascading to its versions) is not there any more: nothing to count.
                    INSERT INTO monitoring_data_versions AS m (plan_id) SELECT p_plan_id WHERE EXISTS (SELECT 1 FROM plans WHERE id = p_plan_id)
                    ON CONFLICT (plan_id) DO UPDATE SET version = m.version + 1, changed_at = now();
                $$;

                CREATE FUNCTION monitoring_data_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    r record;
                BEGIN
                    r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                    IF TG_TABLE_NAME = 'progress_reports' OR TG_TABLE_NAME = 'indicator_values' THEN
                        PERFORM bump_monitoring_data_version((SELECT plan_id FROM reporting_periods WHERE id = r.period_id));
                    ELSIF TG_TABLE_NAME = 'task_assignments' THEN
                        PERFORM bump_monitoring_data_version((SELECT v.plan_id FROM plan_nodes n JOIN plan_versions v ON v.id = n.plan_version_id WHERE n.id = r.task_id));
                    ELSIF TG_TABLE_NAME = 'indicators' OR TG_TABLE_NAME = 'plan_nodes' THEN
                        PERFORM bump_monitoring_data_version((SELECT plan_id FROM plan_versions WHERE id = r.plan_version_id));
                    ELSIF TG_TABLE_NAME = 'reporting_periods' OR TG_TABLE_NAME = 'plan_versions' THEN
                        PERFORM bump_monitoring_data_version(r.plan_id);
                    ELSIF TG_TABLE_NAME = 'plans' AND TG_OP <> 'DELETE' THEN
                        PERFORM bump_monitoring_data_version(r.id);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER trg_progress_reports_monitoring AFTER INSERT OR UPDATE OR DELETE ON progress_reports
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_indicator_values_monitoring AFTER INSERT OR UPDATE OR DELETE ON indicator_values
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_task_assignments_monitoring AFTER INSERT OR UPDATE OR DELETE ON task_assignments
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_indicators_monitoring AFTER INSERT OR UPDATE OR DELETE ON indicators
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_plan_nodes_monitoring AFTER INSERT OR UPDATE OR DELETE ON plan_nodes
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_reporting_periods_monitoring AFTER INSERT OR UPDATE OR DELETE ON reporting_periods
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_plan_versions_monitoring AFTER INSERT OR UPDATE OR DELETE ON plan_versions
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();
                CREATE TRIGGER trg_plans_monitoring AFTER INSERT OR UPDATE ON plans
                    FOR EACH ROW EXECUTE FUNCTION monitoring_data_changed();

                INSERT INTO monitoring_data_versions (plan_id) SELECT id FROM plans;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_progress_reports_monitoring ON progress_reports;
                DROP TRIGGER trg_indicator_values_monitoring ON indicator_values;
                DROP TRIGGER trg_task_assignments_monitoring ON task_assignments;
                DROP TRIGGER trg_indicators_monitoring ON indicators;
                DROP TRIGGER trg_plan_nodes_monitoring ON plan_nodes;
                DROP TRIGGER trg_reporting_periods_monitoring ON reporting_periods;
                DROP TRIGGER trg_plan_versions_monitoring ON plan_versions;
                DROP TRIGGER trg_plans_monitoring ON plans;
                DROP FUNCTION monitoring_data_changed();
                DROP FUNCTION bump_monitoring_data_version(integer);
                DROP TABLE monitoring_data_versions;
                """);
        }
    }
}
