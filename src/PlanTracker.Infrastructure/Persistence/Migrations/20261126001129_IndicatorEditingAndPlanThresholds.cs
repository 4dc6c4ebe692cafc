using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorEditingAndPlanThresholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing plans get MonitoringThresholds.Default (docs/monitoring-rules.md), not zeros: hand-edited defaults.
            migrationBuilder.AddColumn<decimal>(
                name: "threshold_amber_gap_points",
                table: "plans",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 10m);

            migrationBuilder.AddColumn<decimal>(
                name: "threshold_on_schedule_band_points",
                table: "plans",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 10m);

            migrationBuilder.AddColumn<int>(
                name: "threshold_overdue_red_days",
                table: "plans",
                type: "integer",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<decimal>(
                name: "threshold_red_gap_points",
                table: "plans",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 25m);

            migrationBuilder.AddColumn<int>(
                name: "threshold_returned_red_days",
                table: "plans",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<string>(
                name: "baseline_note",
                table: "indicators",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "threshold_amber_gap_points",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "threshold_on_schedule_band_points",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "threshold_overdue_red_days",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "threshold_red_gap_points",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "threshold_returned_red_days",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "baseline_note",
                table: "indicators");
        }
    }
}
