using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanTracker.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorPlannedMilestones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "planned_milestones",
                table: "indicators",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "planned_milestones",
                table: "indicators");
        }
    }
}
