using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxReopenedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_unit_id_reopened",
                table: "progress_reports",
                column: "unit_id",
                filter: "is_reopened");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_progress_reports_unit_id_reopened",
                table: "progress_reports");
        }
    }
}
