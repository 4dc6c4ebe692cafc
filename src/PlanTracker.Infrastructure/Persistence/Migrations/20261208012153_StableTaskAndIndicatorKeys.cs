using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StableTaskAndIndicatorKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_progress_reports_period_id_task_id_unit_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_task_id_unit_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_indicator_values_indicator_id_unit_id_period_id",
                table: "indicator_values");

            migrationBuilder.AddColumn<Guid>(
                name: "task_key",
                table: "progress_reports",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "indicator_key",
                table: "indicator_values",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Reports and indicator values belong to the task or indicator, not to one version of it: each row carries
            // the stable key of its node or indicator, copied by a trigger on insert and whenever the row follows its
            // task into a newer version, and one report (value) per key, unit and period is the rule.
            migrationBuilder.Sql(
                $"""
                UPDATE progress_reports r SET task_key = n.key FROM plan_nodes n WHERE n.id = r.task_id;
                UPDATE indicator_values v SET indicator_key = i.key FROM indicators i WHERE i.id = v.indicator_id;

                -- While reports were matched by node id, an adjustment could make a unit report the same task twice in
                -- one period (the first report looked unfiled). The report of record is the one furthest along (approved
                -- first, then the latest); each other one is kept, readable, closed with a note, and no longer counted:
                -- it gets a key of its own that no task has.
                CREATE TEMPORARY TABLE duplicate_reports ON COMMIT DROP AS
                SELECT id FROM (
                    SELECT r.id, row_number() OVER (
                        PARTITION BY r.period_id, r.task_key, r.unit_id
                        ORDER BY CASE r.status WHEN '{nameof(ReportStatus.Approved)}' THEN 0 WHEN '{nameof(ReportStatus.Reviewed)}' THEN 1
                                              WHEN '{nameof(ReportStatus.Submitted)}' THEN 2 WHEN '{nameof(ReportStatus.Returned)}' THEN 3 ELSE 4 END,
                                 r.approved_at DESC NULLS LAST, r.updated_at DESC, r.id DESC) AS rank
                    FROM progress_reports r
                ) ranked
                WHERE rank > 1;
                UPDATE progress_reports SET task_key = gen_random_uuid() WHERE id IN (SELECT id FROM duplicate_reports);
                INSERT INTO progress_report_events (progress_report_id, step, actor, comment, at)
                SELECT id, '{nameof(ReportStep.TaskWithdrawn)}', NULL, '同一任务在同一报送期已有另一份报告（规划调整前后各填报了一份），以那一份为准；本报告保留备查，不再计入统计。', now()
                FROM duplicate_reports;

                UPDATE indicator_values SET indicator_key = gen_random_uuid()
                WHERE id IN (
                    SELECT id FROM (
                        SELECT v.id, row_number() OVER (
                            PARTITION BY v.indicator_key, v.unit_id, v.period_id
                            ORDER BY CASE v.status WHEN '{nameof(ReportStatus.Approved)}' THEN 0 WHEN '{nameof(ReportStatus.Submitted)}' THEN 1 ELSE 2 END,
                                     v.approved_at DESC NULLS LAST, v.updated_at DESC, v.id DESC) AS rank
                        FROM indicator_values v
                    ) ranked
                    WHERE rank > 1);

                CREATE FUNCTION progress_reports_task_key() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' OR NEW.task_id IS DISTINCT FROM OLD.task_id THEN
                        NEW.task_key := COALESCE((SELECT n.key FROM plan_nodes n WHERE n.id = NEW.task_id), NEW.task_key);
                    ELSE
                        NEW.task_key := OLD.task_key;
                    END IF;
                    IF TG_OP = 'UPDATE' AND NEW.task_key <> OLD.task_key THEN
                        RAISE EXCEPTION 'progress report % cannot move to another task', OLD.id USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END
                $$;

                CREATE TRIGGER trg_progress_reports_task_key
                BEFORE INSERT OR UPDATE OF task_id, task_key ON progress_reports
                FOR EACH ROW EXECUTE FUNCTION progress_reports_task_key();

                CREATE FUNCTION indicator_values_indicator_key() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' OR NEW.indicator_id IS DISTINCT FROM OLD.indicator_id THEN
                        NEW.indicator_key := COALESCE((SELECT i.key FROM indicators i WHERE i.id = NEW.indicator_id), NEW.indicator_key);
                    ELSE
                        NEW.indicator_key := OLD.indicator_key;
                    END IF;
                    IF TG_OP = 'UPDATE' AND NEW.indicator_key <> OLD.indicator_key THEN
                        RAISE EXCEPTION 'indicator value % cannot move to another indicator', OLD.id USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END
                $$;

                CREATE TRIGGER trg_indicator_values_indicator_key
                BEFORE INSERT OR UPDATE OF indicator_id, indicator_key ON indicator_values
                FOR EACH ROW EXECUTE FUNCTION indicator_values_indicator_key();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_period_id_task_key_unit_id",
                table: "progress_reports",
                columns: new[] { "period_id", "task_key", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id",
                table: "progress_reports",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_key_unit_id",
                table: "progress_reports",
                columns: new[] { "task_key", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_indicator_id",
                table: "indicator_values",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_indicator_key_unit_id_period_id",
                table: "indicator_values",
                columns: new[] { "indicator_key", "unit_id", "period_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
            // The one definition of "the latest approved report of a task and unit", with its one tie-break: per task
            // key and unit, the approved report of the period that ends last, then the latest approval, then the
            // highest id; optionally only periods that ended by a day. The rollup that the dashboards read, the
            // evaluation reports and the adjustment report all read it (Infrastructure/Figures/ReportFigures).
            migrationBuilder.Sql(
                $"""
                CREATE FUNCTION latest_approved_reports(p_plan_id integer, p_periods_ending_by date)
                RETURNS TABLE (task_key uuid, unit_id integer, report_id bigint, task_id integer, period_id integer,
                               period_ends_on date, percent_complete numeric, progress character varying, approved_at timestamp with time zone)
                LANGUAGE sql STABLE AS $$
                    SELECT DISTINCT ON (r.task_key, r.unit_id)
                           r.task_key, r.unit_id, r.id, r.task_id, r.period_id, pe.ends_on, r.percent_complete, r.progress, r.approved_at
                    FROM reporting_periods pe
                    JOIN progress_reports r ON r.period_id = pe.id
                    WHERE pe.plan_id = p_plan_id AND r.status = '{nameof(ReportStatus.Approved)}'
                      AND (p_periods_ending_by IS NULL OR pe.ends_on <= p_periods_ending_by)
                    ORDER BY r.task_key, r.unit_id, pe.ends_on DESC, r.approved_at DESC NULLS LAST, r.id DESC
                $$;

                -- The one definition of an indicator's figure of a year: per indicator of the version (matched by key,
                -- so values written against earlier versions count) and period, the national figure where the ministry
                -- reported one, else the units' values combined by the indicator's aggregation; a year's figure is that
                -- of its last period with one. Optionally only periods that ended by a day. With the value ids it rests on.
                CREATE FUNCTION indicator_year_figures(p_version_id integer, p_periods_ending_by date)
                RETURNS TABLE (indicator_key uuid, year integer, value numeric, is_national boolean, units bigint, period_id integer, value_ids bigint[])
                LANGUAGE sql STABLE AS $$
                    WITH per_period AS (
                        SELECT i.key, i.aggregation, v.period_id, pe.ends_on,
                               max(v.value) FILTER (WHERE v.unit_id IS NULL) AS national,
                               sum(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS unit_sum,
                               avg(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS unit_avg,
                               count(v.value) FILTER (WHERE v.unit_id IS NOT NULL) AS units,
                               array_agg(v.id ORDER BY v.id) FILTER (WHERE v.unit_id IS NULL) AS national_ids,
                               array_agg(v.id ORDER BY v.id) FILTER (WHERE v.unit_id IS NOT NULL) AS unit_ids
                        FROM plan_versions pv
                        JOIN indicators i ON i.plan_version_id = pv.id
                        JOIN indicator_values v ON v.indicator_key = i.key AND v.status = '{nameof(ReportStatus.Approved)}' AND v.value IS NOT NULL
                        JOIN reporting_periods pe ON pe.id = v.period_id AND pe.plan_id = pv.plan_id
                        WHERE pv.id = p_version_id AND (p_periods_ending_by IS NULL OR pe.ends_on <= p_periods_ending_by)
                        GROUP BY i.key, i.aggregation, v.period_id, pe.ends_on
                    ),
                    figure AS (
                        SELECT key, period_id, ends_on, units, national IS NOT NULL AS is_national,
                               CASE WHEN national IS NOT NULL THEN national
                                    WHEN aggregation = '{nameof(IndicatorAggregation.Sum)}' THEN unit_sum
                                    WHEN aggregation = '{nameof(IndicatorAggregation.Average)}' THEN round(unit_avg, 4) END AS value,
                               CASE WHEN national IS NOT NULL THEN national_ids ELSE unit_ids END AS value_ids
                        FROM per_period
                    )
                    SELECT DISTINCT ON (key, extract(year FROM ends_on))
                           key, extract(year FROM ends_on)::integer, value, is_national, units, period_id, value_ids
                    FROM figure
                    WHERE value IS NOT NULL
                    ORDER BY key, extract(year FROM ends_on), ends_on DESC, period_id DESC
                $$;

                -- Where a task sits in its version's outline: its chapter and special column (up to four levels up).
                CREATE VIEW task_places AS
                    SELECT n.id AS task_id, n.key AS task_key, n.plan_version_id,
                           CASE WHEN p1.kind = '{nameof(NodeKind.Chapter)}' THEN p1.id WHEN p2.kind = '{nameof(NodeKind.Chapter)}' THEN p2.id
                                WHEN p3.kind = '{nameof(NodeKind.Chapter)}' THEN p3.id WHEN p4.kind = '{nameof(NodeKind.Chapter)}' THEN p4.id END AS chapter_id,
                           CASE WHEN p1.kind = '{nameof(NodeKind.SpecialColumn)}' THEN p1.id WHEN p2.kind = '{nameof(NodeKind.SpecialColumn)}' THEN p2.id
                                WHEN p3.kind = '{nameof(NodeKind.SpecialColumn)}' THEN p3.id WHEN p4.kind = '{nameof(NodeKind.SpecialColumn)}' THEN p4.id END AS special_column_id
                    FROM plan_nodes n
                    LEFT JOIN plan_nodes p1 ON p1.id = n.parent_id
                    LEFT JOIN plan_nodes p2 ON p2.id = p1.parent_id
                    LEFT JOIN plan_nodes p3 ON p3.id = p2.parent_id
                    LEFT JOIN plan_nodes p4 ON p4.id = p3.parent_id
                    WHERE n.kind = '{nameof(NodeKind.Task)}';

                -- Expected progress (时间进度) of a span on a day, in percent to one decimal: the share of the span elapsed.
                CREATE FUNCTION expected_progress(p_starts_on date, p_ends_on date, p_as_of date) RETURNS numeric
                LANGUAGE sql IMMUTABLE AS $$
                    SELECT CASE WHEN p_as_of < p_starts_on THEN 0::numeric
                                WHEN p_ends_on = p_starts_on THEN 100::numeric
                                ELSE round(LEAST(100, GREATEST(0, 100.0 * (p_as_of - p_starts_on) / (p_ends_on - p_starts_on))), 1) END
                $$;

                DROP TRIGGER trg_progress_reports_rollup ON progress_reports;
                DROP FUNCTION progress_reports_rollup();
                DROP FUNCTION rebuild_task_progress_rollups(integer);
                DROP FUNCTION refresh_task_progress_rollup(integer, integer);

                CREATE FUNCTION refresh_task_progress_rollup(p_plan_id integer, p_task_key uuid, p_unit_id integer) RETURNS void
                LANGUAGE sql AS $$
                    DELETE FROM task_progress_rollups WHERE plan_id = p_plan_id AND task_key = p_task_key AND unit_id = p_unit_id;
                    INSERT INTO task_progress_rollups (plan_id, task_key, unit_id, report_id, task_id, period_id, period_ends_on, percent_complete, progress, approved_at)
                    SELECT p_plan_id, l.task_key, l.unit_id, l.report_id, l.task_id, l.period_id, l.period_ends_on, l.percent_complete, l.progress, l.approved_at
                    FROM latest_approved_reports(p_plan_id, NULL) l
                    WHERE l.task_key = p_task_key AND l.unit_id = p_unit_id;
                $$;

                CREATE FUNCTION rebuild_task_progress_rollups(p_plan_id integer) RETURNS void
                LANGUAGE sql AS $$
                    DELETE FROM task_progress_rollups WHERE plan_id = p_plan_id;
                    INSERT INTO task_progress_rollups (plan_id, task_key, unit_id, report_id, task_id, period_id, period_ends_on, percent_complete, progress, approved_at)
                    SELECT p_plan_id, l.task_key, l.unit_id, l.report_id, l.task_id, l.period_id, l.period_ends_on, l.percent_complete, l.progress, l.approved_at
                    FROM latest_approved_reports(p_plan_id, NULL) l;
                $$;

                CREATE FUNCTION progress_reports_rollup() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = '{nameof(ReportStatus.Approved)}' THEN
                        PERFORM refresh_task_progress_rollup((SELECT plan_id FROM reporting_periods WHERE id = OLD.period_id), OLD.task_key, OLD.unit_id);
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = '{nameof(ReportStatus.Approved)}'
                       AND (TG_OP = 'INSERT' OR OLD.status <> '{nameof(ReportStatus.Approved)}' OR OLD.task_key <> NEW.task_key OR OLD.unit_id <> NEW.unit_id OR OLD.period_id <> NEW.period_id) THEN
                        PERFORM refresh_task_progress_rollup((SELECT plan_id FROM reporting_periods WHERE id = NEW.period_id), NEW.task_key, NEW.unit_id);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER trg_progress_reports_rollup
                AFTER INSERT OR UPDATE OR DELETE ON progress_reports
                FOR EACH ROW EXECUTE FUNCTION progress_reports_rollup();

                SELECT rebuild_task_progress_rollups(id) FROM plans;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                $"""
                DROP TRIGGER trg_progress_reports_rollup ON progress_reports;
                DROP FUNCTION progress_reports_rollup();
                DROP FUNCTION rebuild_task_progress_rollups(integer);
                DROP FUNCTION refresh_task_progress_rollup(integer, uuid, integer);
                DROP FUNCTION expected_progress(date, date, date);
                DROP VIEW task_places;
                DROP FUNCTION latest_approved_reports(integer, date);
                DROP FUNCTION indicator_year_figures(integer, date);
                DROP TRIGGER trg_progress_reports_task_key ON progress_reports;
                DROP FUNCTION progress_reports_task_key();
                DROP TRIGGER trg_indicator_values_indicator_key ON indicator_values;
                DROP FUNCTION indicator_values_indicator_key();

                CREATE FUNCTION refresh_task_progress_rollup(p_task_id integer, p_unit_id integer) RETURNS void
                LANGUAGE plpgsql AS $$
                DECLARE
                    v_plan integer;
                    v_key uuid;
                BEGIN
                    SELECT v.plan_id, n.key INTO v_plan, v_key
                    FROM plan_nodes n JOIN plan_versions v ON v.id = n.plan_version_id
                    WHERE n.id = p_task_id;
                    IF v_key IS NULL THEN
                        RETURN;
                    END IF;

                    DELETE FROM task_progress_rollups WHERE plan_id = v_plan AND task_key = v_key AND unit_id = p_unit_id;
                    INSERT INTO task_progress_rollups (plan_id, task_key, unit_id, report_id, task_id, period_id, period_ends_on, percent_complete, progress, approved_at)
                    SELECT v_plan, v_key, p_unit_id, r.id, r.task_id, r.period_id, pe.ends_on, r.percent_complete, r.progress, r.approved_at
                    FROM plan_nodes n
                    JOIN plan_versions v ON v.id = n.plan_version_id AND v.plan_id = v_plan
                    JOIN progress_reports r ON r.task_id = n.id AND r.unit_id = p_unit_id AND r.status = 'Approved'
                    JOIN reporting_periods pe ON pe.id = r.period_id
                    WHERE n.key = v_key
                    ORDER BY pe.ends_on DESC, r.approved_at DESC NULLS LAST, r.id DESC
                    LIMIT 1;
                END
                $$;

                CREATE FUNCTION rebuild_task_progress_rollups(p_plan_id integer) RETURNS void
                LANGUAGE sql AS $$
                    DELETE FROM task_progress_rollups WHERE plan_id = p_plan_id;
                    INSERT INTO task_progress_rollups (plan_id, task_key, unit_id, report_id, task_id, period_id, period_ends_on, percent_complete, progress, approved_at)
                    SELECT DISTINCT ON (n.key, r.unit_id)
                        p_plan_id, n.key, r.unit_id, r.id, r.task_id, r.period_id, pe.ends_on, r.percent_complete, r.progress, r.approved_at
                    FROM plan_versions v
                    JOIN plan_nodes n ON n.plan_version_id = v.id
                    JOIN progress_reports r ON r.task_id = n.id AND r.status = 'Approved'
                    JOIN reporting_periods pe ON pe.id = r.period_id
                    WHERE v.plan_id = p_plan_id
                    ORDER BY n.key, r.unit_id, pe.ends_on DESC, r.approved_at DESC NULLS LAST, r.id DESC;
                $$;

                CREATE FUNCTION progress_reports_rollup() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'Approved' THEN
                        PERFORM refresh_task_progress_rollup(OLD.task_id, OLD.unit_id);
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'Approved'
                       AND (TG_OP = 'INSERT' OR OLD.status <> 'Approved' OR OLD.task_id <> NEW.task_id OR OLD.unit_id <> NEW.unit_id) THEN
                        PERFORM refresh_task_progress_rollup(NEW.task_id, NEW.unit_id);
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER trg_progress_reports_rollup
                AFTER INSERT OR UPDATE OR DELETE ON progress_reports
                FOR EACH ROW EXECUTE FUNCTION progress_reports_rollup();
                """);

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_period_id_task_key_unit_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_task_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_task_key_unit_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_indicator_values_indicator_id",
                table: "indicator_values");

            migrationBuilder.DropIndex(
                name: "ix_indicator_values_indicator_key_unit_id_period_id",
                table: "indicator_values");

            migrationBuilder.DropColumn(
                name: "task_key",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "indicator_key",
                table: "indicator_values");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_period_id_task_id_unit_id",
                table: "progress_reports",
                columns: new[] { "period_id", "task_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id_unit_id",
                table: "progress_reports",
                columns: new[] { "task_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_values_indicator_id_unit_id_period_id",
                table: "indicator_values",
                columns: new[] { "indicator_id", "unit_id", "period_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
