using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringRollupAndWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_progress_reports_task_id",
                table: "progress_reports");

            migrationBuilder.CreateTable(
                name: "early_warnings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    task_key = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<int>(type: "integer", nullable: true),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    indicator_id = table.Column<int>(type: "integer", nullable: true),
                    evidence_report_id = table.Column<long>(type: "bigint", nullable: true),
                    colour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    previous_colour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    handled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    adjustment_id = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_early_warnings", x => x.id);
                    table.CheckConstraint("ck_early_warnings_colour", "colour IN ('Amber', 'Red')");
                    table.ForeignKey(
                        name: "fk_early_warnings_adjustments_adjustment_id",
                        column: x => x.adjustment_id,
                        principalTable: "adjustments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_early_warnings_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_early_warnings_plan_nodes_task_id",
                        column: x => x.task_id,
                        principalTable: "plan_nodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_early_warnings_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_early_warnings_progress_reports_evidence_report_id",
                        column: x => x.evidence_report_id,
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_early_warnings_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monitored_statuses",
                columns: table => new
                {
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    subject_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    colour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    since = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitored_statuses", x => new { x.plan_id, x.subject_key });
                    table.ForeignKey(
                        name: "fk_monitored_statuses_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id_unit_id",
                table: "progress_reports",
                columns: new[] { "task_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_nodes_key",
                table: "plan_nodes",
                column: "key");

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_adjustment_id",
                table: "early_warnings",
                column: "adjustment_id");

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_evidence_report_id",
                table: "early_warnings",
                column: "evidence_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_indicator_id",
                table: "early_warnings",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_plan_id_raised_at",
                table: "early_warnings",
                columns: new[] { "plan_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_plan_id_state_raised_at",
                table: "early_warnings",
                columns: new[] { "plan_id", "state", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_plan_id_subject_key",
                table: "early_warnings",
                columns: new[] { "plan_id", "subject_key" });

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_task_id",
                table: "early_warnings",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_early_warnings_unit_id",
                table: "early_warnings",
                column: "unit_id");

            // The progress rollup: per plan, task (by key, so across versions) and unit, the latest approved report.
            // Dashboards read 11,100 rows a plan here instead of picking the latest of 222,000 reports at each request.
            // A trigger keeps it current on every approval, return, reopen or correction, whatever code path wrote.
            migrationBuilder.Sql("""
                CREATE TABLE task_progress_rollups (
                    plan_id integer NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
                    task_key uuid NOT NULL,
                    unit_id integer NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
                    report_id bigint NOT NULL,
                    task_id integer NOT NULL,
                    period_id integer NOT NULL,
                    period_ends_on date NOT NULL,
                    percent_complete numeric(18,4),
                    progress character varying(40),
                    approved_at timestamp with time zone,
                    CONSTRAINT pk_task_progress_rollups PRIMARY KEY (plan_id, task_key, unit_id)
                );

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

                SELECT rebuild_task_progress_rollups(id) FROM plans;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_progress_reports_rollup ON progress_reports;
                DROP FUNCTION progress_reports_rollup();
                DROP FUNCTION rebuild_task_progress_rollups(integer);
                DROP FUNCTION refresh_task_progress_rollup(integer, integer);
                DROP TABLE task_progress_rollups;
                """);

            migrationBuilder.DropTable(
                name: "early_warnings");

            migrationBuilder.DropTable(
                name: "monitored_statuses");

            migrationBuilder.DropIndex(
                name: "ix_progress_reports_task_id_unit_id",
                table: "progress_reports");

            migrationBuilder.DropIndex(
                name: "ix_plan_nodes_key",
                table: "plan_nodes");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_task_id",
                table: "progress_reports",
                column: "task_id");
        }
    }
}
