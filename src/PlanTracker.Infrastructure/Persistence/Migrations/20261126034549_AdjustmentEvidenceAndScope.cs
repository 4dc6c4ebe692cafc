using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AdjustmentEvidenceAndScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "adjustment_evidence",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    adjustment_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    warning_id = table.Column<long>(type: "bigint", nullable: true),
                    progress_report_id = table.Column<long>(type: "bigint", nullable: true),
                    indicator_value_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_adjustment_evidence", x => x.id);
                    table.CheckConstraint("ck_adjustment_evidence_one_target", "num_nonnulls(warning_id, progress_report_id, indicator_value_id) = 1");
                    table.ForeignKey(
                        name: "fk_adjustment_evidence_adjustments_adjustment_id",
                        column: x => x.adjustment_id,
                        principalTable: "adjustments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_adjustment_evidence_early_warnings_warning_id",
                        column: x => x.warning_id,
                        principalTable: "early_warnings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_adjustment_evidence_indicator_values_indicator_value_id",
                        column: x => x.indicator_value_id,
                        principalTable: "indicator_values",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_adjustment_evidence_progress_reports_progress_report_id",
                        column: x => x.progress_report_id,
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_adjustment_evidence_adjustment_id",
                table: "adjustment_evidence",
                column: "adjustment_id");

            migrationBuilder.CreateIndex(
                name: "ix_adjustment_evidence_indicator_value_id",
                table: "adjustment_evidence",
                column: "indicator_value_id");

            migrationBuilder.CreateIndex(
                name: "ix_adjustment_evidence_progress_report_id",
                table: "adjustment_evidence",
                column: "progress_report_id");

            migrationBuilder.CreateIndex(
                name: "ix_adjustment_evidence_warning_id",
                table: "adjustment_evidence",
                column: "warning_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "adjustment_evidence");
        }
    }
}
