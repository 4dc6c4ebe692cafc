using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanNode>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ProgressReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).HasField("_events");

        // One report per task, unit and period; the unit's inbox and the completeness matrix read by these keys.
        builder.HasIndex(r => new { r.PeriodId, r.TaskId, r.UnitId }).IsUnique();
        builder.HasIndex(r => new { r.UnitId, r.PeriodId });
        builder.ToTable(t => t.HasCheckConstraint("ck_progress_reports_percent", "percent_complete IS NULL OR (percent_complete >= 0 AND percent_complete <= 100)"));
    }
}
